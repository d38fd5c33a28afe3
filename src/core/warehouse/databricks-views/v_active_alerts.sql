-- Databricks SQL twin of the DuckDB view: format_string and date_format instead of DuckDB's
-- format and strftime; STRING instead of VARCHAR. format_string's %f takes a DOUBLE, not a
-- DECIMAL (Spark fails with IllegalFormatConversionException), hence the casts.
-- Open alerts: the last 60 minutes against the 24 hours before them, both anchored at the
-- newest event. Small windows are ignored (at least 30 events now, 100 in the baseline) so
-- noise does not page anyone. An approval rate under 85% is critical. A segment or network
-- drop is reported only beyond the overall drop, so one outage raises one alert, not twenty.
-- Spark inlines every deterministic CTE at each reference, so the DuckDB shape (four UNION ALL
-- branches and scalar subqueries over the same CTEs) scanned and aggregated silver about twenty
-- times. Here silver is aggregated once: decline reasons are a fifth grouping set, the overall
-- figures reach the other rows through window functions, and the four alert kinds are one pass
-- over the aggregates crossed with a four-row list.
CREATE OR REPLACE VIEW v_active_alerts AS
WITH w AS (
  SELECT s.*, s.event_timestamp > a.t - INTERVAL 60 MINUTE AS cur, a.t AS anchor_t
  FROM payments_enriched_silver s
  CROSS JOIN (SELECT max(event_timestamp) AS t FROM payments_enriched_silver) a
  WHERE s.event_timestamp > a.t - INTERVAL 25 HOUR
),
dims AS (
  SELECT
    CASE WHEN grouping(decline_reason) = 0 THEN 'decline_reason' WHEN processor IS NOT NULL THEN 'processor'
         WHEN merchant_segment IS NOT NULL THEN 'merchant_segment' WHEN card_network IS NOT NULL THEN 'card_network'
         ELSE 'overall' END AS dimension,
    CASE WHEN grouping(decline_reason) = 0 THEN decline_reason::STRING
         ELSE coalesce(processor::STRING, merchant_segment::STRING, card_network::STRING, 'all') END AS dimension_value,
    max(anchor_t) AS anchor_t,
    count(*) FILTER (WHERE cur) AS n_cur,
    count(*) FILTER (WHERE NOT cur) AS n_base,
    count(*) FILTER (WHERE cur AND NOT is_approved) AS n_declined_cur,
    count(*) FILTER (WHERE NOT cur AND NOT is_approved) AS n_declined_base,
    100.0 * count(*) FILTER (WHERE cur AND is_approved) / nullif(count(*) FILTER (WHERE cur), 0) AS appr_cur,
    100.0 * count(*) FILTER (WHERE NOT cur AND is_approved) / nullif(count(*) FILTER (WHERE NOT cur), 0) AS appr_base,
    100.0 * count(*) FILTER (WHERE cur AND fraud_score >= 0.7) / nullif(count(*) FILTER (WHERE cur), 0) AS risk_cur,
    100.0 * count(*) FILTER (WHERE NOT cur AND fraud_score >= 0.7) / nullif(count(*) FILTER (WHERE NOT cur), 0) AS risk_base,
    avg(processing_latency_ms) FILTER (WHERE cur) AS lat_cur,
    avg(processing_latency_ms) FILTER (WHERE NOT cur) AS lat_base
  FROM w
  GROUP BY GROUPING SETS ((), (processor), (merchant_segment), (card_network), (decline_reason))
),
scored AS (
  SELECT *,
    max(CASE WHEN dimension = 'overall' THEN appr_base - appr_cur END) OVER () AS overall_drop,
    100.0 * n_declined_cur / nullif(max(CASE WHEN dimension = 'overall' THEN n_cur END) OVER (), 0) AS share_cur,
    100.0 * n_declined_base / nullif(max(CASE WHEN dimension = 'overall' THEN n_base END) OVER (), 0) AS share_base,
    CASE WHEN dimension = 'overall' THEN 'overall' ELSE dimension || ' ' || dimension_value END AS label
  FROM dims
),
found AS (
  SELECT
    CASE k.kind WHEN 'approval' THEN CASE WHEN dimension = 'processor' THEN 'processor_degradation' ELSE 'approval_rate_drop' END
      WHEN 'fraud' THEN 'fraud_spike' WHEN 'latency' THEN 'latency_spike' ELSE 'decline_spike' END AS alert_type,
    CASE k.kind
      WHEN 'approval' THEN CASE WHEN appr_cur < 85 THEN 'critical' WHEN appr_base - appr_cur >= 10 THEN 'high' ELSE 'medium' END
      WHEN 'fraud' THEN CASE WHEN risk_cur >= 4 * risk_base THEN 'critical' ELSE 'high' END
      WHEN 'latency' THEN CASE WHEN lat_cur >= 3 * lat_base THEN 'high' ELSE 'medium' END
      ELSE CASE WHEN share_cur >= 3 * share_base THEN 'high' ELSE 'medium' END
    END AS severity,
    dimension,
    dimension_value,
    CASE k.kind WHEN 'approval' THEN appr_cur WHEN 'fraud' THEN risk_cur WHEN 'latency' THEN lat_cur ELSE share_cur END AS metric_value,
    CASE k.kind WHEN 'approval' THEN appr_base WHEN 'fraud' THEN risk_base WHEN 'latency' THEN lat_base ELSE share_base END AS baseline_value,
    CASE k.kind
      WHEN 'approval' THEN format_string('Approval rate %s %.2f%% in the last hour against %.2f%% in the 24 hours before',
        label, CAST(appr_cur AS DOUBLE), CAST(appr_base AS DOUBLE))
      WHEN 'fraud' THEN format_string('High-risk share (fraud_score ≥ 0.7) %s %.2f%% in the last hour against %.2f%% before',
        label, CAST(risk_cur AS DOUBLE), CAST(risk_base AS DOUBLE))
      WHEN 'latency' THEN format_string('Average latency %s %.0f ms in the last hour against %.0f ms before',
        label, CAST(lat_cur AS DOUBLE), CAST(lat_base AS DOUBLE))
      ELSE format_string('Declines for %s are %.2f%% of events in the last hour against %.2f%% before', dimension_value,
        CAST(share_cur AS DOUBLE), CAST(share_base AS DOUBLE))
    END AS message,
    anchor_t
  FROM scored
  CROSS JOIN (VALUES ('approval'), ('fraud'), ('latency'), ('decline')) AS k(kind)
  WHERE (k.kind = 'approval' AND dimension <> 'decline_reason' AND n_cur >= 30 AND n_base >= 100
      AND (appr_base - appr_cur >= 5 OR (appr_cur < 85 AND appr_base - appr_cur >= 2))
      -- A segment or network is only called out when it drops 5 points more than overall does.
      AND (dimension IN ('overall', 'processor') OR (appr_base - appr_cur) - overall_drop >= 5))
    OR (k.kind = 'fraud' AND dimension IN ('overall', 'merchant_segment') AND n_cur >= 30 AND n_base >= 100
      AND risk_cur >= 2 * risk_base AND risk_cur - risk_base >= 2)
    OR (k.kind = 'latency' AND dimension IN ('overall', 'processor') AND n_cur >= 30 AND n_base >= 100 AND lat_cur >= 1.5 * lat_base)
    OR (k.kind = 'decline' AND dimension = 'decline_reason' AND dimension_value IS NOT NULL
      AND n_declined_cur >= 20 AND share_cur >= 2 * share_base AND share_cur - share_base >= 1)
)
SELECT
  alert_type || ':' || dimension || ':' || dimension_value || ':'
    || concat(date_format(anchor_t, 'yyyyMMdd'), 'T', date_format(anchor_t, 'HHmmss')) AS alert_id,
  alert_type,
  severity,
  dimension,
  dimension_value,
  round(metric_value, 2) AS metric_value,
  round(baseline_value, 2) AS baseline_value,
  anchor_t - INTERVAL 60 MINUTE AS window_start,
  anchor_t AS window_end,
  message
FROM found
ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, alert_type, dimension_value
