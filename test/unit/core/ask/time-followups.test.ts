import { describe, expect, it } from 'vitest';
import type { Intent } from '../../../../src/core/ask/intent';
import { planQuestion } from '../../../../src/core/ask/offline-engine';
import { semanticLayer } from '../../../../src/core/ask/semantic-layer';
import { buildSql } from '../../../../src/core/ask/sql-builder';

const plan = (q: string, context?: Intent): Intent => {
  const p = planQuestion(q, context);
  if ('cannot' in p) throw new Error(`${q}: ${p.cannot}`);
  return p.intent;
};
const sql = (q: string, context?: Intent) => buildSql(plan(q, context), semanticLayer).sql.replace(/\s+/g, ' ');
const refusal = (q: string, context?: Intent) => {
  const p = planQuestion(q, context);
  return 'cannot' in p ? p.cannot : undefined;
};

describe('Ask: follow-ups typed with their context, and conditions taken out', () => {
  it('"earlier: X. now: Y" and "previous question was X. and for Y?" answer Y applied to X', () => {
    expect(sql('earlier: declines by card type. now: same but only for Mexico merchants')).toMatch(
      /WHERE NOT is_approved AND merchant_country = 'MX'.*GROUP BY card_type/,
    );
    const before = sql('previous question was approved value by channel for the last 14 days. and for the 14 days before that?');
    expect(before).toContain('event_date BETWEEN (SELECT max(event_date) FROM payments_enriched_silver) - 27');
    expect(before).toContain('GROUP BY channel');
  });

  it('"and for the 7 days before that?" keeps the previous question over the window before its own', () => {
    const first = plan('avg latency by processor over the last 7 days');
    const prior = sql('and for the 7 days before that?', first);
    expect(prior).toContain('BETWEEN (SELECT max(event_date) FROM payments_enriched_silver) - 13 AND');
    expect(prior).toContain('GROUP BY processor');
  });

  it('"drop the Brazil filter" takes that condition out; a request to change data is still refused', () => {
    const first = plan('approval rate by card network for Brazil merchants over the last 30 days');
    const dropped = sql('drop the Brazil filter', first);
    expect(dropped).not.toContain("'BR'");
    expect(dropped).toContain('GROUP BY card_network');
    expect(dropped).toContain('- 29');
    expect(refusal('drop table payments_enriched_silver', first)).toMatch(/only reads data/);
    expect(refusal('remove all declined transactions')).toMatch(/only reads data/);
    expect(refusal('delete the Brazil filter rows from the table')).toMatch(/only reads data/);
  });
});

describe('Ask: a series in its own order, the same days a week earlier, month ranges', () => {
  it('"newest month first" orders the time column descending, never ranks by the measure', () => {
    const newest = sql('monthly approval rate, newest month first');
    expect(newest).toMatch(/ORDER BY month DESC$/);
    expect(newest).not.toContain('LIMIT');
    expect(sql('monthly approval rate, oldest month first')).toMatch(/ORDER BY month$/);
  });

  it('"since Monday compared to the same days the previous week" moves the weekday window back a week', () => {
    const q = sql('declines since Monday compared to the same days the previous week');
    expect(q).toMatch(/BETWEEN CAST\(date_trunc\('week', .*\) AS DATE\) - 7 AND .* - 7/);
  });

  it('"MoM from October to November" is one row per month of those two', () => {
    const q = sql('How did the approval rate move MoM from October to November?');
    expect(q).toContain('GROUP BY year(event_date), month(event_date)');
    expect(q).toMatch(/BETWEEN make_date\(.*, 10, 1\) AND .*make_date\(.*, 11, 1\)/);
  });
});

describe('Ask: a merchant week-over-week change is the merchant view column', () => {
  it('ranks, thresholds, counts and floors read v_merchant_performance; anything more goes to the general parser', () => {
    expect(plan('top 5 merchants whose approval rate improved the most week over week')).toMatchObject({
      special: 'improving_merchants',
      specialLimit: 5,
    });
    expect(plan('which merchants lost more than 2 points of approval rate WoW?')).toMatchObject({
      special: 'declining_merchants',
      specialMin: 2,
    });
    expect(plan('how many merchants with 1000+ txns saw their approval rate decline week over week?')).toMatchObject({
      special: 'declining_merchants',
      specialCount: true,
      specialVolume: 1000,
    });
    const brazil = plan('top 5 merchants in Brazil whose approval rate improved the most week over week');
    expect(brazil.special).toBeUndefined();
    expect(brazil.filters).toContainEqual({ kind: 'values', dimension: 'merchant_country', values: ['BR'] });
  });
});
