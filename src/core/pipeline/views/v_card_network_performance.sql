-- One row per card network over all data.
CREATE OR REPLACE VIEW v_card_network_performance AS
SELECT
  card_network::VARCHAR AS card_network,
  count(*) AS transactions,
  round(100.0 * count(*) FILTER (WHERE is_approved) / count(*), 2) AS approval_rate_pct,
  count(*) FILTER (WHERE NOT is_approved) AS declined_count,
  round(avg(amount), 2)::DECIMAL(18, 2) AS avg_ticket,
  round(sum(amount), 2)::DECIMAL(18, 2) AS total_value,
  round(100.0 * count(*) FILTER (WHERE is_fraud) / count(*), 2) AS fraud_rate_pct
FROM payments_enriched_silver
GROUP BY ALL
ORDER BY transactions DESC
