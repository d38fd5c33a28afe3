-- Silver: the batch's valid, first deliveries plus the derived columns of SPEC §2. A retry
-- whose first attempt is in the same batch has its original decline reason in the stage
-- (resolve_stage_retry_reasons.sql); the rest is resolved against silver by
-- resolve_retry_reasons.sql. A plain scan of the stage (no join) lets DuckDB insert in parallel.
INSERT INTO payments_enriched_silver
WITH d AS (
  SELECT *, _original_decline_reason AS odr,
    hour(event_timestamp) AS h,
    isodow(event_timestamp) AS dow,
    issuer_country <> merchant_country AS xb
  FROM pipeline_stage
  WHERE NOT _duplicate AND transaction_id IS NOT NULL AND amount > 0
),
p AS (
  SELECT d.*,
    h >= 23 OR h < 5 AS late,
    CASE WHEN fraud_score >= 0.8 THEN 50 ELSE 0 END + CASE WHEN amount > 5000 THEN 30 ELSE 0 END
      + CASE WHEN velocity_score > 0.8 THEN 25 ELSE 0 END + CASE WHEN xb THEN 15 ELSE 0 END
      + CASE WHEN h >= 23 OR h < 5 THEN 10 ELSE 0 END + CASE WHEN dow >= 6 THEN 5 ELSE 0 END AS points
  FROM d
)
SELECT transaction_id, event_timestamp, merchant_id, merchant_name, merchant_segment, merchant_country, issuer_country,
  card_network, card_type, channel, payment_solution, processor, amount, currency, uses_3ds, three_ds_outcome,
  is_network_token, fraud_score, aml_risk_score, device_trust_score, velocity_score, is_approved, decline_reason,
  response_code, is_retry, retry_attempt, original_transaction_id, seconds_since_decline, processing_latency_ms, is_fraud,
  event_timestamp::DATE AS event_date,
  h::INTEGER AS event_hour,
  dow::INTEGER AS day_of_week,
  dow >= 6 AS is_weekend,
  late AS is_late_night,
  CASE WHEN fraud_score < 0.3 THEN 'LOW'::risk_tier_t WHEN fraud_score < 0.7 THEN 'MEDIUM'::risk_tier_t WHEN fraud_score IS NOT NULL THEN 'HIGH'::risk_tier_t END AS risk_tier,
  CASE WHEN amount < 10 THEN 'micro'::amount_bucket_t WHEN amount < 100 THEN 'small'::amount_bucket_t WHEN amount < 1000 THEN 'medium'::amount_bucket_t ELSE 'large'::amount_bucket_t END AS amount_bucket,
  xb AS is_cross_border,
  round(0.5 * fraud_score + 0.3 * aml_risk_score + 0.2 * (1 - device_trust_score), 4) AS composite_risk_score,
  points AS rule_risk_points,
  CASE WHEN points >= 75 THEN 'CRITICAL'::rule_risk_level_t WHEN points >= 50 THEN 'HIGH'::rule_risk_level_t
       WHEN points >= 25 THEN 'MEDIUM'::rule_risk_level_t WHEN points >= 10 THEN 'LOW'::rule_risk_level_t
       ELSE 'MINIMAL'::rule_risk_level_t END AS rule_risk_level,
  CASE WHEN is_retry THEN odr END AS original_decline_reason,
  $ingested_at, $batch_id, $source
FROM p
