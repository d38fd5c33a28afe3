-- The commit record; written in the batch's own transaction, so its presence means "done".
INSERT INTO pipeline_batches VALUES (
  $batch_id, $run_key, $batch_no, $source, $slot_lo, $slot_hi, $bronze_rows, $silver_rows,
  $quarantined_rows, $warned_rows, $min_ts, $max_ts, $ingested_at)
