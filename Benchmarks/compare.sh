#!/usr/bin/env bash
# Whole-process comparison of `opsmetrics report` with DuckDB and polars on the generated log.
#
# Usage: Benchmarks/compare.sh [EVENTS] [RUNS]        (defaults: 10M events, 5 timed runs)
#
# 1. Builds opsmetrics (release, root package) and generate-log (release, Benchmarks package).
# 2. Generates the log as CSV and NDJSON (seed 42, 50 services) into $OPSMETRICS_BENCH_DIR
#    (default /tmp/opsmetrics-bench; about 2 GB at 10M events), unless already there.
# 3. Installs duckdb and polars from PyPI into Benchmarks/.venv (once); a tool that cannot be
#    installed is skipped with a message.
# 4. Checks that the three agree per service (incidents, failures, downtime, eligible time, uptime,
#    MTTR n and mean; see Scripts/compare_metrics.py and the definitions in Scripts/duckdb_metrics.py),
#    on CSV and on NDJSON, and that opsmetrics gives the same report for both. Stops if not.
# 5. Times each tool on each format: one warm-up run, then RUNS runs alternating the tools; prints
#    medians, ranges, ratios to opsmetrics and peak RSS (Scripts/timing.py).
# Whole process each: opsmetrics renders its JSON report to /dev/null; the Python tools include
# the interpreter's start and the import (about 0.1–0.3 s) and write a small JSON file.
set -euo pipefail

events="${1:-10M}"
runs="${2:-5}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
data="${OPSMETRICS_BENCH_DIR:-/tmp/opsmetrics-bench}"
venv="$here/.venv"
scripts="$here/Scripts"
mkdir -p "$data"

echo "== machine"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "kernel: $(uname -sr); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
swift --version 2>&1 | head -1

echo "== build (release)"
swift build -c release --package-path "$root" --product opsmetrics 2>&1 | tail -1
swift build -c release --package-path "$here" --product generate-log 2>&1 | tail -1
opsmetrics="$root/.build/release/opsmetrics"
generate="$here/.build/release/generate-log"

echo "== generate $events events (seed 42, 50 services) into $data"
for format in csv ndjson; do
    log="$data/log-$events-seed42.$format"
    if [[ ! -s "$log" || "$generate" -nt "$log" ]]; then  # regenerate after a change of the generator
        "$generate" "$events" --format "$format" --seed 42 --output "$log.partial" --summary
        mv "$log.partial" "$log"
    fi
    echo "$log: $(( $(stat -c %s "$log") / 1000000 )) MB"
done

echo "== python tools (PyPI, into $venv)"
tools=()
if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv" || echo "cannot create a virtual environment: DuckDB and polars are skipped"
fi
if [[ -x "$venv/bin/python" ]]; then
    for package in duckdb polars; do
        if "$venv/bin/python" -c "import $package" 2>/dev/null || "$venv/bin/pip" install --quiet "$package"; then
            tools+=("$package")
            echo "$package $("$venv/bin/python" -c "import $package; print($package.__version__)")"
        else
            echo "cannot install $package from PyPI: it is skipped"
        fi
    done
fi

echo "== agreement"
for format in csv ndjson; do
    log="$data/log-$events-seed42.$format"
    "$opsmetrics" report --format json "$log" > "$data/opsmetrics-$events.$format.json"
    outputs=()
    for tool in "${tools[@]}"; do
        "$venv/bin/python" "$scripts/${tool}_metrics.py" "$log" "$format" "$data/$tool-$events.$format.json"
        outputs+=("$data/$tool-$events.$format.json")
    done
    echo "-- $format"
    if [[ ${#outputs[@]} -gt 0 ]]; then
        python3 "$scripts/compare_metrics.py" "$data/opsmetrics-$events.$format.json" "${outputs[@]}"
    else
        echo "no other tool to compare with"
    fi
done
python3 - "$data/opsmetrics-$events.csv.json" "$data/opsmetrics-$events.ndjson.json" <<'EOF'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
same = all(a[k] == b[k] for k in ("services", "total", "reasons", "data_quality"))
print("opsmetrics: CSV and NDJSON reports " + ("identical" if same else "DIFFER"))
sys.exit(0 if same else 1)
EOF

echo "== timing: $runs runs each, alternating, after one warm-up run"
for format in csv ndjson; do
    log="$data/log-$events-seed42.$format"
    commands=("opsmetrics=$opsmetrics report --format json $log")
    for tool in "${tools[@]}"; do
        commands+=("$tool=$venv/bin/python $scripts/${tool}_metrics.py $log $format $data/$tool-timing.json")
    done
    echo
    python3 "$scripts/timing.py" "$runs" "$events events, $format ($(( $(stat -c %s "$log") / 1000000 )) MB)" "${commands[@]}"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
