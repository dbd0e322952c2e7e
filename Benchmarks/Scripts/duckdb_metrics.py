#!/usr/bin/env python3
"""Per-service reliability metrics of an incident event log with DuckDB, by OpsMetrics' definitions.

Usage: duckdb_metrics.py LOG csv|ndjson OUTPUT.json

Implements /work/shared/DEFINITIONS.md and the project's decisions (Sources/OpsMetrics/OpsMetrics.docc)
for what the benchmark log holds (event form: id, timestamp, event, service; no window, as-of, kind or
parent given), with the defaults of `opsmetrics report`:

- events: names compared without case, spaces, '_' and '-', with every alias of EventKind; values
  trimmed of spaces and tabs; '', '?', '-', 'null', 'n/a', 'none', 'nan' (any case) mean no value;
- per record: opened = min(opened), impact_start = min(impact_started), detected = min(detected),
  recovered = max(recovered), resolved = max(resolved), reopened = max(reopened); service = the last
  non-empty value by event time (rows of one incident are never at the same time in this log);
  records with nothing but notes are no incidents;
- defaults: opened <- first non-note event; detected <- opened; impact_start <- min(opened, detected);
  recovered <- resolved; reopened after the last resolution -> open (resolved = none); reopened after
  the recovery -> the outage ends at the resolution if it came after the reopen, else it goes on;
- window W = [earliest event, latest event] (end inclusive), as-of T = latest event;
- outage = [impact_start, min(recovered or T, T)), none when recovered < impact_start;
- downtime = |union of outages, clipped to [W0, T)|; eligible = T - W0; uptime = 100 (1 - d/e);
- failures = episodes (outages sorted by start, end; joined while start <= the latest end so far)
  starting in W; incidents = records opened in W;
- MTTR = mean of recovered - impact_start over records with an outage that has ended in W.
Prints nothing; writes {"services": [{service, incidents, failures, downtime_us, eligible_us,
uptime_percent, mttr_n, mttr_mean_us}, ...]} sorted by service.
"""
import json
import sys

import duckdb

COLUMNS = "{'id': 'VARCHAR', 'timestamp': 'TIMESTAMPTZ', 'event': 'VARCHAR', 'service': 'VARCHAR', 'priority': 'VARCHAR', 'reason': 'VARCHAR'}"

