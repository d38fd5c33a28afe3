-- Additive aggregates of silver, appended by every batch in its own transaction (and compacted
-- now and then), so the all-data gold views sum a few thousand rows instead of scanning silver.
-- `agg` names the grouping; k1..k3 are its keys as text, kt its time bucket.
CREATE TABLE IF NOT EXISTS gold_partials (
  agg VARCHAR NOT NULL,
  k1 VARCHAR,
  k2 VARCHAR,
  k3 VARCHAR,
  kt TIMESTAMP,
  n BIGINT NOT NULL,
  approved BIGINT NOT NULL,
  declined BIGINT NOT NULL,
  first_declines BIGINT NOT NULL,
  retried1 BIGINT NOT NULL,
  recovered BIGINT NOT NULL,
  fraud BIGINT NOT NULL,
  threeds BIGINT NOT NULL,
  tokens BIGINT NOT NULL,
  errors BIGINT NOT NULL,
  amount DECIMAL(38, 2) NOT NULL,
  approved_amount DECIMAL(38, 2) NOT NULL,
  declined_amount DECIMAL(38, 2) NOT NULL,
  first_declined_amount DECIMAL(38, 2) NOT NULL,
  recovered_amount DECIMAL(38, 2) NOT NULL,
  fraud_loss_amount DECIMAL(38, 2) NOT NULL,
  fraud_score_sum DOUBLE NOT NULL,
  fraud_score_n BIGINT NOT NULL,
  latency_sum DOUBLE NOT NULL,
  latency_n BIGINT NOT NULL,
  composite_sum DOUBLE NOT NULL,
  composite_n BIGINT NOT NULL,
  ssd_sum DOUBLE NOT NULL,
  ssd_n BIGINT NOT NULL
)
