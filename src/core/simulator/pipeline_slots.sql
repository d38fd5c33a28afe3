-- The batch's slot numbers as a table: the generator scans it (in parallel) instead of range().
CREATE OR REPLACE TEMP TABLE pipeline_slots AS SELECT range AS n FROM range($lo, $hi)
