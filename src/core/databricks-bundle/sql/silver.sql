-- Silver: cleaned events, one per transaction_id (the first delivery wins), with the derived
-- columns of the local pipeline. The drop expectations mirror the local ones; valid_fraud_score
-- only warns. Dropped rows and duplicates are kept, with their reason, in payments_quarantine.
CREATE OR REFRESH MATERIALIZED VIEW payments_enriched_silver (
  CONSTRAINT valid_transaction_id EXPECT (transaction_id IS NOT NULL) ON VIOLATION DROP ROW,
  CONSTRAINT valid_amount EXPECT (amount > 0) ON VIOLATION DROP ROW,
  CONSTRAINT valid_fraud_score EXPECT (fraud_score BETWEEN 0 AND 1)
)
COMMENT 'Cleaned, deduplicated payment events with derived risk and time columns'
AS WITH first_delivery AS (
  SELECT *,
    hour(event_timestamp) AS _h,
    weekday(event_timestamp) + 1 AS _dow,
    issuer_country <> merchant_country AS _xb
  FROM (
    SELECT *, row_number() OVER (PARTITION BY transaction_id ORDER BY _ingested_at, _source) AS _delivery
    FROM payments_raw_bronze
  )
  -- Rows without an id are all kept here so that valid_transaction_id counts (and drops) each one.
  WHERE _delivery = 1 OR transaction_id IS NULL
),
declined_first_attempts AS (
  SELECT transaction_id, decline_reason FROM first_delivery
  WHERE transaction_id IS NOT NULL AND amount > 0 AND NOT is_retry AND NOT is_approved
),
scored AS (
  SELECT f.*,
    CASE WHEN f.fraud_score >= 0.8 THEN 50 ELSE 0 END + CASE WHEN f.amount > 5000 THEN 30 ELSE 0 END
      + CASE WHEN f.velocity_score > 0.8 THEN 25 ELSE 0 END + CASE WHEN f._xb THEN 15 ELSE 0 END
      + CASE WHEN f._h >= 23 OR f._h < 5 THEN 10 ELSE 0 END + CASE WHEN f._dow >= 6 THEN 5 ELSE 0 END AS _points,
    CASE WHEN f.is_retry THEN o.decline_reason END AS _original_decline_reason
  FROM first_delivery f LEFT JOIN declined_first_attempts o ON o.transaction_id = f.original_transaction_id
)
SELECT transaction_id, event_timestamp, merchant_id, merchant_name, merchant_segment, merchant_country, issuer_country,
  card_network, card_type, channel, payment_solution, processor, amount, currency, uses_3ds, three_ds_outcome,
  is_network_token, fraud_score, aml_risk_score, device_trust_score, velocity_score, is_approved, decline_reason,
  response_code, is_retry, retry_attempt, original_transaction_id, seconds_since_decline, processing_latency_ms, is_fraud,
  CAST(event_timestamp AS DATE) AS event_date,
  _h AS event_hour,
  _dow AS day_of_week,
  _dow >= 6 AS is_weekend,
  _h >= 23 OR _h < 5 AS is_late_night,
  CASE WHEN fraud_score < 0.3 THEN 'LOW' WHEN fraud_score < 0.7 THEN 'MEDIUM' WHEN fraud_score IS NOT NULL THEN 'HIGH' END AS risk_tier,
  CASE WHEN amount < 10 THEN 'micro' WHEN amount < 100 THEN 'small' WHEN amount < 1000 THEN 'medium' ELSE 'large' END AS amount_bucket,
  _xb AS is_cross_border,
  round(0.5 * fraud_score + 0.3 * aml_risk_score + 0.2 * (1 - device_trust_score), 4) AS composite_risk_score,
  _points AS rule_risk_points,
  CASE WHEN _points >= 75 THEN 'CRITICAL' WHEN _points >= 50 THEN 'HIGH' WHEN _points >= 25 THEN 'MEDIUM' WHEN _points >= 10 THEN 'LOW'
    ELSE 'MINIMAL' END AS rule_risk_level,
  _original_decline_reason AS original_decline_reason,
  _ingested_at, _batch_id, _source
FROM scored
