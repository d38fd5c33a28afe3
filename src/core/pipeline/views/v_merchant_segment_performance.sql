-- One row per merchant segment over all data. Reads gold_partials (merchants: the distinct
-- merchants of the segment's per-merchant partials).
CREATE OR REPLACE VIEW v_merchant_segment_performance AS
WITH m AS (
  SELECT k2 AS merchant_segment, count(DISTINCT k1) AS merchants FROM gold_partials WHERE agg = 'merchant' GROUP BY k2
)
SELECT
  s.k1 AS merchant_segment,
  sum(s.n)::BIGINT AS transactions,
  any_value(m.merchants) AS merchants,
  round(100.0 * sum(s.approved) / sum(s.n), 2) AS approval_rate_pct,
  round(sum(s.amount), 2)::DECIMAL(18, 2) AS total_value,
  round(sum(s.amount) / sum(s.n), 2)::DECIMAL(18, 2) AS avg_ticket,
  round(100.0 * sum(s.fraud) / sum(s.n), 2) AS fraud_rate_pct
FROM gold_partials s LEFT JOIN m ON m.merchant_segment = s.k1
WHERE s.agg = 'segment'
GROUP BY s.k1
ORDER BY transactions DESC
