"""The replay as a data scientist would write it in polars: bronze -> silver (expectations, dedup, derived columns) -> gold.

Same work and output as pandas_replay.py: everything in memory, one JSON line of counts.
"""

import json
import sys

import polars as pl

TEXT = ["transaction_id", "merchant_id", "response_code", "decline_reason", "original_transaction_id"]


def bronze(path: str) -> pl.DataFrame:
    if path.endswith(".parquet"):
        return pl.read_parquet(path)
    return pl.read_csv(path, schema_overrides={c: pl.String for c in TEXT}, try_parse_dates=True)


def silver(b: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, int]]:
    has_id = pl.col("transaction_id").is_not_null()
    good_amount = has_id & (pl.col("amount") > 0)
    duplicate = has_id & pl.col("transaction_id").is_duplicated() & ~pl.col("transaction_id").is_first_distinct()
    flagged = b.with_columns(_has_id=has_id, _good_amount=good_amount, _duplicate=duplicate)
    counts = flagged.select(
        valid_transaction_id=(~pl.col("_has_id")).sum(),
        valid_amount=(pl.col("_has_id") & ~pl.col("_good_amount")).sum(),
        duplicate=(pl.col("_good_amount") & pl.col("_duplicate")).sum(),
    ).row(0, named=True)
    ts = pl.col("event_timestamp")
    hour = ts.dt.hour()
    dow = ts.dt.weekday()
    fraud = pl.col("fraud_score")
    amount = pl.col("amount")
    s = (
        flagged.filter(pl.col("_good_amount") & ~pl.col("_duplicate"))
        .drop("_has_id", "_good_amount", "_duplicate")
        .with_columns(
            event_date=ts.dt.date(),
            event_hour=hour,
            day_of_week=dow,
            is_weekend=dow >= 6,
            is_late_night=(hour >= 23) | (hour < 5),
            risk_tier=pl.when(fraud < 0.3).then(pl.lit("LOW")).when(fraud < 0.7).then(pl.lit("MEDIUM")).when(fraud.is_not_null()).then(pl.lit("HIGH")),
            amount_bucket=pl.when(amount < 10).then(pl.lit("micro")).when(amount < 100).then(pl.lit("small")).when(amount < 1000).then(pl.lit("medium")).otherwise(pl.lit("large")),
            is_cross_border=pl.col("issuer_country") != pl.col("merchant_country"),
            composite_risk_score=(0.5 * fraud + 0.3 * pl.col("aml_risk_score") + 0.2 * (1 - pl.col("device_trust_score"))).round(4),
        )
        .with_columns(
            rule_risk_points=pl.when(fraud >= 0.8).then(50).otherwise(0)
            + pl.when(amount > 5000).then(30).otherwise(0)
            + pl.when(pl.col("velocity_score") > 0.8).then(25).otherwise(0)
            + pl.when(pl.col("is_cross_border")).then(15).otherwise(0)
            + pl.when(pl.col("is_late_night")).then(10).otherwise(0)
            + pl.when(pl.col("day_of_week") >= 6).then(5).otherwise(0)
        )
    )
    points = pl.col("rule_risk_points")
    s = s.with_columns(
        rule_risk_level=pl.when(points >= 75)
        .then(pl.lit("CRITICAL"))
        .when(points >= 50)
        .then(pl.lit("HIGH"))
        .when(points >= 25)
        .then(pl.lit("MEDIUM"))
        .when(points >= 10)
        .then(pl.lit("LOW"))
        .otherwise(pl.lit("MINIMAL"))
    )
    counts["warned"] = s.select((fraud.is_null() | (fraud < 0) | (fraud > 1)).sum()).item()
    return s, counts


def gold(s: pl.DataFrame) -> dict[str, pl.DataFrame]:
    s = s.with_columns(approved=pl.col("is_approved").cast(pl.Int64), approved_amount=pl.when(pl.col("is_approved")).then(pl.col("amount")).otherwise(0))

    def perf(keys: list[str]) -> pl.DataFrame:
        return (
            s.group_by(keys)
            .agg(
                attempts=pl.len(),
                approved=pl.col("approved").sum(),
                amount=pl.col("amount").sum(),
                approved_amount=pl.col("approved_amount").sum(),
                avg_fraud=pl.col("fraud_score").mean(),
                avg_latency=pl.col("processing_latency_ms").mean(),
            )
            .with_columns(approval_rate_pct=(100 * pl.col("approved") / pl.col("attempts")).round(2))
        )

    return {
        "executive_kpis": perf(["currency"]),
        "card_network": perf(["card_network"]),
        "segment": perf(["merchant_segment"]),
        "solution": perf(["payment_solution"]),
        "geography": perf(["issuer_country", "merchant_country"]),
        "routing": perf(["processor", "card_network"]),
        "risk": perf(["risk_tier", "rule_risk_level"]),
        "merchant": perf(["merchant_id", "merchant_name"]),
        "hourly": perf(["event_date", "event_hour"]),
        "daily": perf(["event_date"]),
        "decline_reasons": s.filter(~pl.col("is_approved")).group_by("decline_reason").agg(declines=pl.len()),
        "retries": perf(["is_retry", "retry_attempt"]),
    }


def main(path: str) -> None:
    b = bronze(path)
    s, quarantined = silver(b)
    g = gold(s)
    print(json.dumps({"peer": "polars", "records": b.height, "silver": s.height, "quarantined": quarantined, "gold_rows": sum(v.height for v in g.values())}))


if __name__ == "__main__":
    main(sys.argv[1])
