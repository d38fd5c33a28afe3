-- First-attempt declines by reason × segment × network and what retries won back (retries count
-- under their first attempt's reason). potential_recovery_value: the unrecovered value times
-- the success rate retries had there. Reads gold_partials.
CREATE OR REPLACE VIEW v_decline_recovery_opportunities AS
WITH g AS (
  SELECT k1 AS reason, k2 AS merchant_segment, k3 AS card_network,
    sum(first_declines) AS declines, sum(first_declined_amount) AS declined_value, sum(retried1) AS retried_count,
    sum(recovered) AS recovered_count, sum(recovered_amount) AS recovered_value
  FROM gold_partials WHERE agg = 'recovery' AND k1 IS NOT NULL
  GROUP BY k1, k2, k3
)
SELECT
  reason AS decline_reason,
  merchant_segment,
  card_network,
  declines::BIGINT AS declines,
  retried_count::BIGINT AS retried_count,
  recovered_count::BIGINT AS recovered_count,
  round(100.0 * recovered_count / nullif(declines, 0), 2) AS recovery_rate_pct,
  round(greatest(coalesce(declined_value, 0) - recovered_value, 0), 2)::DECIMAL(18, 2) AS unrecovered_value,
  round(greatest(coalesce(declined_value, 0) - recovered_value, 0) * coalesce(recovered_count / nullif(retried_count, 0), 0), 2)::DECIMAL(18, 2) AS potential_recovery_value
FROM g
WHERE declines > 0
ORDER BY potential_recovery_value DESC, declines DESC
