-- The batch's expectation results, one row per expectation (parallel lists, one statement).
INSERT INTO pipeline_expectations
SELECT $batch_id, unnest($expectations), unnest($actions), unnest($passed), unnest($failed), $ingested_at
