-- Databricks SQL twin of the DuckDB view: format_string and date_format instead of DuckDB's
-- format and strftime; STRING instead of VARCHAR. format_string's %f takes a DOUBLE, not a
-- DECIMAL (Spark fails with IllegalFormatConversionException), hence the casts.
-- Open alerts: the last 60 minutes against the 24 hours before them, both anchored at the
-- newest event. Small windows are ignored (at least 30 events now, 100 in the baseline) so
-- noise does not page anyone. An approval rate under 85% is critical. A segment or network
-- drop is reported only beyond the overall drop, so one outage raises one alert, not twenty.
CREATE OR REPLACE VIEW v_active_alerts AS
WITH anchor AS (SELECT max(event_timestamp) AS t FROM payments_enriched_silver),
w AS (
  SELECT s.*, s.event_timestamp > anchor.t - INTERVAL 60 MINUTE AS cur, anchor.t AS anchor_t
  FROM payments_enriched_silver s, anchor
  WHERE s.event_timestamp > anchor.t - INTERVAL 25 HOUR
),
dims AS (
  SELECT
    CASE WHEN processor IS NOT NULL THEN 'processor' WHEN merchant_segment IS NOT NULL THEN 'merchant_segment'
         WHEN card_network IS NOT NULL THEN 'card_network' ELSE 'overall' END AS dimension,
    coalesce(processor::STRING, merchant_segment::STRING, card_network::STRING, 'all') AS dimension_value,
    count(*) FILTER (WHERE cur) AS n_cur,
    count(*) FILTER (WHERE NOT cur) AS n_base,
    100.0 * count(*) FILTER (WHERE cur AND is_approved) / nullif(count(*) FILTER (WHERE cur), 0) AS appr_cur,
    100.0 * count(*) FILTER (WHERE NOT cur AND is_approved) / nullif(count(*) FILTER (WHERE NOT cur), 0) AS appr_base,
    100.0 * count(*) FILTER (WHERE cur AND fraud_score >= 0.7) / nullif(count(*) FILTER (WHERE cur), 0) AS risk_cur,
    100.0 * count(*) FILTER (WHERE NOT cur AND fraud_score >= 0.7) / nullif(count(*) FILTER (WHERE NOT cur), 0) AS risk_base,
    avg(processing_latency_ms) FILTER (WHERE cur) AS lat_cur,
    avg(processing_latency_ms) FILTER (WHERE NOT cur) AS lat_base
  FROM w
  GROUP BY GROUPING SETS ((), (processor), (merchant_segment), (card_network))
),
reasons AS (
  SELECT
    decline_reason::STRING AS dimension_value,
    count(*) FILTER (WHERE cur) AS n_reason_cur,
    100.0 * count(*) FILTER (WHERE cur) / nullif((SELECT count(*) FROM w WHERE cur), 0) AS share_cur,
    100.0 * count(*) FILTER (WHERE NOT cur) / nullif((SELECT count(*) FROM w WHERE NOT cur), 0) AS share_base
  FROM w
  WHERE NOT is_approved AND decline_reason IS NOT NULL
  GROUP BY decline_reason
),
found AS (
  SELECT
    CASE WHEN dimension = 'processor' THEN 'processor_degradation' ELSE 'approval_rate_drop' END AS alert_type,
    CASE WHEN appr_cur < 85 THEN 'critical' WHEN appr_base - appr_cur >= 10 THEN 'high' ELSE 'medium' END AS severity,
    dimension, dimension_value, appr_cur AS metric_value, appr_base AS baseline_value,
    format_string('Approval rate %s %.2f%% in the last hour against %.2f%% in the 24 hours before',
      CASE WHEN dimension = 'overall' THEN 'overall' ELSE dimension || ' ' || dimension_value END,
      CAST(appr_cur AS DOUBLE), CAST(appr_base AS DOUBLE)) AS message
  FROM dims
  WHERE n_cur >= 30 AND n_base >= 100
    AND (appr_base - appr_cur >= 5 OR (appr_cur < 85 AND appr_base - appr_cur >= 2))
    -- A segment or network is only called out when it drops 5 points more than overall does.
    AND (dimension IN ('overall', 'processor')
      OR (appr_base - appr_cur) - (SELECT appr_base - appr_cur FROM dims WHERE dimension = 'overall') >= 5)
  UNION ALL
  SELECT
    'fraud_spike', CASE WHEN risk_cur >= 4 * risk_base THEN 'critical' ELSE 'high' END,
    dimension, dimension_value, risk_cur, risk_base,
    format_string('High-risk share (fraud_score ≥ 0.7) %s %.2f%% in the last hour against %.2f%% before',
      CASE WHEN dimension = 'overall' THEN 'overall' ELSE dimension || ' ' || dimension_value END,
      CAST(risk_cur AS DOUBLE), CAST(risk_base AS DOUBLE))
  FROM dims
  WHERE dimension IN ('overall', 'merchant_segment') AND n_cur >= 30 AND n_base >= 100
    AND risk_cur >= 2 * risk_base AND risk_cur - risk_base >= 2
  UNION ALL
  SELECT
    'latency_spike', CASE WHEN lat_cur >= 3 * lat_base THEN 'high' ELSE 'medium' END,
    dimension, dimension_value, lat_cur, lat_base,
    format_string('Average latency %s %.0f ms in the last hour against %.0f ms before',
      CASE WHEN dimension = 'overall' THEN 'overall' ELSE dimension || ' ' || dimension_value END,
      CAST(lat_cur AS DOUBLE), CAST(lat_base AS DOUBLE))
  FROM dims
  WHERE dimension IN ('overall', 'processor') AND n_cur >= 30 AND n_base >= 100 AND lat_cur >= 1.5 * lat_base
  UNION ALL
  SELECT
    'decline_spike', CASE WHEN share_cur >= 3 * share_base THEN 'high' ELSE 'medium' END,
    'decline_reason', dimension_value, share_cur, share_base,
    format_string('Declines for %s are %.2f%% of events in the last hour against %.2f%% before', dimension_value,
      CAST(share_cur AS DOUBLE), CAST(share_base AS DOUBLE))
  FROM reasons
  WHERE n_reason_cur >= 20 AND share_cur >= 2 * share_base AND share_cur - share_base >= 1
)
SELECT
  alert_type || ':' || dimension || ':' || dimension_value || ':'
    || concat(date_format((SELECT t FROM anchor), 'yyyyMMdd'), 'T', date_format((SELECT t FROM anchor), 'HHmmss')) AS alert_id,
  alert_type,
  severity,
  dimension,
  dimension_value,
  round(metric_value, 2) AS metric_value,
  round(baseline_value, 2) AS baseline_value,
  (SELECT t FROM anchor) - INTERVAL 60 MINUTE AS window_start,
  (SELECT t FROM anchor) AS window_end,
  message
FROM found
ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, alert_type, dimension_value
