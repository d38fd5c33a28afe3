-- One row per merchant over all data; approval_rate_change_pp compares the 7 days (rolling)
-- ending at the newest event with the 7 days before them.
CREATE OR REPLACE VIEW v_merchant_performance AS
WITH anchor AS (SELECT max(event_timestamp) AS t FROM payments_enriched_silver)
SELECT
  merchant_id,
  any_value(merchant_name) AS merchant_name,
  any_value(merchant_segment)::VARCHAR AS merchant_segment,
  count(*) AS transactions,
  round(100.0 * count(*) FILTER (WHERE is_approved) / count(*), 2) AS approval_rate_pct,
  round(sum(amount), 2)::DECIMAL(18, 2) AS total_value,
  count(*) FILTER (WHERE NOT is_approved) AS declined_count,
  round(
    100.0 * count(*) FILTER (WHERE is_approved AND event_timestamp > anchor.t - INTERVAL 7 DAY)
      / nullif(count(*) FILTER (WHERE event_timestamp > anchor.t - INTERVAL 7 DAY), 0)
    - 100.0 * count(*) FILTER (WHERE is_approved AND event_timestamp <= anchor.t - INTERVAL 7 DAY AND event_timestamp > anchor.t - INTERVAL 14 DAY)
      / nullif(count(*) FILTER (WHERE event_timestamp <= anchor.t - INTERVAL 7 DAY AND event_timestamp > anchor.t - INTERVAL 14 DAY), 0),
  2) AS approval_rate_change_pp
FROM payments_enriched_silver, anchor
GROUP BY merchant_id, anchor.t
ORDER BY transactions DESC
