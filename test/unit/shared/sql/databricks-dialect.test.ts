import { describe, expect, it } from 'vitest';
import { fromDatabricksSql, toDatabricksSql } from '../../../../src/shared/sql/databricks-dialect';

describe('DuckDB ⇄ Databricks SQL lexical translation', () => {
  it('quotes identifiers with backticks and escapes quotes with backslashes for Databricks', () => {
    expect(toDatabricksSql(`SELECT "approval rate", 'it''s', 'a\\b' AS "x""y" FROM t -- "c" 'd'`)).toBe(
      "SELECT `approval rate`, 'it\\'s', 'a\\\\b' AS `x\"y` FROM t -- \"c\" 'd'",
    );
  });

  it('reads Databricks SQL back into DuckDB SQL, and round-trips', () => {
    const databricks = "SELECT `a b`, 'O\\'Brien', 'tab\\there' FROM `cat`.`s`.t /* `x` */";
    const duck = fromDatabricksSql(databricks);
    expect(duck).toBe(`SELECT "a b", 'O''Brien', 'tab\there' FROM "cat"."s".t /* \`x\` */`);
    expect(toDatabricksSql(duck)).toBe("SELECT `a b`, 'O\\'Brien', 'tab\there' FROM `cat`.`s`.t /* `x` */");
    // DuckDB text without backslashes passes through unchanged.
    const plain = `SELECT "x", 'it''s' FROM t WHERE a::INT > 1`;
    expect(fromDatabricksSql(plain)).toBe(plain);
  });
});
