-- Databricks SQL, over silver: one row per card network over all data.
CREATE OR REPLACE VIEW v_card_network_performance AS
SELECT
  card_network,
  count(*) AS transactions,
  round(100.0 * count_if(is_approved) / count(*), 2) AS approval_rate_pct,
  count_if(NOT is_approved) AS declined_count,
  CAST(round(sum(amount) / count(*), 2) AS DECIMAL(18, 2)) AS avg_ticket,
  CAST(round(sum(amount), 2) AS DECIMAL(18, 2)) AS total_value,
  round(100.0 * count_if(is_fraud) / count(*), 2) AS fraud_rate_pct
FROM payments_enriched_silver
GROUP BY card_network
ORDER BY transactions DESC
