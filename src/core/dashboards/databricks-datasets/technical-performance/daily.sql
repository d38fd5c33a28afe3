-- Databricks SQL twin of Technical Performance / daily: percentile_cont … WITHIN GROUP instead of quantile_cont.
WITH s AS (
  SELECT * FROM payments_enriched_silver
  WHERE event_date BETWEEN $date_from AND $date_to
    AND ($card_network IS NULL OR card_network = $card_network)
    AND ($merchant_segment IS NULL OR merchant_segment = $merchant_segment)
    AND ($country IS NULL OR merchant_country = $country)
)
SELECT event_date,
  round(avg(processing_latency_ms), 1) AS avg_latency_ms,
  round(percentile_cont(0.95) WITHIN GROUP (ORDER BY processing_latency_ms), 1) AS p95_latency_ms
FROM s
GROUP BY ALL
ORDER BY event_date
