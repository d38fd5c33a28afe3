-- Databricks SQL twin of Technical Performance / kpis: percentile_cont … WITHIN GROUP instead of quantile_cont.
WITH s AS (
  SELECT * FROM payments_enriched_silver
  WHERE event_date BETWEEN $prev_from AND $date_to
    AND ($card_network IS NULL OR card_network = $card_network)
    AND ($merchant_segment IS NULL OR merchant_segment = $merchant_segment)
    AND ($country IS NULL OR merchant_country = $country)
)
SELECT
  round(avg(processing_latency_ms) FILTER (WHERE event_date >= $date_from), 1) AS avg_latency_ms,
  round(avg(processing_latency_ms) FILTER (WHERE event_date <= $prev_to), 1) AS avg_latency_ms_prev,
  round(percentile_cont(0.95) WITHIN GROUP (ORDER BY processing_latency_ms) FILTER (WHERE event_date >= $date_from), 1) AS p95_latency_ms,
  round(percentile_cont(0.95) WITHIN GROUP (ORDER BY processing_latency_ms) FILTER (WHERE event_date <= $prev_to), 1) AS p95_latency_ms_prev,
  round(100.0 * count(*) FILTER (WHERE response_code IN ('91', '96') AND event_date >= $date_from) / nullif(count(*) FILTER (WHERE event_date >= $date_from), 0), 3) AS error_rate_pct,
  round(100.0 * count(*) FILTER (WHERE response_code IN ('91', '96') AND event_date <= $prev_to) / nullif(count(*) FILTER (WHERE event_date <= $prev_to), 0), 3) AS error_rate_pct_prev
FROM s
