import { describe, expect, it } from 'vitest';
import { findParameters } from '../../../../src/shared/sql/params';

describe('Databricks-style :name parameters', () => {
  it('finds :name markers in order, once each', () => {
    expect(findParameters('SELECT * FROM t WHERE a >= :min AND b = :net OR c <= :min', 'colon')).toEqual(['min', 'net']);
    expect(findParameters('SELECT f(:a, :b)', 'colon')).toEqual(['a', 'b']);
  });

  it('ignores casts, slices, strings and comments', () => {
    expect(findParameters('SELECT x::INT, arr[a:b], \':no\', "q:no" -- :no\nFROM t', 'colon')).toEqual([]);
  });

  it('leaves the DuckDB $name style alone', () => {
    expect(findParameters('SELECT $a, :b', 'dollar')).toEqual(['a']);
    expect(findParameters('SELECT $a, :b', 'colon')).toEqual(['b']);
  });
});
