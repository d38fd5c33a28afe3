-- Time buckets of the analysis period per value of one dimension ('all' for the whole flow): the scan
-- that finds outages, fraud attacks and latency spikes wherever they happened in the period.
SELECT
  CASE $dimension WHEN 'processor' THEN processor::VARCHAR WHEN 'merchant_segment' THEN merchant_segment::VARCHAR ELSE 'all' END AS dimension_value,
  strftime(time_bucket(to_minutes(CAST($bucket_minutes AS INTEGER)), event_timestamp), '%Y-%m-%d %H:%M:%S') AS bucket_start,
  count(*) AS attempts,
  count(*) FILTER (WHERE is_approved) AS approved,
  count(*) FILTER (WHERE is_fraud) AS fraud_count,
  avg(fraud_score) AS avg_fraud_score,
  quantile_cont(processing_latency_ms, 0.95) AS p95_latency_ms
FROM payments_enriched_silver
WHERE event_timestamp > CAST($anchor AS TIMESTAMP) - to_days(CAST($days AS INTEGER))
  AND event_timestamp <= CAST($anchor AS TIMESTAMP)
GROUP BY ALL
ORDER BY dimension_value, bucket_start
