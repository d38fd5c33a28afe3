-- Retries whose first attempt (a valid, first delivery) is in the same batch: copy its reason.
UPDATE pipeline_stage AS r
SET _original_decline_reason = f.decline_reason
FROM (
  SELECT transaction_id, decline_reason FROM pipeline_stage
  WHERE NOT _duplicate AND transaction_id IS NOT NULL AND amount > 0 AND NOT is_retry AND NOT is_approved
) AS f
WHERE r.is_retry AND r.original_transaction_id = f.transaction_id
