-- approval_propensity: was the authorization approved? Inputs known before the issuer answers;
-- decline_reason, response_code, latency and is_fraud are outcomes and stay out.
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
  s.processor,
  s.device_trust_score,
  s.velocity_score,
  s.retry_attempt
FROM silver AS s
WHERE s.is_approved IS NOT NULL
  AND s.fraud_score BETWEEN 0 AND 1
