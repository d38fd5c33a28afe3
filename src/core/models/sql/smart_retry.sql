-- smart_retry: did this retry of a declined payment get approved? One row per retry; the decline
-- it retries supplies the reason. The recommended wait is chosen by sweeping time_since_decline.
SELECT
  r.transaction_id,
  r.event_timestamp,
  CAST(r.amount AS DOUBLE) AS amount_value,
  CASE WHEN r.is_approved THEN 'recovered' ELSE 'not_recovered' END AS label,
  coalesce(prev.decline_reason, orig.decline_reason) AS decline_reason,
  CAST(r.amount AS DOUBLE) AS amount,
  r.fraud_score,
  r.retry_attempt AS previous_attempts,
  r.seconds_since_decline AS time_since_decline,
  r.card_type,
  r.merchant_segment,
  r.is_cross_border
FROM silver AS r
LEFT JOIN payments_enriched_silver AS orig
  ON orig.transaction_id = r.original_transaction_id
LEFT JOIN payments_enriched_silver AS prev
  ON prev.original_transaction_id = r.original_transaction_id
  AND prev.is_retry
  AND prev.retry_attempt = r.retry_attempt - 1
WHERE r.is_retry
  AND r.is_approved IS NOT NULL
  AND r.fraud_score BETWEEN 0 AND 1
