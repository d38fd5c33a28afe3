-- Data-quality results per batch: how many rows passed and failed each expectation.
CREATE TABLE IF NOT EXISTS pipeline_expectations (
  batch_id BIGINT NOT NULL,
  expectation VARCHAR NOT NULL,
  action VARCHAR NOT NULL,
  passed BIGINT NOT NULL,
  failed BIGINT NOT NULL,
  recorded_at TIMESTAMP NOT NULL,
  PRIMARY KEY (batch_id, expectation)
)
