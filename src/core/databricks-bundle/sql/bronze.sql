-- Bronze: every event file that lands in the source volume, as delivered (malformed rows and
-- duplicate deliveries included), read incrementally by Auto Loader. _batch_id identifies the
-- file a row came from; _source is its path.
CREATE OR REFRESH STREAMING TABLE payments_raw_bronze
COMMENT 'Payment authorization events as delivered, plus ingestion metadata (Medallion Workbench export)'
AS SELECT
  *,
  current_timestamp() AS _ingested_at,
  xxhash64(_metadata.file_path) AS _batch_id,
  _metadata.file_path AS _source
FROM STREAM read_files('${source_volume_path}', format => 'parquet')
