-- Headline KPIs over the 30 days (rolling, 30 × 24 h) ending at the newest event in silver.
CREATE OR REPLACE VIEW v_executive_kpis AS
WITH anchor AS (SELECT max(event_timestamp) AS t FROM payments_enriched_silver),
w AS (
  SELECT s.* FROM payments_enriched_silver s, anchor
  WHERE s.event_timestamp > anchor.t - INTERVAL 30 DAY
)
SELECT
  count(*) AS total_transactions,
  count(*) FILTER (WHERE is_approved) AS approved_count,
  count(*) FILTER (WHERE NOT is_approved) AS declined_count,
  round(100.0 * count(*) FILTER (WHERE is_approved) / nullif(count(*), 0), 2) AS approval_rate_pct,
  round(avg(fraud_score), 4) AS avg_fraud_score,
  round(coalesce(sum(amount), 0), 2)::DECIMAL(18, 2) AS total_transaction_value,
  round(coalesce(sum(amount) FILTER (WHERE is_approved), 0), 2)::DECIMAL(18, 2) AS approved_value,
  round(avg(amount), 2)::DECIMAL(18, 2) AS avg_ticket,
  (SELECT t - INTERVAL 30 DAY FROM anchor) AS period_start,
  (SELECT t FROM anchor) AS period_end
FROM w
