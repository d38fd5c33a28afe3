-- One expectation's result for one batch.
INSERT INTO pipeline_expectations VALUES ($batch_id, $expectation, $action, $passed, $failed, $ingested_at)
