import { describe, expect, it } from 'vitest';
import { sqlErrorPosition, sqlErrorSummary } from '../../../../src/core/engine/sql-error';

describe('sqlErrorPosition', () => {
  it("maps DuckDB's caret to line and column", () => {
    const msg = 'Parser Error: syntax error at or near "x"\n\nLINE 1: SELECT 1 FORM x\n                      ^';
    expect(sqlErrorPosition(msg, 'SELECT 1 FORM x')).toEqual({ line: 1, column: 15, offset: 14 });
  });

  it('finds the spot on a later line', () => {
    const sql = 'SELECT\n  1,\n  foo(2)';
    const msg = 'Catalog Error: Scalar Function with name foo does not exist!\n\nLINE 3:   foo(2)\n          ^';
    expect(sqlErrorPosition(msg, sql)).toEqual({ line: 3, column: 3, offset: 14 });
  });

  it('gives no position when DuckDB gives none', () => {
    expect(sqlErrorPosition('Conversion Error: bad', 'SELECT 1')).toBeUndefined();
  });

  it('keeps the message without the echoed SQL or the driver prefix', () => {
    expect(sqlErrorSummary('Failed to extract statements: Parser Error: x\n\nLINE 1: y\n ^')).toBe('Parser Error: x');
  });
});
