-- Recent hours against the days before them, per value of one dimension: approval rate and the
-- share of attempts declined for each reason ('decline_reason' as the dimension).
WITH scoped AS (
  SELECT *,
    CASE $dimension WHEN 'merchant_segment' THEN merchant_segment::VARCHAR WHEN 'issuer_country' THEN issuer_country::VARCHAR
      WHEN 'card_network' THEN card_network::VARCHAR WHEN 'decline_reason' THEN decline_reason::VARCHAR END AS dimension_value,
    event_timestamp > CAST($anchor AS TIMESTAMP) - to_hours(CAST($recent_hours AS INTEGER)) AS is_recent
  FROM payments_enriched_silver
  WHERE event_timestamp > CAST($anchor AS TIMESTAMP) - to_hours(CAST($recent_hours AS INTEGER)) - to_days(CAST($baseline_days AS INTEGER))
    AND event_timestamp <= CAST($anchor AS TIMESTAMP)
), totals AS (
  SELECT count(*) FILTER (WHERE is_recent) AS recent_all, count(*) FILTER (WHERE NOT is_recent) AS baseline_all FROM scoped
)
SELECT s.dimension_value AS "value",
  CASE WHEN $dimension = 'decline_reason' THEN max(t.recent_all) ELSE count(*) FILTER (WHERE is_recent) END AS recent_attempts,
  CASE WHEN $dimension = 'decline_reason' THEN count(*) FILTER (WHERE is_recent) ELSE count(*) FILTER (WHERE is_recent AND is_approved) END AS recent_hits,
  CASE WHEN $dimension = 'decline_reason' THEN max(t.baseline_all) ELSE count(*) FILTER (WHERE NOT is_recent) END AS baseline_attempts,
  CASE WHEN $dimension = 'decline_reason' THEN count(*) FILTER (WHERE NOT is_recent) ELSE count(*) FILTER (WHERE NOT is_recent AND is_approved) END AS baseline_hits,
  round(coalesce(avg(amount) FILTER (WHERE is_recent), 0), 2) AS recent_avg_ticket
FROM scoped s CROSS JOIN totals t
WHERE s.dimension_value IS NOT NULL AND ($value IS NULL OR s.dimension_value = $value)
GROUP BY s.dimension_value
ORDER BY s.dimension_value
