-- One row per calendar day over the 90 days ending on the newest event's date (that day included).
CREATE OR REPLACE VIEW v_daily_trends AS
WITH anchor AS (SELECT max(event_date) AS d FROM payments_enriched_silver)
SELECT
  event_date,
  count(*) AS transactions,
  count(*) FILTER (WHERE is_approved) AS approved_count,
  count(*) FILTER (WHERE NOT is_approved) AS declined_count,
  round(100.0 * count(*) FILTER (WHERE is_approved) / count(*), 2) AS approval_rate_pct,
  round(sum(amount), 2)::DECIMAL(18, 2) AS total_value,
  round(avg(amount), 2)::DECIMAL(18, 2) AS avg_ticket,
  round(100.0 * count(*) FILTER (WHERE is_fraud) / count(*), 2) AS fraud_rate_pct
FROM payments_enriched_silver, anchor
WHERE event_date > anchor.d - 90
GROUP BY ALL
ORDER BY event_date
