-- Databricks SQL, over silver: first-attempt declines by reason × segment × network and what
-- retries won back (retries count under their first attempt's reason). potential_recovery_value:
-- the unrecovered value times the success rate retries had there.
CREATE OR REPLACE VIEW v_decline_recovery_opportunities AS
WITH g AS (
  SELECT
    CASE WHEN is_retry THEN original_decline_reason ELSE decline_reason END AS reason,
    merchant_segment,
    card_network,
    count_if(NOT is_approved AND NOT is_retry) AS declines,
    sum(amount) FILTER (WHERE NOT is_approved AND NOT is_retry) AS declined_value,
    count_if(is_retry AND retry_attempt = 1) AS retried_count,
    count_if(is_retry AND is_approved) AS recovered_count,
    coalesce(sum(amount) FILTER (WHERE is_retry AND is_approved), 0) AS recovered_value
  FROM payments_enriched_silver
  GROUP BY 1, 2, 3
)
SELECT
  reason AS decline_reason,
  merchant_segment,
  card_network,
  declines,
  retried_count,
  recovered_count,
  round(100.0 * recovered_count / nullif(declines, 0), 2) AS recovery_rate_pct,
  CAST(round(greatest(coalesce(declined_value, 0) - recovered_value, 0), 2) AS DECIMAL(18, 2)) AS unrecovered_value,
  CAST(round(greatest(coalesce(declined_value, 0) - recovered_value, 0) * coalesce(recovered_count / nullif(retried_count, 0), 0), 2)
    AS DECIMAL(18, 2)) AS potential_recovery_value
FROM g
WHERE reason IS NOT NULL AND declines > 0
ORDER BY potential_recovery_value DESC, declines DESC
