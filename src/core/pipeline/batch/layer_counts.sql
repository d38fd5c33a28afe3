-- Rows per layer from the commit log: no scan of the big tables.
-- pending_retries: a live stream's retries generated but not yet due (see pipeline_pending_retries).
SELECT coalesce(sum(bronze_rows), 0), coalesce(sum(silver_rows), 0), coalesce(sum(quarantined_rows), 0), count(*),
  (SELECT count(*) FROM pipeline_pending_retries)
FROM pipeline_batches
