-- Every bronze row that silver does not keep, with the reason: the first expectation it breaks
-- (valid_transaction_id, valid_amount), else 'duplicate' for a later delivery of a transaction_id.
CREATE OR REFRESH MATERIALIZED VIEW payments_quarantine
COMMENT 'Rows dropped on the way to silver, with the reason'
AS SELECT * EXCEPT (_delivery),
  CASE
    WHEN transaction_id IS NULL THEN 'valid_transaction_id'
    WHEN amount IS NULL OR amount <= 0 THEN 'valid_amount'
    ELSE 'duplicate'
  END AS reason
FROM (
  SELECT *, row_number() OVER (PARTITION BY transaction_id ORDER BY _ingested_at, _source) AS _delivery
  FROM payments_raw_bronze
)
WHERE transaction_id IS NULL OR amount IS NULL OR amount <= 0 OR _delivery > 1
