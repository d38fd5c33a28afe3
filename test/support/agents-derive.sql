-- The silver columns the pipeline derives, recomputed after incidents changed scores.
CREATE OR REPLACE TABLE payments_enriched_silver AS
SELECT *, CAST(event_timestamp AS DATE) AS event_date, CAST(hour(event_timestamp) AS INTEGER) AS event_hour,
  CASE WHEN fraud_score < 0.3 THEN 'LOW' WHEN fraud_score < 0.7 THEN 'MEDIUM' ELSE 'HIGH' END AS risk_tier
FROM payments_enriched_silver
