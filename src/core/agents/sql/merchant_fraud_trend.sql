-- Fraud per merchant: the last 7 days against the 7 before.
SELECT merchant_id, merchant_name, merchant_segment::VARCHAR AS merchant_segment,
  count(*) FILTER (WHERE is_recent) AS recent_attempts,
  count(*) FILTER (WHERE is_recent AND is_fraud) AS recent_fraud_count,
  round(100.0 * count(*) FILTER (WHERE is_recent AND is_fraud) / nullif(count(*) FILTER (WHERE is_recent), 0), 2) AS recent_fraud_rate_pct,
  round(coalesce(sum(amount) FILTER (WHERE is_recent AND is_fraud AND is_approved), 0), 2) AS recent_approved_fraud_value,
  count(*) FILTER (WHERE NOT is_recent) AS previous_attempts,
  count(*) FILTER (WHERE NOT is_recent AND is_fraud) AS previous_fraud_count,
  round(100.0 * count(*) FILTER (WHERE NOT is_recent AND is_fraud) / nullif(count(*) FILTER (WHERE NOT is_recent), 0), 2) AS previous_fraud_rate_pct
FROM (
  SELECT *, event_timestamp > CAST($anchor AS TIMESTAMP) - INTERVAL 7 DAY AS is_recent
  FROM payments_enriched_silver
  WHERE event_timestamp > CAST($anchor AS TIMESTAMP) - INTERVAL 14 DAY AND event_timestamp <= CAST($anchor AS TIMESTAMP)
    AND ($merchant_id IS NULL OR merchant_id = $merchant_id)
)
GROUP BY ALL
ORDER BY merchant_id
