import { describe, expect, it } from 'vitest';
import { fmtMoney } from '../../../../src/core/agents/format';
import { formatValue } from '../../../../src/shared/dashboards/format';
import { allowedNumbers } from '../../../../src/core/agents/narrative';
import type { Finding } from '../../../../src/core/agents/types';

describe('agents money', () => {
  it('reads with the currency sign, as the dashboards show the same sums', () => {
    expect(fmtMoney(26578.875)).toBe('$26,578.88');
    expect(fmtMoney(0)).toBe('$0.00');
    expect(fmtMoney(1_193_549.92)).toBe(formatValue(1_193_549.92, 'currency'));
  });

  it('keeps the figure citable by a narrative', () => {
    const finding: Finding = {
      fingerprint: 'f',
      subject: { key: 'x' },
      severity: 'high',
      title: 'ProcessorB outage',
      recommendation: 'Route away.',
      evidence: { sql: 'SELECT 1', table: { columns: [], rows: [] } },
      expectedImpact: `≈ 96 approvals (${fmtMoney(26578.88)} in value) lost in the window`,
      expectedImpactValue: 26578.88,
    };
    expect(allowedNumbers(finding)).toContain(26578.88);
  });
});