QUERY = r"""
WITH raw AS (
    SELECT trim(id, ' ' || chr(9)) AS id,
           epoch_us("timestamp") AS t,
           lower(regexp_replace(event, '[ _\t-]', '', 'g')) AS name,
           trim(service, ' ' || chr(9)) AS svc
    FROM {source}
),
ev AS (
    SELECT id, t,
           CASE
               WHEN name IN ('opened', 'open', 'create', 'created', 'trigger', 'triggered') THEN 'opened'
               WHEN name IN ('impactstarted', 'impactstart', 'start', 'started') THEN 'impact_started'
               WHEN name IN ('detected', 'detect') THEN 'detected'
               WHEN name IN ('acknowledged', 'acknowledge', 'ack', 'acked') THEN 'acknowledged'
               WHEN name IN ('recovered', 'recover', 'mitigated', 'mitigate') THEN 'recovered'
               WHEN name IN ('resolved', 'resolve') THEN 'resolved'
               WHEN name IN ('reopened', 'reopen') THEN 'reopened'
               WHEN name IN ('closed', 'close') THEN 'closed'
               WHEN name IN ('status', 'statuschange', 'statuschanged') THEN 'status'
               WHEN name IN ('note', 'comment') THEN 'note'
           END AS kind,
           CASE WHEN svc IS NULL OR lower(svc) IN ('', '?', '-', 'null', 'n/a', 'none', 'nan') THEN NULL ELSE svc END AS service
    FROM raw
),
bounds AS (SELECT min(t) AS w0, max(t) AS w1 FROM ev),
rec AS (
    SELECT id,
           min(t) FILTER (WHERE kind = 'opened') AS opened,
           min(t) FILTER (WHERE kind = 'impact_started') AS impact,
           min(t) FILTER (WHERE kind = 'detected') AS detected,
           max(t) FILTER (WHERE kind = 'recovered') AS recovered,
           max(t) FILTER (WHERE kind = 'resolved') AS resolved_last,
           max(t) FILTER (WHERE kind = 'reopened') AS reopened_last,
           min(t) FILTER (WHERE kind <> 'note') AS first_activity,
           arg_max(service, t) FILTER (WHERE service IS NOT NULL) AS service
    FROM ev GROUP BY id
),
facts AS (
    SELECT coalesce(service, '(no service)') AS service,
           coalesce(opened, first_activity) AS opened_e,
           coalesce(detected, opened_e) AS detected_e,
           coalesce(impact, least(opened_e, detected_e)) AS impact_e,
           CASE WHEN reopened_last > resolved_last THEN NULL ELSE resolved_last END AS resolved_e,
           coalesce(recovered, resolved_last) AS recovered_0,
           CASE WHEN reopened_last > recovered_0 THEN resolved_e ELSE recovered_0 END AS recovered_e
    FROM rec WHERE first_activity IS NOT NULL
),
outages AS (
    SELECT f.service, f.impact_e AS s, greatest(least(coalesce(f.recovered_e, b.w1), b.w1), f.impact_e) AS e,
           f.recovered_e, b.w0, b.w1
    FROM facts f, bounds b
    WHERE (f.recovered_e IS NULL OR f.recovered_e >= f.impact_e) AND f.impact_e <= b.w1
),
swept AS (
    SELECT service, s, e, w0, w1,
           max(e) OVER (PARTITION BY service ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
    FROM outages
),
numbered AS (
    SELECT service, s, e, w0, w1,
           sum(CASE WHEN reach IS NULL OR s > reach THEN 1 ELSE 0 END)
               OVER (PARTITION BY service ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS episode
    FROM swept
),
episodes AS (
    SELECT service, min(s) AS s, max(e) AS e, any_value(w0) AS w0, any_value(w1) AS w1
    FROM numbered GROUP BY service, episode
),
per_service_episodes AS (
    SELECT service,
           count(*) FILTER (WHERE s >= w0 AND s <= w1) AS failures,
           sum(greatest(least(e, w1) - greatest(s, w0), 0)) AS downtime_us
    FROM episodes GROUP BY service
),
per_service_mttr AS (
    SELECT service, count(*) AS mttr_n, avg(recovered_e - s) AS mttr_mean_us
    FROM outages WHERE recovered_e IS NOT NULL AND recovered_e >= w0 AND recovered_e <= w1
    GROUP BY service
),
per_service_incidents AS (
    SELECT f.service, count(*) FILTER (WHERE f.opened_e >= b.w0 AND f.opened_e <= b.w1) AS incidents
    FROM facts f, bounds b GROUP BY f.service
)
SELECT i.service, i.incidents, coalesce(e.failures, 0) AS failures, coalesce(e.downtime_us, 0) AS downtime_us,
       b.w1 - b.w0 AS eligible_us,
       CASE WHEN b.w1 > b.w0 THEN 100 * (1 - coalesce(e.downtime_us, 0) / (b.w1 - b.w0)) END AS uptime_percent,
       coalesce(m.mttr_n, 0) AS mttr_n, m.mttr_mean_us
FROM per_service_incidents i
CROSS JOIN bounds b
LEFT JOIN per_service_episodes e USING (service)
LEFT JOIN per_service_mttr m USING (service)
ORDER BY i.service
"""


def main():
    path, form, output = sys.argv[1:4]
    if form == "csv":
        source = f"read_csv('{path}', header = true, columns = {COLUMNS})"
    else:
        source = f"read_json('{path}', format = 'newline_delimited', columns = {COLUMNS})"
    rows = duckdb.sql(QUERY.format(source=source)).fetchall()
    keys = ["service", "incidents", "failures", "downtime_us", "eligible_us", "uptime_percent", "mttr_n", "mttr_mean_us"]
    services = [dict(zip(keys, row)) for row in rows]
    for s in services:
        s["downtime_us"] = int(s["downtime_us"])
        s["eligible_us"] = int(s["eligible_us"])
        s["uptime_percent"] = float(s["uptime_percent"]) if s["uptime_percent"] is not None else None
        s["mttr_mean_us"] = float(s["mttr_mean_us"]) if s["mttr_mean_us"] is not None else None
    with open(output, "w") as out:
        json.dump({"tool": "duckdb " + duckdb.__version__, "services": services}, out, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
