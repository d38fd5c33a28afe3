-- How far gold_partials has folded silver in: every batch id up to the highest watermark.
-- Written in the same transaction as the partials it describes.
CREATE TABLE IF NOT EXISTS gold_partials_state (watermark BIGINT NOT NULL, folded_at TIMESTAMP NOT NULL)
