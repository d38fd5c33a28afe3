import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../../src/shared/api';
import { buildCompletionIndex } from '../../../../src/renderer/features/sql/completion/catalog-index';
import { completionContext } from '../../../../src/renderer/features/sql/completion/context';
import { suggest } from '../../../../src/renderer/features/sql/completion/suggest';

const catalog: Catalog = {
  database: 'test',
  schemas: ['main', 'staging'],
  relations: [
    {
      schema: 'main',
      name: 'payments_enriched_silver',
      kind: 'table',
      rowCount: 10,
      columns: [
        { name: 'transaction_id', type: 'VARCHAR', nullable: true },
        { name: 'amount', type: 'DECIMAL(12,2)', nullable: true },
        { name: 'card_network', type: 'VARCHAR', nullable: true },
      ],
    },
    {
      schema: 'main',
      name: 'v_daily_trends',
      kind: 'view',
      rowCount: null,
      columns: [
        { name: 'event_date', type: 'DATE', nullable: true },
        { name: 'approval_rate_pct', type: 'DOUBLE', nullable: true },
      ],
    },
    {
      schema: 'main',
      name: 'merchants',
      kind: 'table',
      rowCount: 3,
      columns: [
        { name: 'merchant_id', type: 'VARCHAR', nullable: true },
        { name: 'Merchant Name', type: 'VARCHAR', nullable: true },
      ],
    },
    { schema: 'staging', name: 'raw_events', kind: 'table', rowCount: 1, columns: [{ name: 'payload', type: 'JSON', nullable: true }] },
  ],
};
const index = buildCompletionIndex(catalog, [
  { name: 'date_trunc', kind: 'scalar', signature: 'date_trunc(part, timestamp)', description: '' },
]);

function at(sqlWithCursor: string) {
  const offset = sqlWithCursor.indexOf('|');
  const sql = sqlWithCursor.replace('|', '');
  return suggest(index, sql, offset);
}
const labels = (s: { label: string }[]) => s.map((x) => x.label);

describe('completion context', () => {
  it('knows it is after FROM, JOIN or a comma in a FROM list', () => {
    expect(completionContext('SELECT * FROM pay', 17)).toMatchObject({ kind: 'relation', prefix: 'pay' });
    expect(completionContext('SELECT * FROM a JOIN ', 21).kind).toBe('relation');
    expect(completionContext('SELECT * FROM a x, ', 19).kind).toBe('relation');
    expect(completionContext('SELECT a, ', 10).kind).toBe('expression');
  });
  it('reads a qualifier before a dot', () => {
    expect(completionContext('SELECT p.am FROM t p', 11)).toMatchObject({ kind: 'member', qualifier: ['p'], prefix: 'am' });
    expect(completionContext('SELECT * FROM main.', 19)).toMatchObject({ kind: 'member', qualifier: ['main'] });
  });
  it('stays quiet while an alias is typed after AS, and wakes up after it', () => {
    expect(at('SELECT amount AS |')).toEqual([]);
    expect(at('SELECT sum(amount) as tot|')).toEqual([]);
    expect(at('SELECT * FROM payments_enriched_silver AS p|')).toEqual([]);
    expect(at('WITH recent AS |')).toEqual([]);
    expect(labels(at('SELECT amount AS a FROM |'))).toContain('payments_enriched_silver');
    expect(labels(at('SELECT p.| FROM payments_enriched_silver AS p'))).toContain('amount');
  });
  it('stays quiet inside strings and comments', () => {
    expect(completionContext("SELECT 'FROM ", 13).kind).toBe('none');
    expect(completionContext('SELECT 1 -- from ', 17).kind).toBe('none');
  });
});

describe('suggest', () => {
  it('offers tables and views after FROM, gold views first', () => {
    const s = at('SELECT * FROM |');
    expect(labels(s)).toEqual(expect.arrayContaining(['payments_enriched_silver', 'v_daily_trends', 'merchants', 'staging.raw_events']));
    const gold = s.find((x) => x.label === 'v_daily_trends')!;
    expect(gold.kind).toBe('gold');
    expect(gold.sortText < s.find((x) => x.label === 'merchants')!.sortText).toBe(true);
    expect(labels(s)).not.toContain('date_trunc');
  });

  it('resolves aliases to the columns of their table', () => {
    const s = at('SELECT p.| FROM payments_enriched_silver AS p JOIN merchants m ON true');
    expect(labels(s)).toEqual(['transaction_id', 'amount', 'card_network']);
    expect(labels(at('SELECT m.| FROM payments_enriched_silver p JOIN merchants m ON true'))).toEqual(['merchant_id', 'Merchant Name']);
  });

  it('quotes column names that need it', () => {
    const s = at('SELECT m.| FROM merchants m');
    expect(s.find((x) => x.label === 'Merchant Name')!.insertText).toBe('"Merchant Name"');
  });

  it('offers in-scope columns, functions and keywords in expressions', () => {
    const s = at('SELECT | FROM v_daily_trends');
    expect(labels(s)).toEqual(expect.arrayContaining(['event_date', 'approval_rate_pct', 'date_trunc', 'SELECT']));
    expect(labels(s)).not.toContain('transaction_id');
    expect(labels(at('SELECT * FROM v_daily_trends WHERE appr|'))).toContain('approval_rate_pct');
  });

  it('lists the relations of a schema after `schema.`', () => {
    expect(labels(at('SELECT * FROM staging.|'))).toEqual(['raw_events']);
  });

  it('filters by what has been typed', () => {
    expect(labels(at('SELECT * FROM merch|'))).toEqual(['merchants']);
  });
});

describe('CTEs', () => {
  const cte =
    'WITH recent AS (SELECT transaction_id, amount * 2 AS doubled, card_network net FROM payments_enriched_silver), totals(n) AS (SELECT count(*) FROM recent) ';
  it('offers CTE names after FROM, first', () => {
    const s = at(`${cte}SELECT * FROM |`);
    expect(labels(s).slice(0, 2)).toEqual(['recent', 'totals']);
  });
  it('knows the columns a CTE yields, through an alias too', () => {
    expect(labels(at(`${cte}SELECT r.| FROM recent r`))).toEqual(['transaction_id', 'doubled', 'net']);
    expect(labels(at(`${cte}SELECT | FROM totals`))).toContain('n');
  });
});
