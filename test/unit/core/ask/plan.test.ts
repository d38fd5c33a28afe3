import { describe, expect, it } from 'vitest';
import type { Intent } from '../../../../src/core/ask/intent';
import { planQuestion } from '../../../../src/core/ask/offline-engine';
import { semanticLayer } from '../../../../src/core/ask/semantic-layer';
import { buildSql } from '../../../../src/core/ask/sql-builder';
import { goldSql } from '../../../../src/core/ask/gold-views';

const plan = (q: string, context?: Intent): Intent => {
  const p = planQuestion(q, context);
  if ('cannot' in p) throw new Error(`${q}: ${p.cannot}`);
  return p.intent;
};
const sql = (q: string, context?: Intent) => buildSql(plan(q, context), semanticLayer).sql.replace(/\s+/g, ' ');

describe('Ask plans: follow-ups edit the previous plan', () => {
  it('"break it down by processor" adds the grouping and drops the previous LIMIT', () => {
    const top = plan('which card network has the highest fraud rate?');
    expect(buildSql(top, semanticLayer).sql).toContain('LIMIT 1');
    const broken = sql('break it down by processor', top);
    expect(broken).toContain('GROUP BY card_network, processor');
    expect(broken).not.toContain('LIMIT');
  });

  it('"the day before that" moves a one-day question one day back, typed alone or after the question', () => {
    const first = plan('how many declines yesterday');
    expect(sql('and the day before that?', first)).toContain('event_date = (SELECT max(event_date) FROM payments_enriched_silver) - 2');
    expect(sql('fraud cases today? what about the previous day')).toContain(
      'WHERE is_fraud AND event_date = (SELECT max(event_date) FROM payments_enriched_silver) - 1',
    );
    const twice = plan('the day before', plan('the day before', first));
    expect(buildSql(twice, semanticLayer).sql).toContain('- 3');
  });

  it('"same for Elo" swaps the card-network filter, "only cross-border" adds a flag, "now by week" changes the grain', () => {
    const first = plan('approval rate for Visa by channel');
    const elo = plan('same for Elo', first);
    expect(buildSql(elo, semanticLayer).sql).toContain("card_network = 'Elo'");
    expect(buildSql(elo, semanticLayer).sql).not.toContain('Visa');
    const xb = sql('only cross-border', elo);
    expect(xb).toContain('is_cross_border');
    const daily = plan('daily declines for the last 28 days');
    const weekly = sql('now by week', daily);
    expect(weekly).toContain("date_trunc('week', event_date)");
    expect(weekly).not.toMatch(/GROUP BY event_date/);
  });
});

