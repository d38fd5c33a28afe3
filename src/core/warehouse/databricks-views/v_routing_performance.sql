-- Databricks SQL, over silver: one row per processor × card network × issuer country, the signal
-- smart routing learns from.
CREATE OR REPLACE VIEW v_routing_performance AS
SELECT
  processor,
  card_network,
  issuer_country,
  count(*) AS transactions,
  round(100.0 * count_if(is_approved) / count(*), 2) AS approval_rate_pct,
  round(avg(processing_latency_ms), 1) AS avg_latency_ms
FROM payments_enriched_silver
GROUP BY processor, card_network, issuer_country
ORDER BY processor, card_network, issuer_country
