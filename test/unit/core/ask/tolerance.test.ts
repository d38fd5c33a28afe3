import { describe, expect, it } from 'vitest';
import { planQuestion } from '../../../../src/core/ask/offline-engine';
import { semanticLayer } from '../../../../src/core/ask/semantic-layer';
import { buildSql } from '../../../../src/core/ask/sql-builder';
import { ignoredNote } from '../../../../src/core/ask/tolerance';

const sqlOf = (q: string) => {
  const p = planQuestion(q, undefined);
  if ('cannot' in p) throw new Error(`${q}: ${p.cannot}`);
  return { sql: buildSql(p.intent, semanticLayer).sql.replace(/\s+/g, ' '), ignored: p.ignored ?? [] };
};

describe('Ask tolerant parsing: a word that carries no meaning here is read past, and the answer says so', () => {
  it.each([
    ['Which channel carries the lowest approval rate?', 'carries', /GROUP BY channel ORDER BY approval_rate ASC/],
    ['Summarise the fraud rate per merchant segment', 'summarise', /GROUP BY merchant_segment/],
    ['What was the dollar value approved yesterday?', 'dollar', /sum\(amount\).*WHERE is_approved/],
    ['How has declined value evolved each day this week?', 'evolved', /GROUP BY event_date/],
    ['What share of approved value is paid with network tokens?', 'paid', /FILTER \(WHERE is_network_token\)/],
  ])('%s', (q, word, sql) => {
    const out = sqlOf(q);
    expect(out.ignored).toEqual([word]);
    expect(out.sql).toMatch(sql);
  });

  it('the answer names how it was read and every word it ignored', () => {
    expect(ignoredNote('approval rate, the last 7 days', ['carries'])).toBe(
      ' (Read as: approval rate, the last 7 days — ignored: "carries".)',
    );
  });

  it.each([
    // a negation or a limit about the unknown word changes the meaning
    ['approval rate for transactions not flagged', /"flagged"/],
    ['fraud rate of payments without being disputed', /"disputed"/],
    // the unknown word is the thing asked about, or names another measure
    ['how many refunds were approved yesterday', /can't answer/],
    ['Which customers churned last month?', /can't answer/],
    ['what is the interest rate on approved value', /"interest"/],
    // two words the layer never uses: a question about something else
    ['How many chargeback disputes did we win last quarter?', /can't answer/],
    // a value-like word (a name, a number word) is never skipped
    ['average ticket of purchases from Zorblax yesterday', /./],
    ['approval rate for the two biggest channels', /./],
    // forecasts and data changes stay refused
    ['what will our approval rate be next month?', /can't answer/],
    ['approval rate of the transactions deleted yesterday', /"deleted"/],
    // an ordering word not understood is not dropped
    ['which channel has the spiciest approval rate', /"spiciest"/],
  ])('still refuses: %s', (q, reason) => {
    const p = planQuestion(q, undefined);
    if (!('cannot' in p)) expect(p.ignored ?? []).toEqual([]);
    else expect(p.cannot).toMatch(reason);
  });
});

describe('Ask comparisons of groups of different sizes compare rates', () => {
  it.each([
    ['Is fraud more widespread on weekends than on weekdays?', /GROUP BY is_weekend ORDER BY fraud_rate/],
    ['Mastercard or Amex: which one gets approved more often?', /avg\(is_approved::INT\).*GROUP BY card_network/],
    ['do Visa or Elo get declined more often', /decline_rate/],
    ['Which processor has the poorest approval rate?', /ORDER BY approval_rate ASC, processor LIMIT 1/],
  ])('%s', (q, sql) => {
    expect(sqlOf(q).sql).toMatch(sql);
  });
});
