import { describe, expect, it } from 'vitest';
import { findParameters, parseParameterValue } from '../../../../src/shared/sql/params';
import { splitStatements, statementAt } from '../../../../src/shared/sql/statements';

describe('splitStatements', () => {
  it('splits on top-level semicolons only', () => {
    const sql = 'SELECT \';\' AS a; -- comment; here\nSELECT "x;y" FROM t /* ; */;\n\nSELECT $$a;b$$';
    expect(splitStatements(sql).map((s) => s.text)).toEqual(["SELECT ';' AS a", 'SELECT "x;y" FROM t /* ; */', 'SELECT $$a;b$$']);
  });

  it('keeps offsets that point into the original text', () => {
    const sql = '  SELECT 1;\n\nSELECT 2  ';
    for (const s of splitStatements(sql)) expect(sql.slice(s.start, s.end)).toBe(s.text);
  });

  it('ignores empty statements and leading comments', () => {
    expect(splitStatements(';;\n-- only a comment\n;SELECT 1;;').map((s) => s.text)).toEqual(['SELECT 1']);
  });
});

describe('statementAt', () => {
  const sql = 'SELECT 1;\nSELECT 2\n  FROM t;\n\n';
  it('finds the statement under the cursor', () => {
    expect(statementAt(sql, 3)!.text).toBe('SELECT 1');
    expect(statementAt(sql, sql.indexOf('FROM'))!.text).toBe('SELECT 2\n  FROM t');
  });
  it('takes the statement before the cursor when it sits on a blank line below', () => {
    expect(statementAt(sql, sql.length)!.text).toBe('SELECT 2\n  FROM t');
  });
  it('finds nothing in an empty editor', () => {
    expect(statementAt('  \n', 1)).toBeUndefined();
  });
});

describe('parameters', () => {
  it('finds $name parameters but not ones inside strings, comments or $$ quotes', () => {
    expect(findParameters("SELECT $a, '$b', $$ $c $$ -- $d\n FROM t WHERE x = $a AND y = $e_2 AND z = $1")).toEqual(['a', 'e_2']);
  });
  it('turns typed text into numbers, booleans, NULL or text', () => {
    expect(parseParameterValue('42')).toBe(42);
    expect(parseParameterValue('-1.5')).toBe(-1.5);
    expect(parseParameterValue('true')).toBe(true);
    expect(parseParameterValue('')).toBeNull();
    expect(parseParameterValue('NULL')).toBeNull();
    expect(parseParameterValue('Visa')).toBe('Visa');
    expect(parseParameterValue('2024-01-01')).toBe('2024-01-01');
    expect(parseParameterValue('12345678901234567890')).toBe('12345678901234567890');
  });
});
