-- A run's totals from its commit log, and its approval rate from silver.
WITH b AS (SELECT * FROM pipeline_batches WHERE run_key = $run_key)
SELECT
  (SELECT count(*) FROM b) AS batches,
  (SELECT coalesce(sum(bronze_rows), 0) FROM b) AS bronze,
  (SELECT coalesce(sum(silver_rows), 0) FROM b) AS silver,
  (SELECT coalesce(sum(quarantined_rows), 0) FROM b) AS quarantined,
  (SELECT coalesce(sum(warned_rows), 0) FROM b) AS warned,
  (SELECT round(100.0 * count(*) FILTER (WHERE is_approved) / nullif(count(*), 0), 2)
     FROM payments_enriched_silver WHERE _batch_id BETWEEN (SELECT min(batch_id) FROM b) AND (SELECT max(batch_id) FROM b)
       AND _batch_id IN (SELECT batch_id FROM b)) AS approval_rate_pct
