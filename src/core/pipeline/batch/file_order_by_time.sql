-- A paced file replay delivers records in event-time order: _seq numbers them by timestamp
-- (unreadable timestamps first, ties by line) and _ts keeps the parsed time for the clock.
CREATE OR REPLACE TEMP TABLE file_raw AS
SELECT *,
  TRY_CAST(event_timestamp AS TIMESTAMP) AS _ts,
  row_number() OVER (ORDER BY TRY_CAST(event_timestamp AS TIMESTAMP) ASC NULLS FIRST, _line) - 1 AS _seq
FROM file_raw
ORDER BY _seq
