SELECT
  min(event_date)::VARCHAR AS min_date,
  max(event_date)::VARCHAR AS max_date,
  list(DISTINCT card_network ORDER BY card_network) FILTER (WHERE card_network IS NOT NULL) AS card_networks,
  list(DISTINCT merchant_segment ORDER BY merchant_segment) FILTER (WHERE merchant_segment IS NOT NULL) AS merchant_segments,
  list(DISTINCT merchant_country ORDER BY merchant_country) FILTER (WHERE merchant_country IS NOT NULL) AS countries
FROM payments_enriched_silver
