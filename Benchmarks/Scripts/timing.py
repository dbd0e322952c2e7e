#!/usr/bin/env python3
"""Times whole commands: several runs, alternating the commands, medians and peak resident memory.

Usage: timing.py RUNS TITLE LABEL=COMMAND [LABEL=COMMAND ...]

Each command runs once untimed (to warm the page cache), then RUNS times; run r starts with the
(r mod n)-th command and goes round, so a drift of the machine's speed spreads over all of them.
Wall time is measured around the process (fork to exit); peak RSS is the child's ru_maxrss
(os.wait4), and so is its CPU time (user + system, all threads). Standard output goes to /dev/null.
Prints a Markdown table: median and range of the wall time, the ratio of each median to the first
command's, the median CPU time and the median peak RSS. On a busy machine the wall times grow; the
CPU times much less, so they tell what the work costs when the wall times are in doubt.
"""
import os
import shlex
import statistics
import subprocess
import sys
import time


def run(command):
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"timing.py: {shlex.join(command)} exited with {process.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # KiB -> MiB


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    title = sys.argv[2]
    commands = []
    for spec in sys.argv[3:]:
        label, _, command = spec.partition("=")
        commands.append((label, shlex.split(command)))
    for _, command in commands:
        run(command)
    walls = {label: [] for label, _ in commands}
    rss = {label: [] for label, _ in commands}
    cpu = {label: [] for label, _ in commands}
    for r in range(runs):
        for k in range(len(commands)):
            label, command = commands[(r + k) % len(commands)]
            wall, seconds, peak = run(command)
            walls[label].append(wall)
            cpu[label].append(seconds)
            rss[label].append(peak)
    reference = statistics.median(walls[commands[0][0]])
    print(f"| {title} | median | range | × {commands[0][0]} | CPU | peak RSS |")
    print("|---|---|---|---|---|---|")
    for label, _ in commands:
        median = statistics.median(walls[label])
        print(f"| {label} | {median:.2f} s | {min(walls[label]):.2f}–{max(walls[label]):.2f} s | "
              f"{median / reference:.2f} | {statistics.median(cpu[label]):.2f} s | {statistics.median(rss[label]):.0f} MiB |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
