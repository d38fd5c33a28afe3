-- Databricks SQL, over silver: declines by reason (every declined attempt). Recovery: approved
-- retries of first attempts declined for that reason, over those first-attempt declines.
-- Recoverable value: the declined value of soft declines times the recovery rate seen for the reason.
CREATE OR REPLACE VIEW v_top_decline_reasons AS
WITH d AS (
  SELECT decline_reason, count_if(NOT is_approved) AS decline_count, count_if(NOT is_approved AND NOT is_retry) AS first_declines,
    coalesce(sum(amount) FILTER (WHERE NOT is_approved), 0) AS declined_value
  FROM payments_enriched_silver
  WHERE decline_reason IS NOT NULL
  GROUP BY decline_reason
  HAVING count_if(NOT is_approved) > 0
),
r AS (
  SELECT original_decline_reason AS decline_reason, count_if(is_retry AND is_approved) AS recovered
  FROM payments_enriched_silver
  WHERE original_decline_reason IS NOT NULL
  GROUP BY original_decline_reason
),
total AS (SELECT sum(decline_count) AS n FROM d)
SELECT
  d.decline_reason,
  d.decline_count,
  round(100.0 * d.decline_count / total.n, 2) AS pct_of_declines,
  CAST(round(d.declined_value, 2) AS DECIMAL(18, 2)) AS declined_value,
  d.decline_reason IN ('insufficient_funds', 'do_not_honor', 'issuer_unavailable', 'processing_error', 'limit_exceeded') AS is_soft_decline,
  round(100.0 * coalesce(r.recovered, 0) / nullif(d.first_declines, 0), 2) AS recovery_rate_pct,
  CAST(round(CASE
    WHEN d.decline_reason IN ('insufficient_funds', 'do_not_honor', 'issuer_unavailable', 'processing_error', 'limit_exceeded')
    THEN d.declined_value * coalesce(r.recovered, 0) / nullif(d.first_declines, 0)
    ELSE 0 END, 2) AS DECIMAL(18, 2)) AS estimated_recoverable_value
FROM d CROSS JOIN total LEFT JOIN r ON r.decline_reason = d.decline_reason
ORDER BY d.decline_count DESC
