CREATE OR REPLACE VIEW v_merchant_performance AS
WITH anchor AS (SELECT max(event_date) AS today FROM payments_enriched_silver)
SELECT
  merchant_id, merchant_name, merchant_segment,
  count(*) AS transactions,
  round(100 * avg(is_approved::INT), 2) AS approval_rate_pct,
  round(sum(amount), 2) AS total_value,
  count(*) FILTER (WHERE NOT is_approved) AS declined_count,
  round(100 * avg(is_approved::INT) FILTER (WHERE event_date > today - 7)
      - 100 * avg(is_approved::INT) FILTER (WHERE event_date <= today - 7 AND event_date > today - 14), 2) AS approval_rate_change_pp
FROM payments_enriched_silver, anchor
GROUP BY merchant_id, merchant_name, merchant_segment
