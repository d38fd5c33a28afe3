import { describe, expect, it } from 'vitest';
import type { Intent } from '../../../../src/core/ask/intent';
import { planQuestion } from '../../../../src/core/ask/offline-engine';
import { semanticLayer } from '../../../../src/core/ask/semantic-layer';
import { buildSql } from '../../../../src/core/ask/sql-builder';

const planned = (q: string) => {
  const p = planQuestion(q, undefined);
  if ('cannot' in p) throw new Error(`${q}: ${p.cannot}`);
  return p;
};
const sql = (q: string) => buildSql(planned(q).intent, semanticLayer).sql.replace(/\s+/g, ' ');
const values = (intent: Intent) => intent.filters.flatMap((f) => (f.kind === 'values' ? [`${f.dimension}=${f.values.join('|')}`] : []));

describe('Ask words: why a question is asked is read past, and said', () => {
  it.each([
    ['For the board deck: approved value by merchant segment', ['board', 'deck']],
    ['For the model feature review I need fraud rate by card network', ['model', 'feature', 'review']],
    ["I'm prepping the QBR for Travel merchants: what's their approval rate?", ['prepping', 'qbr']],
    ['approval rate by card type for the risk committee', ['risk', 'committee']],
    ["For my CFO's slide I need the total value by processor", ['cfo', 'slide']],
  ])('"%s" ignores %j', (q, words) => {
    const p = planned(q);
    for (const w of words) expect(p.ignored).toContain(w);
    // The framing adds nothing to the plan: no filter or period comes out of it.
    expect(p.intent.time).toBeUndefined();
  });

  it('keeps a clause that names something the data holds', () => {
    expect(values(planned('For Visa cards issued in Brazil, which processor has the best approval rate?').intent)).toEqual([
      'card_network=Visa',
      'issuer_country=BR',
    ]);
    expect(planned('For cross-border payments: approval rate by card network').intent.filters).toContainEqual({
      kind: 'flag',
      flag: 'cross_border',
    });
  });

  it('still refuses a plural thing the data does not hold after "for the"', () => {
    expect('cannot' in planQuestion('approval rate for the refunds', undefined)).toBe(true);
    expect('cannot' in planQuestion('how many refunds did we process yesterday', undefined)).toBe(true);
  });
});

describe('Ask words: a name the data does not hold is searched, never dropped', () => {
  it.each([
    ['ProcessorZ declines per day', 'processor=ProcessorZ'],
    ['Thai-issued cards: approval rate by processor', 'issuer_country=Thai'],
    ['approval rate for Japanese issuers', 'issuer_country=Japanese'],
    ['fraud rate for Swiss merchants', 'merchant_country=Swiss'],
  ])('"%s" filters on %s', (q, filter) => {
    expect(values(planned(q).intent)).toContain(filter);
  });
});

describe('Ask words: a place and its role', () => {
  it.each([
    ['approval rate for Brazilian issuers', 'issuer_country=BR'],
    ['fraud rate on Peruvian cards by merchant segment', 'issuer_country=PE'],
    ['approval rate for cards from Chile (issuer) by processor', 'issuer_country=CL'],
    ['declines for Argentine merchants', 'merchant_country=AR'],
  ])('"%s" is %s', (q, filter) => {
    expect(values(planned(q).intent)).toEqual([filter]);
  });
});

