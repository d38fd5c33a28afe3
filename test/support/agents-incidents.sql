-- Incidents for agent tests, each active only when its window is set: a processor outage,
-- a fraud attack on one segment, a latency spike.
UPDATE payments_enriched_silver SET
  is_approved = CASE WHEN processor = $outage_processor AND event_timestamp >= CAST($outage_start AS TIMESTAMP)
                      AND event_timestamp < CAST($outage_end AS TIMESTAMP) THEN FALSE ELSE is_approved END,
  decline_reason = CASE WHEN processor = $outage_processor AND event_timestamp >= CAST($outage_start AS TIMESTAMP)
                      AND event_timestamp < CAST($outage_end AS TIMESTAMP) THEN 'issuer_unavailable' ELSE decline_reason END,
  is_fraud = CASE WHEN merchant_segment = $attack_segment AND event_timestamp >= CAST($attack_start AS TIMESTAMP)
                  AND event_timestamp < CAST($attack_end AS TIMESTAMP) THEN (hash(transaction_id) % 100) < 45 ELSE is_fraud END,
  fraud_score = CASE WHEN merchant_segment = $attack_segment AND event_timestamp >= CAST($attack_start AS TIMESTAMP)
                  AND event_timestamp < CAST($attack_end AS TIMESTAMP) THEN 0.6 + (hash(transaction_id) % 40) / 100.0 ELSE fraud_score END,
  processing_latency_ms = CASE WHEN event_timestamp >= CAST($latency_start AS TIMESTAMP) AND event_timestamp < CAST($latency_end AS TIMESTAMP)
                  THEN processing_latency_ms * 8 ELSE processing_latency_ms END
