import { describe, expect, it } from 'vitest';
import { planQuestion } from '../../../../src/core/ask/offline-engine';
import { semanticLayer } from '../../../../src/core/ask/semantic-layer';
import { extractTime } from '../../../../src/core/ask/time-phrases';

const timeOf = (q: string) => {
  const p = planQuestion(q, undefined);
  if ('cannot' in p) throw new Error(`${q}: ${p.cannot}`);
  return p.intent.time;
};

describe('Ask time phrases: month names, "N days ago", the last week of a month', () => {
  it.each([
    ["What was October's fraud rate?", { kind: 'in_month', month: 10 }],
    ['decline rate across November', { kind: 'in_month', month: 11 }],
    ['approval rate September', { kind: 'in_month', month: 9 }],
    ['How many ProcessorC transactions were there 4 days ago?', { kind: 'day_back', back: 4 }],
    ['approval rate a week ago', { kind: 'day_back', back: 7 }],
    ['volume two weeks ago', { kind: 'day_back', back: 14 }],
    ['Approved value during the closing week of October', { kind: 'md_range', from: [10, 25], to: [10, 31] }],
    ['fraud cases in the final week of November', { kind: 'md_range', from: [11, 24], to: [11, 30] }],
  ])('%s', (q, time) => {
    expect(timeOf(q)).toMatchObject(time);
  });

  it('two month names apart in one comparison are both months, one row each', () => {
    const p = planQuestion("How did November's decline rate compare with October's?", undefined);
    expect('intent' in p && p.intent.time).toMatchObject({ kind: 'md_range', from: [10, 1], to: [11, 31] });
    expect('intent' in p && p.intent.groupBy).toContain('month');
  });

  it('"may" stays a verb unless it is said as a month', () => {
    expect(extractTime('what may the approval rate be', semanticLayer).time).toBeUndefined();
    expect(extractTime('approval rate in may', semanticLayer).time).toMatchObject({ kind: 'in_month', month: 5 });
  });

  it('a time word is never read past: an unknown window word refuses instead of answering for another period', () => {
    for (const q of ['approval rate the last fortnightly cycle of june', 'approval rate same days prior'])
      expect(planQuestion(q, undefined)).not.toHaveProperty('ignored');
  });
});
