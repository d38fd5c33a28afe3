-- Rows the drop expectations reject, each with the first rule it broke.
INSERT INTO payments_quarantine
SELECT transaction_id, event_timestamp, merchant_id, merchant_name, merchant_segment, merchant_country, issuer_country,
  card_network, card_type, channel, payment_solution, processor, amount, currency, uses_3ds, three_ds_outcome,
  is_network_token, fraud_score, aml_risk_score, device_trust_score, velocity_score, is_approved, decline_reason,
  response_code, is_retry, retry_attempt, original_transaction_id, seconds_since_decline, processing_latency_ms, is_fraud,
  CASE
    WHEN transaction_id IS NULL THEN 'valid_transaction_id'
    WHEN amount IS NULL OR amount <= 0 THEN 'valid_amount'
    ELSE 'duplicate'
  END AS reason,
  NULL AS raw_record,
  _line AS source_line,
  $ingested_at, $batch_id, $source
FROM pipeline_stage
WHERE transaction_id IS NULL OR amount IS NULL OR amount <= 0 OR _duplicate
