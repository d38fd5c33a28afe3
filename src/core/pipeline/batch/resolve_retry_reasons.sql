-- Retries of first attempts that arrived in an earlier batch: look the reason up in silver.
UPDATE payments_enriched_silver AS s
SET original_decline_reason = o.decline_reason
FROM (SELECT transaction_id, decline_reason FROM payments_enriched_silver WHERE NOT is_retry AND NOT is_approved) AS o
WHERE s._batch_id = $batch_id AND s.is_retry AND s.original_decline_reason IS NULL AND o.transaction_id = s.original_transaction_id
