-- Per-batch counts behind the expectations report and the commit log.
SELECT
  count(*) AS delivered,
  count(*) FILTER (WHERE transaction_id IS NULL) AS null_id,
  count(*) FILTER (WHERE transaction_id IS NOT NULL AND (amount IS NULL OR amount <= 0)) AS bad_amount,
  count(*) FILTER (WHERE transaction_id IS NOT NULL AND amount > 0 AND _duplicate) AS duplicates,
  count(*) FILTER (WHERE transaction_id IS NOT NULL AND amount > 0 AND NOT _duplicate
    AND (fraud_score IS NULL OR fraud_score < 0 OR fraud_score > 1)) AS bad_fraud_score,
  count(*) FILTER (WHERE transaction_id IS NOT NULL AND amount > 0 AND NOT _duplicate
    AND is_retry AND original_transaction_id IS NOT NULL) AS retries,
  count(*) FILTER (WHERE transaction_id IS NOT NULL AND amount > 0 AND NOT _duplicate
    AND is_retry AND original_transaction_id IS NOT NULL AND _original_decline_reason IS NULL) AS unresolved_retries,
  count(*) FILTER (WHERE transaction_id IS NOT NULL AND amount > 0 AND NOT _duplicate AND is_approved) AS approved,
  min(event_timestamp) AS min_ts,
  max(event_timestamp) AS max_ts
FROM pipeline_stage
