import { describe, expect, it } from 'vitest';
import { fromDatabricksSql } from '../../../../src/shared/sql/databricks-dialect';
import { DATABRICKS, DUCKDB } from '../../../../src/shared/sql/dialect';
import { quoteIdentIfNeeded } from '../../../../src/shared/sql/quote';

describe('Dialect: one way to quote and translate per engine', () => {
  it('writes an unsized VARCHAR as STRING for Databricks (Spark refuses CAST(x AS VARCHAR)), leaving strings, names and VARCHAR(n) alone', () => {
    const duck = `SELECT CAST(a AS VARCHAR), b::varchar, c::VARCHAR(10), 'VARCHAR', "varchar" FROM t`;
    expect(DATABRICKS.translate(duck)).toBe("SELECT CAST(a AS STRING), b::STRING, c::VARCHAR(10), 'VARCHAR', `varchar` FROM t");
    expect(DUCKDB.translate(duck)).toBe(duck);
  });

  it('quotes names and strings so each engine reads them back as written', () => {
    const odd = `it's a "b" \`c\` \\d`;
    expect(DUCKDB.quoteIdent(odd)).toBe(`"it's a ""b"" \`c\` \\d"`);
    expect(DUCKDB.quoteLiteral(odd)).toBe(`'it''s a "b" \`c\` \\d'`);
    expect(DATABRICKS.quoteIdent(odd)).toBe('`it\'s a "b" ``c`` \\d`');
    expect(DATABRICKS.quoteLiteral(odd)).toBe(`'it\\'s a "b" \`c\` \\\\d'`);
    // Databricks text read back into DuckDB SQL gives the DuckDB spelling of the same values.
    expect(fromDatabricksSql(`SELECT ${DATABRICKS.quoteLiteral(odd)}`)).toBe(`SELECT ${DUCKDB.quoteLiteral(odd)}`);
    expect(DATABRICKS.qualify('main', 'gold', 'v_x')).toBe('`main`.`gold`.`v_x`');
    expect(DUCKDB.qualify('main', 'v_x')).toBe('"main"."v_x"');
  });

  it('leaves a plain lower-case name bare for readable SQL, but quotes reserved words and anything else', () => {
    expect(quoteIdentIfNeeded('approval_rate')).toBe('approval_rate');
    expect(quoteIdentIfNeeded('order')).toBe('"order"');
    expect(quoteIdentIfNeeded('Approval Rate')).toBe('"Approval Rate"');
  });
});
