import { describe, expect, it } from 'vitest';
import { confirmationVerb } from '../../../../src/shared/sql/needs-confirmation';

describe('statements that ask before they run', () => {
  it.each([
    ['DROP TABLE payments_raw_bronze', 'DROP'],
    ['  -- tidy up\n delete from t where x = 1', 'DELETE'],
    ['TRUNCATE quarantine', 'TRUNCATE'],
    ['ALTER TABLE t RENAME TO u', 'ALTER'],
    ['UPDATE t SET a = 1', 'UPDATE'],
    ['CREATE OR REPLACE TABLE t AS SELECT 1', 'CREATE OR REPLACE'],
    ['WITH old AS (SELECT 1) DELETE FROM t USING old', 'DELETE'],
    ['DETACH other', 'DETACH'],
    ['VACUUM', 'VACUUM'],
  ])('%s → %s', (sql, verb) => {
    expect(confirmationVerb(sql)).toBe(verb);
  });

  it.each([
    'SELECT * FROM v_executive_kpis',
    "SELECT 'DROP TABLE x' AS joke",
    'WITH a AS (SELECT 1) SELECT * FROM a',
    'CREATE TABLE fx AS SELECT 1',
    'INSERT INTO fx VALUES (1)',
    'EXPLAIN SELECT 1',
    'FROM payments_enriched_silver LIMIT 5',
    '/* DROP */ SELECT 1',
  ])('runs without asking: %s', (sql) => {
    expect(confirmationVerb(sql)).toBeNull();
  });
});
