-- One row per merchant over all data; approval_rate_change_pp compares the 7 calendar days
-- ending on the newest event's date with the 7 days before them. Reads gold_partials.
CREATE OR REPLACE VIEW v_merchant_performance AS
WITH anchor AS (SELECT max(kt)::DATE AS d FROM gold_partials WHERE agg = 'day'),
recent AS (
  SELECT
    k1 AS merchant_id,
    100.0 * sum(approved) FILTER (WHERE kt::DATE > anchor.d - 7) / nullif(sum(n) FILTER (WHERE kt::DATE > anchor.d - 7), 0)
    - 100.0 * sum(approved) FILTER (WHERE kt::DATE <= anchor.d - 7) / nullif(sum(n) FILTER (WHERE kt::DATE <= anchor.d - 7), 0) AS change_pp
  FROM gold_partials, anchor
  WHERE agg = 'merchant_day' AND kt::DATE > anchor.d - 14
  GROUP BY k1
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
