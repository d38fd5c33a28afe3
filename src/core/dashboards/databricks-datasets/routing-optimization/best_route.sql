-- Databricks SQL twin of Routing Optimization / best_route: max_by instead of arg_max (same semantics).
WITH s AS (
  SELECT * FROM payments_enriched_silver
  WHERE event_date BETWEEN $date_from AND $date_to
    AND ($card_network IS NULL OR card_network = $card_network)
    AND ($merchant_segment IS NULL OR merchant_segment = $merchant_segment)
    AND ($country IS NULL OR merchant_country = $country)
)
, cells AS (
  SELECT card_network, issuer_country, processor, count(*) AS transactions, round(100.0 * avg(is_approved::INT), 2) AS approval_rate_pct, round(avg(processing_latency_ms), 1) AS avg_latency_ms
  FROM s GROUP BY ALL HAVING count(*) >= 20
)
SELECT card_network, issuer_country,
  max_by(processor, approval_rate_pct) AS best_processor,
  max(approval_rate_pct) AS best_rate_pct,
  min(approval_rate_pct) AS worst_rate_pct,
  round(max(approval_rate_pct) - min(approval_rate_pct), 2) AS spread_pp,
  sum(transactions) AS transactions
FROM cells
GROUP BY ALL
ORDER BY spread_pp DESC, card_network, issuer_country
LIMIT 30
