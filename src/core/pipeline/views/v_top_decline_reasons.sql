-- Declines by reason (every declined attempt). Recovery: approved retries of first attempts
-- declined for that reason, over those first-attempt declines. Recoverable value: the
-- declined value of soft declines times the recovery rate seen for the reason.
-- Reads gold_partials (maintained by every batch), not silver.
CREATE OR REPLACE VIEW v_top_decline_reasons AS
WITH d AS (
  SELECT k1 AS decline_reason, sum(declined) AS decline_count, sum(first_declines) AS first_declines, sum(declined_amount) AS declined_value
  FROM gold_partials WHERE agg = 'reason' AND k1 IS NOT NULL
  GROUP BY k1 HAVING sum(declined) > 0
),
r AS (
  SELECT k1 AS decline_reason, sum(recovered) AS recovered
  FROM gold_partials WHERE agg = 'orig_reason' AND k1 IS NOT NULL
  GROUP BY k1
),
total AS (SELECT sum(decline_count) AS n FROM d)
SELECT
  d.decline_reason,
  d.decline_count::BIGINT AS decline_count,
  round(100.0 * d.decline_count / total.n, 2) AS pct_of_declines,
  round(d.declined_value, 2)::DECIMAL(18, 2) AS declined_value,
  d.decline_reason IN ('insufficient_funds', 'do_not_honor', 'issuer_unavailable', 'processing_error', 'limit_exceeded') AS is_soft_decline,
  round(100.0 * coalesce(r.recovered, 0) / nullif(d.first_declines, 0), 2) AS recovery_rate_pct,
  round(CASE
    WHEN d.decline_reason IN ('insufficient_funds', 'do_not_honor', 'issuer_unavailable', 'processing_error', 'limit_exceeded')
    THEN d.declined_value * coalesce(r.recovered, 0) / nullif(d.first_declines, 0)
    ELSE 0 END, 2)::DECIMAL(18, 2) AS estimated_recoverable_value
FROM d CROSS JOIN total LEFT JOIN r USING (decline_reason)
ORDER BY d.decline_count DESC
