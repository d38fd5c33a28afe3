-- One row per calendar day over the 90 days ending on the newest event's date (that day
-- included). Reads the per-day gold_partials.
CREATE OR REPLACE VIEW v_daily_trends AS
WITH d AS (
  SELECT kt::DATE AS event_date, sum(n) AS n, sum(approved) AS approved, sum(declined) AS declined, sum(amount) AS amount, sum(fraud) AS fraud
  FROM gold_partials WHERE agg = 'day'
  GROUP BY kt
),
anchor AS (SELECT max(event_date) AS d FROM d)
SELECT
  event_date,
  n::BIGINT AS transactions,
  approved::BIGINT AS approved_count,
  declined::BIGINT AS declined_count,
  round(100.0 * approved / n, 2) AS approval_rate_pct,
  round(amount, 2)::DECIMAL(18, 2) AS total_value,
  round(amount / n, 2)::DECIMAL(18, 2) AS avg_ticket,
  round(100.0 * fraud / n, 2) AS fraud_rate_pct
FROM d, anchor
WHERE event_date > anchor.d - 90
ORDER BY event_date
