-- One row per processor × card network × issuer country: the signal smart routing learns from.
-- Reads gold_partials.
CREATE OR REPLACE VIEW v_routing_performance AS
SELECT
  k1 AS processor,
  k2 AS card_network,
  k3 AS issuer_country,
  sum(n)::BIGINT AS transactions,
  round(100.0 * sum(approved) / sum(n), 2) AS approval_rate_pct,
  round(sum(latency_sum) / nullif(sum(latency_n), 0), 1) AS avg_latency_ms
FROM gold_partials
WHERE agg = 'routing'
GROUP BY k1, k2, k3
ORDER BY processor, card_network, issuer_country
