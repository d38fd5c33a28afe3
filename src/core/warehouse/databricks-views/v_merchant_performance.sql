-- Databricks SQL, over silver: one row per merchant over all data; approval_rate_change_pp compares
-- the 7 calendar days ending on the newest event's date with the 7 days before them.
CREATE OR REPLACE VIEW v_merchant_performance AS
WITH anchor AS (SELECT max(event_date) AS d FROM payments_enriched_silver),
recent AS (
  SELECT
    merchant_id,
    100.0 * count_if(is_approved AND event_date > date_sub(anchor.d, 7)) / nullif(count_if(event_date > date_sub(anchor.d, 7)), 0)
    - 100.0 * count_if(is_approved AND event_date <= date_sub(anchor.d, 7)) / nullif(count_if(event_date <= date_sub(anchor.d, 7)), 0)
      AS change_pp
  FROM payments_enriched_silver, anchor
  WHERE event_date > date_sub(anchor.d, 14)
  GROUP BY merchant_id
),
totals AS (
  SELECT merchant_id, any_value(merchant_name) AS merchant_name, any_value(merchant_segment) AS merchant_segment,
    count(*) AS transactions, count_if(is_approved) AS approved, sum(amount) AS total_value, count_if(NOT is_approved) AS declined
  FROM payments_enriched_silver
  GROUP BY merchant_id
)
SELECT
  t.merchant_id,
  t.merchant_name,
  t.merchant_segment,
  t.transactions,
  round(100.0 * t.approved / t.transactions, 2) AS approval_rate_pct,
  CAST(round(t.total_value, 2) AS DECIMAL(18, 2)) AS total_value,
  t.declined AS declined_count,
  round(r.change_pp, 2) AS approval_rate_change_pp
FROM totals t LEFT JOIN recent r ON r.merchant_id = t.merchant_id
ORDER BY transactions DESC