describe('Ask plans: parts that combine freely', () => {
  it.each([
    ['how many transactions did we process yesterday', '= (SELECT max(event_date) FROM payments_enriched_silver) - 1'],
    ['what percent of transactions use 3DS', 'avg((uses_3ds)::INT)'],
    ['approval rate for transactions over $500', 'amount > 500'],
    // "X: what share of Y": the part named first is the share's condition ("+" joins two values).
    ['Visa + Mastercard: what share of approved value?', "sum(amount) FILTER (WHERE card_network IN ('Visa', 'Mastercard'))/sum(amount)"],
    [
      'cross-border: what percentage of declines',
      'avg((is_cross_border)::INT),2) AS pct_of_declines FROM payments_enriched_silver WHERE NOT is_approved',
    ],
    // A change ranked with words between the verb and "most", and the count asked for; change verbs are never typo-fixed.
    ['which 3 networks grew approvals most month over month', 'AS approvals_change FROM'],
    ['which 3 networks grew approvals most month over month', 'ORDER BY approvals_change DESC, card_network LIMIT 3'],
    ['which segment saw its decline rate rise the most week over week', 'ORDER BY decline_rate_change_pp DESC, merchant_segment LIMIT 1'],
    // "active merchants" are counted once each; "how much of X comes from Y" is Y's share of X, said as a percentage or not.
    ['how many active merchants in Chile', 'SELECT count(DISTINCT merchant_id) AS merchants'],
    ['how much of all fraud cases is in Brazil', "avg((merchant_country = 'BR')::INT),2) AS pct_of_fraud_count"],
    ['what share of approved value comes from Visa, as a percentage', "sum(amount) FILTER (WHERE card_network = 'Visa')/sum(amount)"],
    // "number of <plural dimension>" counts its distinct values; "overnight hours" is the flag; a statistic of flagged amounts.
    ['how many issuing countries send payments to Brazil', 'SELECT count(DISTINCT issuer_country)'],
    ['how many card networks do we see in Mexico', 'SELECT count(DISTINCT card_network)'],
    ['overnight hours approval rate by processor', 'WHERE is_late_night GROUP BY processor'],
    ['max fraudulent amount last week', 'SELECT max(amount) AS max_amount FROM payments_enriched_silver WHERE is_fraud AND'],
    // A wait counted from the decline is a condition on the wait, not a filter to declined rows.
    ['approval rate for retries within 10 minutes of the decline', 'WHERE is_retry AND seconds_since_decline <= 600'],
    ['share approved among retries from 2 to 10 minutes after their decline', 'seconds_since_decline BETWEEN 120 AND 600'],
    // Weekday anchors, parts of a named month, and two named months side by side.
    ['approvals since last thursday', 'AS DATE) + 3 - CASE WHEN'],
    ['number of payments from Wed onwards', 'AS DATE) + 2 - CASE WHEN'],
    ['how many payments in the 2nd week of October', ', 10, 8) AND make_date('],
    [
      'fraud rate in the second half of November',
      'least(make_date(year((SELECT max(event_date) FROM payments_enriched_silver))::INT, 11, 1) + 30, last_day(',
    ],
    ['decline rate Sep compared with Oct', 'GROUP BY year(event_date), month(event_date)'],
    ['MoM fraud rate, Sep vs Oct', ':INT, 9, 1) AND least('],
    // A list of measures spelled out keeps each one, the plain count included; a noun after listed qualifiers is each one's.
    [
      'by network: payments, approvals, fraud cases and p95 amount',
      'SELECT card_network, count(*) AS transactions, count(*) FILTER (WHERE is_approved)',
    ],
    [
      'how many countries and how many payments per channel',
      'count(DISTINCT merchant_country) AS distinct_merchant_country, count(*) AS transactions',
    ],
    [
      'approved, declined and total count last week',
      'AS approvals, count(*) FILTER (WHERE NOT is_approved) AS declines, count(*) AS transactions',
    ],
    ['median amount of declined payments', 'quantile_cont(amount, 0.5)'],
    ['95th percentile latency by processor', 'quantile_cont(processing_latency_ms, 0.95)'],
    ['approval rate this week vs last week', "THEN 'the last 7 days' ELSE 'the 7 days before'"],
    ['declines due to insufficient funds', "decline_reason = 'insufficient_funds'"],
    ['aproval rate for mastercad', "card_network = 'Mastercard'"],
    ['which hour has the lowest approval rate', 'GROUP BY event_hour ORDER BY approval_rate ASC'],
    ['approval rate with and without network tokens', 'GROUP BY is_network_token'],
    ['weekends compared with weekdays: average ticket', 'GROUP BY is_weekend'],
    ['fraud score above 0.8: approval rate', 'fraud_score > 0.8'],
    ['transactions slower than 400 ms', 'processing_latency_ms > 400'],
    ['retries more than an hour after the decline', 'seconds_since_decline > 3600'],
    ['amount between 100 and 1000: decline rate', 'amount BETWEEN 100 AND 1000'],
    ['unique merchants in Brazil', 'count(DISTINCT merchant_id)'],
    ['what percent of declines are do_not_honor', "avg((decline_reason = 'do_not_honor')::INT)"],
    ['share of value by segment', 'sum(sum(amount)) OVER ()'],
    ['volume and approval rate by network', 'count(*) AS transactions, round(100*avg(is_approved::INT),2) AS approval_rate'],
    ['TPV yesterday', 'is_approved'],
    ['txns per procesor', 'GROUP BY processor'],
    ['which payment solution is the slowest?', 'ORDER BY avg_latency DESC, payment_solution LIMIT 1'],
    ['number of 3ds challenges by outcome', 'GROUP BY three_ds_outcome'],
    ['ProcessorA against ProcessorB approval rate', "processor IN ('ProcessorA', 'ProcessorB')"],
    // The value of fraud-flagged payments is not the fraud loss (approved fraud only).
    ['what share of fraud $ does each issuer country account for', 'WHERE is_fraud GROUP BY issuer_country'],
    ['fraud dollars by channel', 'round(sum(amount),2) AS fraud_value FROM payments_enriched_silver WHERE is_fraud GROUP BY channel'],
    // "biggest drop week over week" ranks the change between the two latest weeks, not a weekly series.
    ['which segment had the steepest fraud rate increase week over week', 'ORDER BY fraud_rate_change_pp DESC, merchant_segment LIMIT 1'],
    ['which processor had the biggest approval rate drop day over day', 'ORDER BY approval_rate_change_pp ASC, processor LIMIT 1'],
    [
      'merchants with 500+ txns: biggest decline rate increase month over month',
      'HAVING count(*) >= 500 ORDER BY decline_rate_change_pp DESC',
    ],
    ['month over month volume', 'GROUP BY year(event_date), month(event_date)'],
    // Held-out-3 wordings: a question and its follow-up typed together, month-day ranges, N-day pairs, rates for judged groups.
    ['approval rate by channel: split by card type instead', 'SELECT card_type, round(100*avg(is_approved::INT),2) AS approval_rate'],
    ['decline rate for Visa: compare with Elo', "WHERE card_network IN ('Visa', 'Elo') GROUP BY card_network"],
    ['avg ticket in Chile? what about Peru', "WHERE merchant_country = 'PE'"],
    ['declines between Nov 3 and Nov 9', 'BETWEEN make_date(year((SELECT max(event_date) FROM payments_enriched_silver))::INT, 11, 3) AND'],
    ['volume in the last 14 days compared to the 14 before', "THEN 'the last 14 days' ELSE 'the 14 days before'"],
    ['approvals this month vs the month before', "THEN 'this month' ELSE 'last month'"],
    ['declines yesterday vs the day before', 'END AS period, event_date, count(*)'],
    [
      'best day of the week for approvals',
      'round(100*avg(is_approved::INT),2) AS approval_rate FROM payments_enriched_silver GROUP BY day_of_week',
    ],
    ['are declines higher for debit vs credit cards', 'round(100*avg((NOT is_approved)::INT),2) AS decline_rate'],
    ['does 3DS help? approval rate with vs without 3DS for Amex', "WHERE card_network = 'Amex' GROUP BY uses_3ds"],
    ['how often do retries succeed on ProcessorB', 'WHERE is_retry AND processor'],
    ['median wait before a retry', 'quantile_cont(seconds_since_decline, 0.5)'],
    ['denials by channel', 'WHERE NOT is_approved GROUP BY channel'],
    [
      'average basket size for Gaming',
      "round(avg(amount),2) AS avg_ticket FROM payments_enriched_silver WHERE merchant_segment = 'Gaming'",
    ],
    ['RuPay approval rate', "card_network = 'RuPay'"],
    ['QTD approval rate by processor', "event_date >= (SELECT date_trunc('quarter', max(event_date)) FROM payments_enriched_silver)"],
    ['how many declines did we have last quarter', "date_trunc('quarter', event_date) = date_trunc('quarter', (SELECT max(event_date)"],
  ])('"%s" → %s', (q, fragment) => {
    expect(sql(q)).toContain(fragment);
  });

  it('a column that repeats its measure is not a second measure ("average ticket size")', () => {
    expect(plan('average ticket size for recurring payments').measures).toEqual(['avg_ticket']);
  });

  it('a percent threshold with no column is never read as an amount: on a rate per group it is a HAVING, else refused', () => {
    expect(sql('in how many hours did the decline rate exceed 20 percent')).toMatch(
      /^SELECT count\(\*\) AS \w+\s+FROM \([\s\S]*GROUP BY [\s\S]*HAVING 100\*avg\(\(NOT is_approved\)::INT\) > 20/,
    );
    expect(sql('which merchants have an approval rate under 80%')).toMatch(/HAVING 100\*avg\(is_approved::INT\) < 80/);
    const p = planQuestion('transactions above 20 percent', undefined);
    expect('cannot' in p && p.cannot).toMatch(/above 20 percent/);
    expect(sql('payments over 500 dollars')).toContain('amount > 500');
  });

  it('several measures of a one-row gold view are read together; a companion measure alone stays the silver measure', () => {
    const both = plan('what were the recovered value and the value lost to fraud');
    expect(both.gold && goldSql(both.gold).sql).toMatch(
      /recovered_value AS recovered_value, fraud_loss_value AS fraud_loss_value\s+FROM v_financial_summary/,
    );
    expect(plan('value lost to fraud by segment').gold).toBeUndefined();
  });

  it('a rate ranking by merchant keeps a minimum volume', () => {
    const s = sql('worst approval rate by merchant');
    expect(s).toContain('HAVING count(*) >= 100');
    expect(s).toContain('ORDER BY approval_rate ASC');
  });
});

describe('Ask plans: bad input gets a short plain message, never a silent no-op', () => {
  it.each([
    ['', /Type a question/],
    ['x'.repeat(5000), /5,000 characters/],
    ['¿Cuál es la tasa de aprobación de hoy?', /English/],
    ['SELECT * FROM payments_enriched_silver', /looks like SQL/],
    ['🙂🙂🙂', /question in words/],
    ['delete all declined transactions', /only reads data/],
    ['clear out the active alerts table', /only reads data/],
    ['please void the duplicate payments from yesterday', /only reads data/],
    ['approve every ProcessorB decline', /only reads data/],
    ['who won the world cup?', /can't answer/],
  ])('%s', (q, message) => {
    const p = planQuestion(q, undefined);
    expect(p).toHaveProperty('cannot');
    expect('cannot' in p ? p.cannot : '').toMatch(message);
  });

  it('a place the data does not have becomes a filter that finds no rows, not a refusal', () => {
    expect(sql('revenue from Antarctica')).toContain("merchant_country = 'Antarctica'");
  });

  it('two plausible readings come back as one-click choices', () => {
    const p = planQuestion('top 5 merchants', undefined);
    expect('cannot' in p && p.suggestions).toEqual(
      expect.arrayContaining(['top 5 merchants by approval rate', 'top 5 merchants by approved value']),
    );
  });
});

describe('Ask plans: gold views', () => {
  it('a yes/no question about alerts lists them with their numbers; "how many" counts them', () => {
    const list = planQuestion('any open alerts right now?', undefined);
    expect('intent' in list && list.intent.gold?.list).toBe(true);
    const all = planQuestion('are there any active alerts', undefined);
    expect('intent' in all && all.intent.gold?.list).toBe(true);
    const firing = planQuestion('which alerts are firing', undefined);
    expect('intent' in firing && firing.intent.gold?.list).toBe(true);
    const count = planQuestion('how many active alerts are there', undefined);
    expect('intent' in count && count.intent.gold?.list).toBe(false);
  });
});
