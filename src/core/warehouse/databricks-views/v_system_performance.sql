-- Databricks SQL twin of the DuckDB view: percentile_cont … WITHIN GROUP instead of quantile_cont.
-- One row per day over the 7 calendar days ending on the newest event's date. Errors are
-- the system-side failures: issuer_unavailable (91) and processing_error (96).
CREATE OR REPLACE VIEW v_system_performance AS
WITH anchor AS (SELECT max(event_date) AS d FROM payments_enriched_silver)
SELECT
  event_date,
  count(*) AS total_events,
  round(avg(processing_latency_ms), 1) AS avg_latency_ms,
  round(percentile_cont(0.95) WITHIN GROUP (ORDER BY processing_latency_ms), 1) AS p95_latency_ms,
  count(*) FILTER (WHERE response_code IN ('91', '96')) AS error_count,
  round(100.0 * count(*) FILTER (WHERE response_code IN ('91', '96')) / count(*), 2) AS error_rate_pct
FROM payments_enriched_silver, anchor
WHERE event_date > date_sub(anchor.d, 7)
GROUP BY event_date
ORDER BY event_date
