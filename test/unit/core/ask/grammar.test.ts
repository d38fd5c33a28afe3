import { describe, expect, it } from 'vitest';
import { planQuestion } from '../../../../src/core/ask/offline-engine';
import { semanticLayer } from '../../../../src/core/ask/semantic-layer';
import { buildSql } from '../../../../src/core/ask/sql-builder';

const sqlOf = (q: string) => {
  const p = planQuestion(q, undefined);
  if ('cannot' in p) throw new Error(`${q}: ${p.cannot}`);
  return buildSql(p.intent, semanticLayer).sql.replace(/\s+/g, ' ');
};

describe('Ask grammar: "what X do N% stay below" is the Nth percentile of X', () => {
  it.each([
    ['what amount do 80% of approved Visa payments stay below', /quantile_cont\(amount, 0\.8\).*is_approved.*'Visa'/],
    [
      'Per card network, what latency do 90 percent of transactions fall under?',
      /card_network, round\(quantile_cont\(processing_latency_ms, 0\.9\)/,
    ],
    ['what ticket size does 75% of traffic remain below', /quantile_cont\(amount, 0\.75\)/],
  ])('%s', (q, sql) => {
    expect(sqlOf(q)).toMatch(sql);
  });
});

describe('Ask grammar: a count of merchants is of distinct merchants, however it is worded', () => {
  it.each([
    ['daily count of active merchants this week', /SELECT event_date, count\(DISTINCT merchant_id\)/],
    ['number of distinct merchants in Travel yesterday', /count\(DISTINCT merchant_id\).*'Travel'/],
  ])('%s', (q, sql) => {
    expect(sqlOf(q)).toMatch(sql);
  });
});

describe('Ask grammar: a spelled-out list of measures never drops one', () => {
  it('"the number of merchants, transactions and the average amount" keeps the transaction count', () => {
    const sql = sqlOf('per card network, the number of merchants, payments and the average ticket');
    expect(sql).toMatch(/count\(DISTINCT merchant_id\)/);
    expect(sql).toMatch(/count\(\*\) AS transactions/);
    expect(sql).toMatch(/avg\(amount\)/);
  });
});
