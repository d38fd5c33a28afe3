-- Approval with and without 3-D Secure or a network token over the analysis period (risky tiers only
-- when asked): the evidence for adoption recommendations.
SELECT CASE $feature WHEN 'uses_3ds' THEN uses_3ds ELSE is_network_token END AS feature_used,
  count(*) AS attempts,
  count(*) FILTER (WHERE is_approved) AS approved,
  round(100.0 * count(*) FILTER (WHERE is_approved) / count(*), 2) AS approval_rate_pct,
  round(100.0 * count(*) FILTER (WHERE is_fraud) / count(*), 2) AS fraud_rate_pct,
  round(avg(amount), 2) AS avg_ticket
FROM payments_enriched_silver
WHERE event_timestamp > CAST($anchor AS TIMESTAMP) - to_days(CAST($days AS INTEGER))
  AND event_timestamp <= CAST($anchor AS TIMESTAMP)
  AND (NOT $risky_only OR risk_tier IN ('MEDIUM', 'HIGH'))
GROUP BY ALL
ORDER BY feature_used
