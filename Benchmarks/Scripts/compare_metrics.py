#!/usr/bin/env python3
"""Checks that opsmetrics, DuckDB and polars computed the same per-service metrics.

Usage: compare_metrics.py OPSMETRICS_REPORT.json OTHER.json [OTHER.json ...]

The first file is `opsmetrics report --format json`; the others are written by duckdb_metrics.py or
polars_metrics.py. Per service (matched by name) they must agree on:
  incidents, failures (episodes), MTTR sample count        exactly
  downtime and eligible time                               to 1 microsecond
  uptime percent                                           to a relative 1e-9
  MTTR mean                                                to 1 microsecond (opsmetrics rounds it)
Prints one line per file and every difference; exits 1 if any.
"""
import json
import sys


def load_opsmetrics(path):
    report = json.load(open(path))
    out = {}
    for s in report["services"]:
        out[s["service"]] = {
            "incidents": s["incidents"],
            "failures": s["failures"],
            "downtime_us": s["downtime_seconds"] * 1e6,
            "eligible_us": s["eligible_seconds"] * 1e6,
            "uptime_percent": s["uptime_percent"],
            "mttr_n": s["mttr"]["n"],
            "mttr_mean_us": None if s["mttr"]["mean_seconds"] is None else s["mttr"]["mean_seconds"] * 1e6,
        }
    return "opsmetrics", out


def load_tool(path):
    data = json.load(open(path))
    return data["tool"], {s["service"]: s for s in data["services"]}


def differences(reference, other):
    found = []
    for name in sorted(set(reference) | set(other)):
        if name not in reference or name not in other:
            found.append(f"service {name!r} only in {'the reference' if name in reference else 'the other'}")
            continue
        a, b = reference[name], other[name]
        for key in ("incidents", "failures", "mttr_n"):
            if a[key] != b[key]:
                found.append(f"{name!r} {key}: {a[key]} vs {b[key]}")
        for key in ("downtime_us", "eligible_us", "mttr_mean_us"):
            if (a[key] is None) != (b[key] is None) or (a[key] is not None and abs(a[key] - b[key]) > 1.0):
                found.append(f"{name!r} {key}: {a[key]} vs {b[key]}")
        x, y = a["uptime_percent"], b["uptime_percent"]
        if (x is None) != (y is None) or (x is not None and abs(x - y) > 1e-9 * max(abs(x), 1e-300)):
            found.append(f"{name!r} uptime_percent: {x} vs {y}")
    return found


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    label, reference = load_opsmetrics(sys.argv[1])
    failed = False
    for path in sys.argv[2:]:
        tool, other = load_tool(path)
        found = differences(reference, other)
        if found:
            failed = True
            print(f"DISAGREE: {label} vs {tool}: {len(found)} differences")
            for line in found[:20]:
                print("  " + line)
        else:
            print(f"agree: {label} and {tool} on {len(reference)} services "
                  "(incidents, failures, downtime, eligible, uptime, MTTR n and mean)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
