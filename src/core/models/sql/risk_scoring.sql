-- risk_scoring: the fraud-score tier (LOW < 0.3 <= MEDIUM < 0.7 <= HIGH) predicted WITHOUT the
-- fraud score itself or anything computed from it (composite_risk_score, rule_risk_points),
-- so the label cannot be read off the inputs.
SELECT
  s.transaction_id,
  s.event_timestamp,
  CAST(s.amount AS DOUBLE) AS amount_value,
  s.risk_tier AS label,
  CAST(s.amount AS DOUBLE) AS amount,
  s.aml_risk_score,
  s.device_trust_score,
  s.velocity_score,
  s.is_cross_border,
  s.card_type,
  s.channel,
  s.merchant_segment,
  s.uses_3ds,
  s.three_ds_outcome,
  s.is_network_token,
  s.event_hour
FROM silver AS s
WHERE s.risk_tier IN ('LOW', 'MEDIUM', 'HIGH')
  AND s.fraud_score BETWEEN 0 AND 1
