import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../../../../../src/shared/api';
import { markedLoading, type DatasetState } from '../../../../../src/renderer/features/dashboards/dataset-states';

describe('dashboard datasets on refresh', () => {
  it('marks every dataset loading and keeps what each showed until its new answer arrives', () => {
    const result = { columns: [], rows: [[1]] } as unknown as QueryResult;
    const before: Record<string, DatasetState> = {
      kpis: { status: 'ready', result, elapsedMs: 12 },
      trend: { status: 'error', error: 'Binder Error' },
      other_dashboard: { status: 'ready', result },
    };
    const next = markedLoading(before, ['kpis', 'trend', 'new_widget']);
    expect(next).toEqual({
      kpis: { status: 'loading', result, elapsedMs: 12 },
      trend: { status: 'loading', error: 'Binder Error' },
      new_widget: { status: 'loading' },
    });
    expect(before.kpis!.status).toBe('ready');
  });
});
