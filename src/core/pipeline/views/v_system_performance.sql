-- One row per day over the 7 calendar days ending on the newest event's date. Errors are the
-- system-side failures: response codes 91 (issuer unavailable) and 96 (processing error).
-- p95 is exact: quantile_cont's interpolation between the two order statistics around
-- 0.95 × (n − 1), read from the per-day latency histogram in gold_partials (latencies are
-- whole milliseconds, so the histogram holds every value).
CREATE OR REPLACE VIEW v_system_performance AS
WITH anchor AS (SELECT max(kt)::DATE AS d FROM gold_partials WHERE agg = 'day'),
hist AS (
  SELECT kt::DATE AS event_date, k1::INTEGER AS latency, sum(n) AS c, sum(errors) AS errors
  FROM gold_partials, anchor
  WHERE agg = 'latency_day' AND kt::DATE > anchor.d - 7
  GROUP BY kt, k1
),
cum AS (
  SELECT *,
    sum(c) OVER (PARTITION BY event_date ORDER BY latency) AS upto,
    sum(c) OVER (PARTITION BY event_date) AS total
  FROM hist
),
days AS (
  SELECT
    event_date,
    any_value(total) AS total,
    sum(latency * c) / sum(c) AS avg_latency,
    sum(errors) AS errors,
    min(latency) FILTER (WHERE upto > floor(0.95 * (total - 1))) AS v_lo,
    min(latency) FILTER (WHERE upto > ceil(0.95 * (total - 1))) AS v_hi,
    0.95 * (any_value(total) - 1) - floor(0.95 * (any_value(total) - 1)) AS frac
  FROM cum
  GROUP BY event_date
)
SELECT
  event_date,
  total::BIGINT AS total_events,
  round(avg_latency, 1) AS avg_latency_ms,
  round(v_lo + frac * (v_hi - v_lo), 1) AS p95_latency_ms,
  errors::BIGINT AS error_count,
  round(100.0 * errors / total, 2) AS error_rate_pct
FROM days
ORDER BY event_date
