-- One row per merchant over all data (from gold_partials); approval_rate_change_pp compares the
-- 7 days (rolling) ending at the newest event with the 7 days before them (from silver, whose
-- scan is limited to those 14 days).
CREATE OR REPLACE VIEW v_merchant_performance AS
WITH anchor AS (SELECT max(event_timestamp) AS t FROM payments_enriched_silver),
recent AS (
  SELECT
    merchant_id,
    100.0 * count(*) FILTER (WHERE is_approved AND event_timestamp > anchor.t - INTERVAL 7 DAY)
      / nullif(count(*) FILTER (WHERE event_timestamp > anchor.t - INTERVAL 7 DAY), 0)
    - 100.0 * count(*) FILTER (WHERE is_approved AND event_timestamp <= anchor.t - INTERVAL 7 DAY)
      / nullif(count(*) FILTER (WHERE event_timestamp <= anchor.t - INTERVAL 7 DAY), 0) AS change_pp
  FROM payments_enriched_silver, anchor
  WHERE event_timestamp > anchor.t - INTERVAL 14 DAY
  GROUP BY merchant_id
),
totals AS (
  SELECT k1 AS merchant_id, any_value(k3) AS merchant_name, any_value(k2) AS merchant_segment,
    sum(n) AS transactions, sum(approved) AS approved, sum(amount) AS total_value, sum(declined) AS declined
  FROM gold_partials WHERE agg = 'merchant'
  GROUP BY k1
)
SELECT
  t.merchant_id,
  t.merchant_name,
  t.merchant_segment,
  t.transactions::BIGINT AS transactions,
  round(100.0 * t.approved / t.transactions, 2) AS approval_rate_pct,
  round(t.total_value, 2)::DECIMAL(18, 2) AS total_value,
  t.declined::BIGINT AS declined_count,
  round(r.change_pp, 2) AS approval_rate_change_pp
FROM totals t LEFT JOIN recent r USING (merchant_id)
ORDER BY transactions DESC
