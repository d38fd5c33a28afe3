-- Approved transactions per risk tier over the analysis period, and how many turned out fraudulent.
SELECT risk_tier::VARCHAR AS risk_tier,
  count(*) FILTER (WHERE is_approved) AS approved,
  count(*) FILTER (WHERE is_approved AND is_fraud) AS approved_fraud_count,
  round(100.0 * count(*) FILTER (WHERE is_approved AND is_fraud) / nullif(count(*) FILTER (WHERE is_approved), 0), 2) AS approved_fraud_rate_pct,
  round(coalesce(sum(amount) FILTER (WHERE is_approved AND is_fraud), 0), 2) AS approved_fraud_value,
  round(100.0 * count(*) FILTER (WHERE is_approved AND uses_3ds) / nullif(count(*) FILTER (WHERE is_approved), 0), 2) AS approved_3ds_rate_pct
FROM payments_enriched_silver
WHERE event_timestamp > CAST($anchor AS TIMESTAMP) - to_days(CAST($days AS INTEGER))
  AND event_timestamp <= CAST($anchor AS TIMESTAMP)
GROUP BY ALL
ORDER BY 1
