-- Databricks SQL, over silver: one row per calendar day over the 90 days ending on the newest
-- event's date (that day included).
CREATE OR REPLACE VIEW v_daily_trends AS
WITH d AS (
  SELECT event_date, count(*) AS n, count_if(is_approved) AS approved, count_if(NOT is_approved) AS declined,
    sum(amount) AS amount, count_if(is_fraud) AS fraud
  FROM payments_enriched_silver
  GROUP BY event_date
),
anchor AS (SELECT max(event_date) AS d FROM d)
SELECT
  event_date,
  n AS transactions,
  approved AS approved_count,
  declined AS declined_count,
  round(100.0 * approved / n, 2) AS approval_rate_pct,
  CAST(round(amount, 2) AS DECIMAL(18, 2)) AS total_value,
  CAST(round(amount / n, 2) AS DECIMAL(18, 2)) AS avg_ticket,
  round(100.0 * fraud / n, 2) AS fraud_rate_pct
FROM d, anchor
WHERE event_date > date_sub(anchor.d, 90)
ORDER BY event_date