describe('Ask words: families of wordings', () => {
  it('reads a lapsed card, a gateway, plain PANs and a size word before an amount', () => {
    expect(sql('declines where the card had lapsed, by processor')).toContain("decline_reason = 'expired_card'");
    expect(sql('acceptance rate per gateway')).toContain('GROUP BY processor');
    expect(sql('approval rate for plain PANs by card network')).toContain('NOT is_network_token');
    const tiny = sql('approval rate of tiny transactions below $5');
    expect(tiny).toContain('amount < 5');
    expect(tiny).not.toContain('amount_bucket');
  });

  it('sorts every group for "smallest first" and keeps a series in time order for "oldest first"', () => {
    const smallest = sql('approved value by processor, smallest first');
    expect(smallest).toContain('ORDER BY approved_value ASC');
    expect(smallest).not.toContain('LIMIT 1 ');
    expect(sql('monthly approval rate, oldest month first')).toMatch(/ORDER BY month$/);
  });

  it('answers TPV both ways, approved value first (what a ranking sorts by) and the value of every attempt', () => {
    const ranked = sql('top 3 merchants by GMV last 7 days');
    expect(ranked).toMatch(/sum\(amount\) FILTER \(WHERE is_approved\),2\) AS approved_value, round\(sum\(amount\),2\) AS value/);
    expect(ranked).toContain('ORDER BY approved_value DESC');
    const share = sql('what share of TPV comes from each segment');
    expect(share).toContain('sum(sum(amount) FILTER (WHERE is_approved)) OVER ()');
    expect(share).toContain('AS pct_of_value');
    // "approved TPV" names one reading: one column.
    expect(sql('approved TPV by processor')).not.toContain('AS value');
  });
});

describe('Ask words: comparisons and rankings said in other words', () => {
  it('compares both sides of a flag named with "or" or "ones without"', () => {
    expect(sql('Is approval better on weekdays or weekends?')).toContain('GROUP BY is_weekend');
    expect(sql('Are payments with network tokens approved more often than ones without?')).toContain('GROUP BY is_network_token');
  });

  it('ranks by the measure after "the most in", "lowest in terms of"', () => {
    const costly = sql('Which decline reason costs us the most in declined value?');
    expect(costly).toContain('ORDER BY declined_value DESC');
    expect(costly).not.toContain('AS declines');
    expect(sql('which card network is the lowest in terms of fraud rate')).toContain('ORDER BY fraud_rate ASC');
  });

  it('reads "-wise" as "in terms of", counts retry attempts as retries and a value named with its dimension as a filter', () => {
    expect(sql('fraud rate, processor-wise')).toContain('GROUP BY processor');
    expect(sql('count of retry attempts yesterday')).toMatch(/SELECT count\(\*\) AS \w+ FROM payments_enriched_silver WHERE is_retry/);
    expect(sql('unique merchant count by segment')).toContain('count(DISTINCT merchant_id)');
    const gaming = sql('approval rate for the Gaming segment by card network');
    expect(gaming).toContain('GROUP BY card_network');
    expect(gaming).not.toContain('GROUP BY merchant_segment');
  });
});

describe('Ask words: a sentence of context before the question', () => {
  it('carries the merchant, values and period the context names into the question, and reads past the rest', () => {
    const values = [{ dimension: 'merchant', value: 'Lumen Eats 5', phrases: ['Lumen Eats 5'] }];
    const p = planQuestion(
      'Lumen Eats 5 opened a ticket saying their Mastercard payments keep failing since Monday. How many declines have they had, by reason?',
      undefined,
      semanticLayer,
      values,
    );
    if ('cannot' in p) throw new Error(p.cannot);
    const q = buildSql(p.intent, semanticLayer).sql.replace(/\s+/g, ' ');
    expect(q).toContain("merchant_name = 'Lumen Eats 5'");
    expect(q).toContain("card_network = 'Mastercard'");
    expect(q).toContain('GROUP BY decline_reason');
    expect(p.intent.time).toBeDefined();
    expect(p.ignored).toEqual(expect.arrayContaining(['opened', 'ticket', 'failing']));
  });
});

describe('Ask words: a question about something outside payments is refused, not read as a typo', () => {
  it.each(['what is the weather in Lisbon?', 'weather forecast for Sao Paulo tomorrow'])('"%s" is refused', (q) => {
    expect('cannot' in planQuestion(q, undefined)).toBe(true);
  });
});

describe('Ask words: a refusal names the words as they were typed', () => {
  it('says "weather", not the word a typo correction turned it into', () => {
    const p = planQuestion('what is the weather in Lisbon?', undefined);
    expect('cannot' in p ? p.cannot : '').toContain('"weather"');
    expect('cannot' in p ? p.cannot : '').not.toContain('"water"');
  });
});
