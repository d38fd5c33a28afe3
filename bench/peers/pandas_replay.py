"""The replay as a data scientist would write it in pandas: bronze -> silver (expectations, dedup, derived columns) -> gold.

Reads a recorded CSV or Parquet file, keeps everything in memory (nothing is persisted) and prints
one JSON line of counts, so the bench can check the peers did the same work as `medallion replay`.
"""

import json
import sys

import numpy as np
import pandas as pd

TEXT = ["transaction_id", "merchant_id", "response_code", "decline_reason", "original_transaction_id"]


def bronze(path: str) -> pd.DataFrame:
    if path.endswith(".parquet"):
        b = pd.read_parquet(path)
        return b.assign(amount=b["amount"].astype("float64"))  # DECIMAL arrives as Python decimals
    # ISO 8601 throughout, with or without fractional seconds (a whole second is written without them).
    return pd.read_csv(path, dtype={c: "string" for c in TEXT}, parse_dates=["event_timestamp"], date_format="ISO8601")


def silver(b: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, int]]:
    has_id = b["transaction_id"].notna()
    good_amount = has_id & (b["amount"] > 0)
    duplicate = has_id & b["transaction_id"].duplicated(keep="first")
    keep = good_amount & ~duplicate
    quarantined = {
        "valid_transaction_id": int((~has_id).sum()),
        "valid_amount": int((has_id & ~good_amount).sum()),
        "duplicate": int((good_amount & duplicate).sum()),
    }
    s = b[keep].copy()
    ts = s["event_timestamp"]
    hour = ts.dt.hour
    dow = ts.dt.day_of_week + 1
    s["event_date"] = ts.dt.normalize()
    s["event_hour"] = hour
    s["day_of_week"] = dow
    s["is_weekend"] = dow >= 6
    s["is_late_night"] = (hour >= 23) | (hour < 5)
    fraud = s["fraud_score"]
    s["risk_tier"] = np.select([fraud < 0.3, fraud < 0.7, fraud.notna()], ["LOW", "MEDIUM", "HIGH"], None)
    amount = s["amount"]
    s["amount_bucket"] = np.select([amount < 10, amount < 100, amount < 1000], ["micro", "small", "medium"], "large")
    s["is_cross_border"] = s["issuer_country"] != s["merchant_country"]
    s["composite_risk_score"] = (0.5 * fraud + 0.3 * s["aml_risk_score"] + 0.2 * (1 - s["device_trust_score"])).round(4)
    points = (
        np.where(fraud >= 0.8, 50, 0)
        + np.where(amount > 5000, 30, 0)
        + np.where(s["velocity_score"] > 0.8, 25, 0)
        + np.where(s["is_cross_border"], 15, 0)
        + np.where(s["is_late_night"], 10, 0)
        + np.where(dow >= 6, 5, 0)
    )
    s["rule_risk_points"] = points
    s["rule_risk_level"] = np.select([points >= 75, points >= 50, points >= 25, points >= 10], ["CRITICAL", "HIGH", "MEDIUM", "LOW"], "MINIMAL")
    quarantined["warned"] = int((fraud.isna() | (fraud < 0) | (fraud > 1)).sum())
    return s, quarantined


def gold(s: pd.DataFrame) -> dict[str, pd.DataFrame]:
    s = s.assign(approved=s["is_approved"].astype("int64"), approved_amount=s["amount"].where(s["is_approved"], 0.0))

    def perf(keys: list[str]) -> pd.DataFrame:
        g = s.groupby(keys, observed=True).agg(
            attempts=("transaction_id", "size"),
            approved=("approved", "sum"),
            amount=("amount", "sum"),
            approved_amount=("approved_amount", "sum"),
            avg_fraud=("fraud_score", "mean"),
            avg_latency=("processing_latency_ms", "mean"),
        )
        g["approval_rate_pct"] = (100 * g["approved"] / g["attempts"]).round(2)
        return g.reset_index()

    declines = s[~s["is_approved"]]
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
        "decline_reasons": declines.groupby("decline_reason", observed=True).size().reset_index(name="declines"),
        "retries": perf(["is_retry", "retry_attempt"]),
    }


def main(path: str) -> None:
    b = bronze(path)
    s, quarantined = silver(b)
    g = gold(s)
    print(json.dumps({"peer": "pandas", "records": len(b), "silver": len(s), "quarantined": quarantined, "gold_rows": sum(len(v) for v in g.values())}))


if __name__ == "__main__":
    main(sys.argv[1])
