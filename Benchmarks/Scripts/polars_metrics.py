#!/usr/bin/env python3
"""Per-service reliability metrics of an incident event log with polars (lazy), by OpsMetrics' definitions.

Usage: polars_metrics.py LOG csv|ndjson OUTPUT.json

The same definitions as duckdb_metrics.py (see its docstring), step for step.
"""
import json
import sys

import polars as pl

SPELLINGS = {
    "opened": ["opened", "open", "create", "created", "trigger", "triggered"],
    "impact_started": ["impactstarted", "impactstart", "start", "started"],
    "detected": ["detected", "detect"],
    "acknowledged": ["acknowledged", "acknowledge", "ack", "acked"],
    "recovered": ["recovered", "recover", "mitigated", "mitigate"],
    "resolved": ["resolved", "resolve"],
    "reopened": ["reopened", "reopen"],
    "closed": ["closed", "close"],
    "status": ["status", "statuschange", "statuschanged"],
    "note": ["note", "comment"],
}
NULLS = ["", "?", "-", "null", "n/a", "none", "nan"]
SCHEMA = {name: pl.String for name in ["id", "timestamp", "event", "service", "priority", "reason"]}


def main():
    path, form, output = sys.argv[1:4]
    source = pl.scan_csv(path, schema=SCHEMA) if form == "csv" else pl.scan_ndjson(path, schema=SCHEMA)
    blank = " \t"
    name = pl.col("event").str.to_lowercase().str.replace_all(r"[ _\t-]", "")
    kind = pl.lit(None, dtype=pl.String)
    for canonical, spellings in SPELLINGS.items():
        kind = pl.when(name.is_in(spellings)).then(pl.lit(canonical)).otherwise(kind)
    service = pl.col("service").str.strip_chars(blank)
    ev = source.select(
        pl.col("id").str.strip_chars(blank).alias("id"),
        pl.col("timestamp").str.strip_chars(blank)
        .str.to_datetime("%Y-%m-%dT%H:%M:%S%.f%#z", time_unit="us", time_zone="UTC").dt.epoch("us").alias("t"),
        kind.alias("kind"),
        pl.when(service.is_null() | service.str.to_lowercase().is_in(NULLS)).then(None).otherwise(service).alias("service"),
    )
    bounds = ev.select(pl.col("t").min().alias("w0"), pl.col("t").max().alias("w1"))

    def first(k):
        return pl.col("t").filter(pl.col("kind") == k).min()

    def last(k):
        return pl.col("t").filter(pl.col("kind") == k).max()

    rec = ev.group_by("id").agg(
        first("opened").alias("opened"),
        first("impact_started").alias("impact"),
        first("detected").alias("detected"),
        last("recovered").alias("recovered"),
        last("resolved").alias("resolved_last"),
        last("reopened").alias("reopened_last"),
        pl.col("t").filter(pl.col("kind") != "note").min().alias("first_activity"),
        pl.col("service").filter(pl.col("service").is_not_null())
        .sort_by(pl.col("t").filter(pl.col("service").is_not_null())).last().alias("service"),
    )
    opened_e = pl.coalesce("opened", "first_activity")
    facts = (
        rec.filter(pl.col("first_activity").is_not_null())
        .with_columns(pl.col("service").fill_null("(no service)"), opened_e.alias("opened_e"))
        .with_columns(pl.coalesce("detected", "opened_e").alias("detected_e"))
        .with_columns(
            pl.coalesce("impact", pl.min_horizontal("opened_e", "detected_e")).alias("impact_e"),
            pl.when(pl.col("reopened_last") > pl.col("resolved_last")).then(None)
            .otherwise(pl.col("resolved_last")).alias("resolved_e"),
            pl.coalesce("recovered", "resolved_last").alias("recovered_0"),
        )
        .with_columns(
            pl.when(pl.col("reopened_last") > pl.col("recovered_0")).then(pl.col("resolved_e"))
            .otherwise(pl.col("recovered_0")).alias("recovered_e"))
        .join(bounds, how="cross")
    )
    outages = (
        facts.filter((pl.col("recovered_e").is_null() | (pl.col("recovered_e") >= pl.col("impact_e")))
                     & (pl.col("impact_e") <= pl.col("w1")))
        .select(
            "service", "recovered_e", "w0", "w1",
            pl.col("impact_e").alias("s"),
            pl.max_horizontal(pl.min_horizontal(pl.coalesce("recovered_e", "w1"), "w1"), "impact_e").alias("e"),
        )
        .sort("service", "s", "e")
    )
    episodes = (
        outages.with_columns(pl.col("e").cum_max().shift(1).over("service").alias("reach"))
        .with_columns((pl.col("reach").is_null() | (pl.col("s") > pl.col("reach"))).cast(pl.Int64)
                      .cum_sum().over("service").alias("episode"))
        .group_by("service", "episode")
        .agg(pl.col("s").min(), pl.col("e").max(), pl.col("w0").first(), pl.col("w1").first())
    )
    per_episodes = episodes.group_by("service").agg(
        ((pl.col("s") >= pl.col("w0")) & (pl.col("s") <= pl.col("w1"))).sum().alias("failures"),
        (pl.min_horizontal("e", "w1") - pl.max_horizontal("s", "w0")).clip(lower_bound=0).sum().alias("downtime_us"),
    )
    ended = outages.filter(pl.col("recovered_e").is_not_null()
                           & (pl.col("recovered_e") >= pl.col("w0")) & (pl.col("recovered_e") <= pl.col("w1")))
    per_mttr = ended.group_by("service").agg(
        pl.len().alias("mttr_n"), (pl.col("recovered_e") - pl.col("s")).mean().alias("mttr_mean_us"))
    per_incidents = facts.group_by("service").agg(
        ((pl.col("opened_e") >= pl.col("w0")) & (pl.col("opened_e") <= pl.col("w1"))).sum().alias("incidents"),
        (pl.col("w1").first() - pl.col("w0").first()).alias("eligible_us"),
    )
    result = (
        per_incidents.join(per_episodes, on="service", how="left").join(per_mttr, on="service", how="left")
        .with_columns(pl.col("failures").fill_null(0), pl.col("downtime_us").fill_null(0), pl.col("mttr_n").fill_null(0))
        .with_columns(pl.when(pl.col("eligible_us") > 0)
                      .then(100 * (1 - pl.col("downtime_us") / pl.col("eligible_us"))).alias("uptime_percent"))
        .select("service", "incidents", "failures", "downtime_us", "eligible_us", "uptime_percent", "mttr_n", "mttr_mean_us")
        .sort("service")
        .collect()
    )
    with open(output, "w") as out:
        json.dump({"tool": "polars " + pl.__version__, "services": result.to_dicts()}, out, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
