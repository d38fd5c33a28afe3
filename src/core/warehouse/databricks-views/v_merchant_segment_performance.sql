-- Databricks SQL, over silver: one row per merchant segment over all data.
CREATE OR REPLACE VIEW v_merchant_segment_performance AS
SELECT
  merchant_segment,
  count(*) AS transactions,
  count(DISTINCT merchant_id) AS merchants,
  round(100.0 * count_if(is_approved) / count(*), 2) AS approval_rate_pct,
  CAST(round(sum(amount), 2) AS DECIMAL(18, 2)) AS total_value,
  CAST(round(sum(amount) / count(*), 2) AS DECIMAL(18, 2)) AS avg_ticket,
  round(100.0 * count_if(is_fraud) / count(*), 2) AS fraud_rate_pct
FROM payments_enriched_silver
GROUP BY merchant_segment
ORDER BY transactions DESC
