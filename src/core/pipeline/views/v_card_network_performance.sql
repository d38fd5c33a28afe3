-- One row per card network over all data. Reads gold_partials.
CREATE OR REPLACE VIEW v_card_network_performance AS
SELECT
  k1 AS card_network,
  sum(n)::BIGINT AS transactions,
  round(100.0 * sum(approved) / sum(n), 2) AS approval_rate_pct,
  sum(declined)::BIGINT AS declined_count,
  round(sum(amount) / sum(n), 2)::DECIMAL(18, 2) AS avg_ticket,
  round(sum(amount), 2)::DECIMAL(18, 2) AS total_value,
  round(100.0 * sum(fraud) / sum(n), 2) AS fraud_rate_pct
FROM gold_partials
WHERE agg = 'network'
GROUP BY k1
ORDER BY transactions DESC
