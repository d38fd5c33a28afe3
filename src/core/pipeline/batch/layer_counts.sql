-- Rows per layer from the commit log: no scan of the big tables.
SELECT coalesce(sum(bronze_rows), 0), coalesce(sum(silver_rows), 0), coalesce(sum(quarantined_rows), 0), count(*)
FROM pipeline_batches
