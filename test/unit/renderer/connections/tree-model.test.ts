import { describe, expect, it } from 'vitest';
import type { BrowseItem } from '../../../../src/shared/api';
import { describeProgress, visibleRows } from '../../../../src/renderer/features/connections/tree-model';

const item = (name: string, kind: BrowseItem['kind']): BrowseItem => ({ name, kind, type: null, comment: null });
const children: Record<string, BrowseItem[]> = {
  '': [item('main', 'catalog'), item('samples', 'catalog')],
  main: [item('gold', 'schema')],
  'main/gold': [item('v_daily_trends', 'view'), item('payments', 'table')],
  'main/gold/payments': [item('amount', 'column'), item('fraud_score', 'column')],
};

describe('catalog tree rows', () => {
  it('shows only the children of expanded nodes', () => {
    const rows = visibleRows(children, { main: true }, '');
    expect(rows.map((r) => [r.node.key, r.depth])).toEqual([
      ['main', 0],
      ['main/gold', 1],
      ['samples', 0],
    ]);
  });

  it('keeps the ancestors of a loaded match visible while searching', () => {
    const rows = visibleRows(children, {}, 'FRAUD');
    expect(rows.map((r) => r.node.key)).toEqual(['main', 'main/gold', 'main/gold/payments', 'main/gold/payments/fraud_score']);
  });

  it('describes a pull job with rows, its speed since it started and ETA', () => {
    const now = Date.parse('2026-01-01T00:00:02Z');
    const job = (done: number, total: number | null) => ({
      startedAt: '2026-01-01T00:00:00Z',
      endedAt: null,
      progress: { message: `${done} rows into t`, done, total },
    });
    expect(describeProgress(job(1500, 3000), now)).toBe('1,500 / 3,000 rows · 750 rows/s · ETA 2 s');
    expect(describeProgress(job(10, null), now)).toBe('10 rows · 5 rows/s');
    expect(describeProgress(job(0, 3000), now)).toBe('0 / 3,000 rows · 0 rows/s');
  });
});
