#!/usr/bin/env python3
"""Writes an incident event log with N distinct services (issue 13: scale with services).

usage: many_services.py SERVICES [--seed N] [-o PATH]

Each service `svc-<i>` gets 1 to 3 incidents (opened, sometimes acknowledged, resolved; a few
left open), spread over one year from 2024-01-01, with one of five reasons or none. Rows are
in time order. Deterministic: the same SERVICES and seed give the same bytes. The generated
log is never committed; write it under /tmp.
"""
import argparse
import random
import sys
from datetime import datetime, timedelta, timezone

parser = argparse.ArgumentParser()
parser.add_argument("services", type=int)
parser.add_argument("--seed", type=int, default=13)
parser.add_argument("-o", "--output")
args = parser.parse_args()

rng = random.Random(args.seed)
start = datetime(2024, 1, 1, tzinfo=timezone.utc)
year = 366 * 86400
reasons = ["", "network", "deploy", "capacity", "dependency", "config"]
rows = []
incident = 0
for service in range(args.services):
    name = f"svc-{service}"
    for _ in range(rng.randint(1, 3)):
        incident += 1
        opened = rng.randrange(year - 86400)
        outage = rng.randint(30, 4 * 3600)
        reason = rng.choice(reasons)
        ident = f"INC{incident:08d}"
        rows.append((opened, ident, "opened", name, reason))
        if rng.random() < 0.5:
            rows.append((opened + rng.randint(1, 600), ident, "acknowledged", name, ""))
        if rng.random() < 0.97:
            rows.append((opened + outage, ident, "resolved", name, reason))
rows.sort()
out = open(args.output, "w") if args.output else sys.stdout
out.write("id,timestamp,event,service,priority,reason\n")
for seconds, ident, event, name, reason in rows:
    stamp = (start + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")
    out.write(f"{ident},{stamp},{event},{name},P2,{reason}\n")
out.close()
print(f"{args.services} services, {incident} incidents, {len(rows)} rows", file=sys.stderr)
