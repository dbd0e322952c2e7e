#!/usr/bin/env python3
"""Deterministic generator of an incident event log for benchmarks and scale tests.

Usage: generate_log.py EVENTS [--format csv|ndjson] [--seed N] [--services N] > log.csv

Event form (id, timestamp, event, service, priority, reason), about 4 events per incident:
opened, acknowledged, resolved, sometimes reopened+resolved; ~2% never resolved; ~5% of rows
written out of order; timestamps with offsets and fractional seconds; quoted service names
with commas and UTF-8.
"""
import argparse, json, random, sys
from datetime import datetime, timedelta, timezone

def main():
    p = argparse.ArgumentParser()
    p.add_argument("events", type=int)
    p.add_argument("--format", choices=["csv", "ndjson"], default="csv")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--services", type=int, default=50)
    a = p.parse_args()
    rng = random.Random(a.seed)
    services = [f"svc-{i:02d}" if i % 7 else f"Payments, EU ({i}) – €" for i in range(a.services)]
    reasons = ["network", "deploy", "database", "capacity", "config", ""]
    base = datetime(2024, 1, 1, tzinfo=timezone.utc)
    zones = [timezone.utc, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5)), timezone(timedelta(hours=5, minutes=30))]
    out = sys.stdout
    if a.format == "csv":
        out.write("id,timestamp,event,service,priority,reason\n")
    def ts(t):
        z = zones[rng.randrange(len(zones))]
        local = t.astimezone(z)
        frac = rng.randrange(4)
        if frac == 0:
            s = local.strftime("%Y-%m-%dT%H:%M:%S")
        else:
            s = local.strftime("%Y-%m-%dT%H:%M:%S") + "." + f"{local.microsecond:06d}"[: 3 * frac]
        off = local.strftime("%z")
        return s + ("Z" if off == "+0000" else off[:3] + ":" + off[3:])
    def emit(row):
        if a.format == "csv":
            svc = row[3]
            if "," in svc or '"' in svc:
                svc = '"' + svc.replace('"', '""') + '"'
            out.write(f"{row[0]},{row[1]},{row[2]},{svc},{row[4]},{row[5]}\n")
        else:
            out.write(json.dumps(dict(zip(["id", "timestamp", "event", "service", "priority", "reason"], row)), ensure_ascii=False) + "\n")
    n = 0
    inc = 0
    held = []
    t = base
    while n < a.events:
        inc += 1
        t = t + timedelta(seconds=rng.randrange(1, 30), microseconds=rng.randrange(1_000_000))
        iid = f"INC{inc:08d}"
        svc = services[rng.randrange(len(services))]
        pr = f"P{rng.randrange(1, 5)}"
        reason = reasons[rng.randrange(len(reasons))]
        opened = t
        ack = opened + timedelta(seconds=rng.randrange(10, 900))
        res = ack + timedelta(seconds=rng.randrange(60, 36000))
        rows = [(iid, ts(opened), "opened", svc, pr, ""), (iid, ts(ack), "acknowledged", svc, "", "")]
        roll = rng.random()
        if roll < 0.02:
            pass
        else:
            rows.append((iid, ts(res), "resolved", svc, "", reason))
            if roll < 0.10:
                re = res + timedelta(seconds=rng.randrange(60, 7200))
                rows.append((iid, ts(re), "reopened", svc, "", ""))
                if roll < 0.08:
                    rows.append((iid, ts(re + timedelta(seconds=rng.randrange(60, 7200))), "resolved", svc, "", reason))
        for r in rows:
            if rng.random() < 0.05:
                held.append(r)
            else:
                emit(r)
            n += 1
            if n >= a.events:
                break
        if len(held) > 100:
            for r in held:
                emit(r)
            held = []
    for r in held:
        emit(r)

if __name__ == "__main__":
    main()
