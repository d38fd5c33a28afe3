-- First attempts of the cohort with every input the four models read, the actual outcome,
-- and whether a later retry of a decline was approved (what actually happened).
WITH retries AS (
  SELECT original_transaction_id, bool_or(is_approved) AS recovered
  FROM payments_enriched_silver
  WHERE is_retry
  GROUP BY original_transaction_id
)
SELECT
  s.transaction_id,
  s.event_timestamp,
  CAST(s.amount AS DOUBLE) AS amount_value,
  CASE WHEN s.is_approved THEN 'approved' ELSE 'declined' END AS label,
  CAST(s.amount AS DOUBLE) AS amount,
  s.fraud_score,
  s.merchant_segment,
  s.card_network,
  s.uses_3ds,
  s.is_network_token,
  s.card_type,
  s.channel,
  s.three_ds_outcome,
  s.is_cross_border,
  s.issuer_country,
  s.merchant_country,
  s.processor,
  s.device_trust_score,
  s.velocity_score,
  s.aml_risk_score,
  s.retry_attempt,
  s.event_hour,
  coalesce(s.decline_reason, 'none') AS decline_reason,
  coalesce(s.is_fraud, FALSE) AS is_fraud,
  coalesce(r.recovered, FALSE) AS recovered
FROM silver AS s
LEFT JOIN retries AS r ON r.original_transaction_id = s.transaction_id
WHERE NOT coalesce(s.is_retry, FALSE)
  AND s.is_approved IS NOT NULL
  AND s.fraud_score BETWEEN 0 AND 1
