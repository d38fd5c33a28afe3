import { describe, expect, it } from 'vitest';
import { sentenceAgreesWithRows } from '../../../support/ask/sentence-check';

describe('the contradiction check of Ask answers (test/support/ask/sentence-check.ts)', () => {
  it('lets a no-rows sentence name the value it searched, digits included', () => {
    const sentence =
      'No rows: no transactions matched for merchant Zenith Motors 999 over last month (2026-11-01 to 2026-11-30), so there is no total value to show.';
    expect(sentenceAgreesWithRows(sentence, [])).toBeUndefined();
  });

  it('flags a sentence that states a figure when there are no rows', () => {
    expect(sentenceAgreesWithRows('Approval rate over the last 7 days: 87.2%.', [])).toMatch(/no rows/);
  });

  it('still flags a number the rows do not hold, and passes one they do', () => {
    expect(sentenceAgreesWithRows('Approval rate for merchant Rio Stays 2: 91.5%.', [['Rio Stays 2', 87.24]])).toMatch(/91\.5/);
    expect(sentenceAgreesWithRows('Approval rate for merchant Rio Stays 2: 87.24%.', [['Rio Stays 2', 87.24]])).toBeUndefined();
  });
});
