-- The data-quality report: expectations of the most recent batches, newest first.
SELECT e.batch_id, b.source, strftime(b.committed_at, '%Y-%m-%dT%H:%M:%S.%gZ'), e.expectation, e.action, e.passed, e.failed
FROM pipeline_expectations e JOIN pipeline_batches b USING (batch_id)
WHERE e.batch_id > (SELECT coalesce(max(batch_id), 0) FROM pipeline_batches) - $limit
ORDER BY e.batch_id DESC, e.expectation
