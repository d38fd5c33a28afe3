-- One row per hour over the 7 days (rolling) ending at the newest event.
CREATE OR REPLACE VIEW v_approval_trends_hourly AS
WITH anchor AS (SELECT max(event_timestamp) AS t FROM payments_enriched_silver)
SELECT
  date_trunc('hour', event_timestamp) AS hour_start,
  count(*) AS transactions,
  count(*) FILTER (WHERE is_approved) AS approved_count,
  round(100.0 * count(*) FILTER (WHERE is_approved) / count(*), 2) AS approval_rate_pct,
  round(avg(fraud_score), 4) AS avg_fraud_score,
  round(sum(amount), 2)::DECIMAL(18, 2) AS total_value
FROM payments_enriched_silver, anchor
WHERE event_timestamp > anchor.t - INTERVAL 7 DAY
GROUP BY ALL
ORDER BY hour_start
