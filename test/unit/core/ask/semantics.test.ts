import { describe, expect, it } from 'vitest';
import { chooseChart } from '../../../../src/core/ask/chart';
import { planQuestion } from '../../../../src/core/ask/offline-engine';
import { describePeriod } from '../../../../src/core/ask/period';
import { semanticLayer } from '../../../../src/core/ask/semantic-layer';
import { buildSql } from '../../../../src/core/ask/sql-builder';
import { extractTime } from '../../../../src/core/ask/time-phrases';

const sqlFor = (q: string) => {
  const plan = planQuestion(q, undefined);
  if ('cannot' in plan) throw new Error(plan.cannot);
  return buildSql(plan.intent, semanticLayer).sql;
};

describe('Ask semantics', () => {
  it.each([
    ['approval rate in Brazil', "merchant_country = 'BR'"],
    ['approval rate for cards issued in Brazil', "issuer_country = 'BR'"],
    ['how many high-risk transactions', "risk_tier = 'HIGH'"],
    ['value of domestic payments', 'NOT is_cross_border'],
    ['volume by channel', 'count(*) AS transactions'],
    ['e-commerce approval rate', "channel = 'ecommerce'"],
    ['Why are transactions declined in Mexico?', 'GROUP BY decline_reason'],
    ['approval rate last 3 days', '>= (SELECT max(event_date) FROM payments_enriched_silver) - 2'],
    ['declines in the last 6 hours', 'event_timestamp > (SELECT max(event_timestamp) FROM payments_enriched_silver) - INTERVAL 6 HOUR'],
    ['approval rate yesterday', '= (SELECT max(event_date) FROM payments_enriched_silver) - 1'],
    ['approval rate since 2026-11-01', "event_date >= DATE '2026-11-01'"],
    ['worst 3 processors by latency', 'ORDER BY avg_latency DESC, processor\nLIMIT 3'],
    ['best 3 processors by latency', 'ORDER BY avg_latency ASC, processor\nLIMIT 3'],
    ['approval rate by hour', 'GROUP BY event_hour'],
  ])('"%s" → %s', (q, fragment) => {
    expect(sqlFor(q)).toContain(fragment);
  });

  it('refuses words it does not know instead of dropping them', () => {
    for (const q of [
      'approval rate by moon phase',
      'drop table payments_enriched_silver',
      'delete all rows',
      'approval rate; DROP TABLE x',
    ]) {
      expect(planQuestion(q, undefined)).toHaveProperty('cannot');
    }
  });

  it('reads time phrases with numbers in words and date ranges', () => {
    expect(extractTime('approval rate over the past two weeks', semanticLayer).time).toMatchObject({ kind: 'days', n: 14 });
    expect(extractTime('value between 2026-11-01 and 2026-11-07', semanticLayer).time).toMatchObject({
      kind: 'range',
      from: '2026-11-01',
      to: '2026-11-07',
    });
    expect(extractTime('approval rate', semanticLayer).time).toBeUndefined();
  });

  it('names periods with their dates, anchored at the newest event', () => {
    const extent = { minDate: '2026-09-01', maxDate: '2026-11-21' };
    expect(describePeriod(undefined, extent)).toBe('all data (2026-09-01 to 2026-11-21)');
    expect(describePeriod({ kind: 'days', n: 1, label: 'today' }, extent)).toBe('today (2026-11-21)');
    expect(describePeriod({ kind: 'days', n: 30, label: 'the last 30 days' }, extent)).toBe('the last 30 days (2026-10-23 to 2026-11-21)');
    expect(describePeriod({ kind: 'last_month', label: 'last month' }, extent)).toBe('last month (2026-10-01 to 2026-10-31)');
    expect(describePeriod({ kind: 'this_week', label: 'this week' }, extent)).toBe('this week (2026-11-16 to 2026-11-21)');
  });

  it('picks the chart from the result shape', () => {
    const c = (name: string, type: string) => ({ name, type });
    expect(chooseChart([c('n', 'BIGINT')], 1).type).toBe('counter');
    expect(chooseChart([c('event_date', 'DATE'), c('n', 'BIGINT')], 7)).toEqual({ type: 'line', x: 'event_date', y: ['n'] });
    expect(chooseChart([c('card_network', 'VARCHAR'), c('r', 'DOUBLE')], 5)).toEqual({ type: 'bar', x: 'card_network', y: ['r'] });
    expect(chooseChart([c('card_network', 'VARCHAR'), c('card_type', 'VARCHAR'), c('r', 'DOUBLE')], 15)).toEqual({
      type: 'grouped-bar',
      x: 'card_network',
      series: 'card_type',
      y: ['r'],
    });
    expect(chooseChart([c('a', 'VARCHAR'), c('b', 'VARCHAR')], 3).type).toBe('table');
    expect(chooseChart([c('n', 'BIGINT')], 0).type).toBe('table');
  });
});
