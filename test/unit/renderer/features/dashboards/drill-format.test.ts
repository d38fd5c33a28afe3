import { describe, expect, it } from 'vitest';
import { readableDrill, readableType } from '../../../../../src/renderer/features/dashboards/drill-format';

describe('drill panel headers and times', () => {
  it('names types as an analyst reads them', () => {
    expect(['TIMESTAMP WITH TIME ZONE', 'TIMESTAMP', 'DECIMAL(18,2)', 'BIGINT', 'VARCHAR', 'BOOLEAN', 'DATE'].map(readableType)).toEqual([
      'time',
      'time',
      'number',
      'number',
      'text',
      'yes/no',
      'date',
    ]);
  });

  it('shows column names with spaces and times to the second, leaving other text alone', () => {
    const r = readableDrill(
      [
        { name: 'event_timestamp', type: 'TIMESTAMP WITH TIME ZONE' },
        { name: 'merchant_id', type: 'VARCHAR' },
      ],
      [['2026-12-07 08:06:12.123456+00', 'm-2026-12-07 08:06:12.5']],
    );
    expect(r.columns).toEqual([
      { name: 'event timestamp', type: 'time' },
      { name: 'merchant id', type: 'text' },
    ]);
    expect(r.rows).toEqual([['2026-12-07 08:06:12+00', 'm-2026-12-07 08:06:12.5']]);
  });
});
