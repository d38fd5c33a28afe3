-- Each value of one dimension inside a time window against the rest of the analysis period:
-- approvals, technical declines, fraud and latency side by side.
WITH scoped AS (
  SELECT *,
    CASE $dimension WHEN 'processor' THEN processor::VARCHAR WHEN 'merchant_segment' THEN merchant_segment::VARCHAR ELSE 'all' END AS dimension_value,
    event_timestamp >= CAST($window_start AS TIMESTAMP) AND event_timestamp < CAST($window_end AS TIMESTAMP) AS in_window
  FROM payments_enriched_silver
  WHERE event_timestamp > CAST($anchor AS TIMESTAMP) - to_days(CAST($days AS INTEGER))
    AND event_timestamp <= CAST($anchor AS TIMESTAMP)
)
SELECT dimension_value AS "value",
  count(*) FILTER (WHERE in_window) AS window_attempts,
  count(*) FILTER (WHERE in_window AND is_approved) AS window_approved,
  round(100.0 * count(*) FILTER (WHERE in_window AND is_approved) / nullif(count(*) FILTER (WHERE in_window), 0), 2) AS window_approval_rate_pct,
  count(*) FILTER (WHERE in_window AND decline_reason IN ('issuer_unavailable', 'processing_error')) AS window_technical_declines,
  count(*) FILTER (WHERE in_window AND is_fraud) AS window_fraud_count,
  round(100.0 * count(*) FILTER (WHERE in_window AND is_fraud) / nullif(count(*) FILTER (WHERE in_window), 0), 2) AS window_fraud_rate_pct,
  round(avg(fraud_score) FILTER (WHERE in_window), 4) AS window_avg_fraud_score,
  round(coalesce(sum(amount) FILTER (WHERE in_window AND is_fraud AND is_approved), 0), 2) AS window_approved_fraud_value,
  round(quantile_cont(processing_latency_ms, 0.95) FILTER (WHERE in_window), 2) AS window_p95_latency_ms,
  round(avg(amount) FILTER (WHERE in_window), 2) AS window_avg_ticket,
  count(*) FILTER (WHERE NOT in_window) AS baseline_attempts,
  count(*) FILTER (WHERE NOT in_window AND is_approved) AS baseline_approved,
  round(100.0 * count(*) FILTER (WHERE NOT in_window AND is_approved) / nullif(count(*) FILTER (WHERE NOT in_window), 0), 2) AS baseline_approval_rate_pct,
  count(*) FILTER (WHERE NOT in_window AND is_fraud) AS baseline_fraud_count,
  round(100.0 * count(*) FILTER (WHERE NOT in_window AND is_fraud) / nullif(count(*) FILTER (WHERE NOT in_window), 0), 2) AS baseline_fraud_rate_pct,
  round(quantile_cont(processing_latency_ms, 0.95) FILTER (WHERE NOT in_window), 2) AS baseline_p95_latency_ms
FROM scoped
GROUP BY dimension_value
ORDER BY dimension_value
