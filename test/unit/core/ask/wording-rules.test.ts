import { describe, expect, it } from 'vitest';
import { planQuestion } from '../../../../src/core/ask/offline-engine';
import { semanticLayer } from '../../../../src/core/ask/semantic-layer';
import { buildSql } from '../../../../src/core/ask/sql-builder';

const planOf = (q: string) => {
  const p = planQuestion(q, undefined);
  if ('cannot' in p) throw new Error(`${q}: ${p.cannot}`);
  return { sql: buildSql(p.intent, semanticLayer).sql.replace(/\s+/g, ' '), intent: p.intent, ignored: p.ignored ?? [] };
};

describe('Ask wording rules: each general rule read in wording no test set holds', () => {
  it.each([
    // "X or not" / "regardless of outcome": no condition on that flag
    ['value and count for Elo, approved or not', /^(?!.*is_approved).*card_network/],
    ['average latency of Wallet payments regardless of the outcome', /^(?!.*is_approved).*payment_solution/],
    // a number word before a ranked noun is the count
    ['name the four networks with the most fraud cases', /LIMIT 4$/],
    // "<Country>-issued": where the card was issued
    ['decline rate on Argentinian-issued debit cards', /issuer_country = 'AR'/],
    // "in how many X": a distinct count
    ['across how many merchant segments does ProcessorC operate?', /count\(DISTINCT merchant_segment\)/],
    // a rate split by a group stays the rate, not a share of the total
    ['fraud rate split by channel', /avg\(is_fraud::INT\).*GROUP BY channel/],
    // "sort from highest to lowest": every group, ordered
    ['approval rate by processor, ranked from highest to lowest', /ORDER BY approval_rate DESC, processor LIMIT 1000$/],
    ['average ticket per channel in ascending order', /ORDER BY avg_ticket ASC, channel LIMIT 1000$/],
    // a day-of-week breakdown is in weekday order
    ['decline count by day of week', /ORDER BY day_of_week$/],
    // groups with none of an outcome: a HAVING, counted
    ['how many processors had zero fraud cases yesterday?', /HAVING count\(\*\) FILTER \(WHERE is_fraud\) = 0/],
    ['number of merchants without any declines this week', /GROUP BY merchant_id HAVING count\(\*\) FILTER \(WHERE NOT is_approved\) = 0/],
    // the interquartile range and percentiles in tenths
    ['IQR of the AML risk score', /quantile_cont\(aml_risk_score, 0\.75\) - quantile_cont\(aml_risk_score, 0\.25\)/],
    ['99.5th percentile latency for Amex', /quantile_cont\(processing_latency_ms, 0\.995\)/],
    ['what amount marks the biggest 2% of tickets?', /quantile_cont\(amount, 0\.98\)/],
    // an adjective describing a filtered column is neither a risk tier nor a measure
    [
      'low-latency payments (latency under 100 ms): count and approval rate',
      /^SELECT count\(\*\) AS transactions, round\(100\*avg\(is_approved::INT\),2\) AS approval_rate .*WHERE processing_latency_ms < 100$/,
    ],
    // "leave out X", "apart from X": everything but X
    ['leave out Visa: approval rate by card type', /card_network <> 'Visa'/],
  ])('%s', (q, sql) => {
    expect(planOf(q).sql).toMatch(sql);
  });

  it('a change of at least N points narrows the merchants whose approval rate fell', () => {
    expect(planOf('merchants whose approval rate dropped by more than 4 pts').intent.specialMin).toBe(4);
  });

  it('a word read past is named in the answer, and a measure word never is', () => {
    expect(planOf('Summarize high-velocity traffic (velocity score above 0.9): volume and fraud rate').ignored).toEqual(['summarize']);
    const p = planQuestion('approval rate for payments never retried', undefined);
    expect('cannot' in p || (p.ignored ?? []).length === 0).toBe(true);
  });
});
