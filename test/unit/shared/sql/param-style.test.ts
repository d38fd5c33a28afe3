import { describe, expect, it } from 'vitest';
import { findParameters } from '../../../../src/shared/sql/params';
import { dollarToColonParams } from '../../../../src/shared/sql/param-style';

describe('dollarToColonParams', () => {
  it('rewrites $name markers and nothing inside strings, identifiers or comments', () => {
    const sql = `SELECT '$date_from' AS s, "$x" AS q, $$ $y $$ AS d -- $z\nFROM t WHERE d BETWEEN $date_from AND $date_to AND c = $card_network::VARCHAR`;
    const out = dollarToColonParams(sql);
    expect(out).toBe(
      `SELECT '$date_from' AS s, "$x" AS q, $$ $y $$ AS d -- $z\nFROM t WHERE d BETWEEN :date_from AND :date_to AND c = :card_network::VARCHAR`,
    );
    expect(findParameters(out, 'colon')).toEqual(['date_from', 'date_to', 'card_network']);
    expect(findParameters(sql, 'dollar')).toEqual(findParameters(out, 'colon'));
  });

  it('refuses positional markers', () => {
    expect(() => dollarToColonParams('SELECT $1')).toThrow(/positional/);
  });
});
