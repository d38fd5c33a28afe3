CREATE TABLE IF NOT EXISTS model_registry (
  name VARCHAR NOT NULL,
  version INTEGER NOT NULL,
  algorithm VARCHAR NOT NULL,
  label VARCHAR NOT NULL,
  classes VARCHAR NOT NULL,
  positive_class VARCHAR,
  features VARCHAR NOT NULL,
  training_window VARCHAR NOT NULL,
  metrics VARCHAR NOT NULL,
  reference_accuracy DOUBLE NOT NULL,
  training_seconds DOUBLE NOT NULL,
  artefact VARCHAR NOT NULL,
  settings VARCHAR,
  created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
  PRIMARY KEY (name, version)
)
