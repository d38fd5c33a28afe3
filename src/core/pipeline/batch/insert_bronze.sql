-- Bronze keeps every delivered row, duplicates and malformed ones included.
INSERT INTO payments_raw_bronze
SELECT transaction_id, event_timestamp, merchant_id, merchant_name, merchant_segment, merchant_country, issuer_country,
  card_network, card_type, channel, payment_solution, processor, amount, currency, uses_3ds, three_ds_outcome,
  is_network_token, fraud_score, aml_risk_score, device_trust_score, velocity_score, is_approved, decline_reason,
  response_code, is_retry, retry_attempt, original_transaction_id, seconds_since_decline, processing_latency_ms, is_fraud,
  $ingested_at, $batch_id, $source
FROM pipeline_stage
