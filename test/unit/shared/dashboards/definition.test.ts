import { describe, expect, it } from 'vitest';
import { BUILTIN_DASHBOARDS } from '../../../../src/core/dashboards/builtin';
import { datasetSql, FILTER_PARAMS, GRID_COLUMNS } from '../../../../src/shared/dashboards/definition';
import { referencedParams } from '../../../../src/shared/dashboards/filters';
import { parseDashboard } from '../../../../src/shared/dashboards/parse';

const EXPECTED: Record<string, number> = {
  'Executive Overview': 12,
  'Decline Analysis': 10,
  'Real-Time Monitoring': 8,
  'Fraud & Risk': 9,
  'Merchant Performance': 11,
  'Routing Optimization': 8,
  'Daily Trends': 7,
  '3DS & Authentication Security': 6,
  'Financial Impact': 9,
  'Technical Performance': 7,
};

describe('the ten built-in dashboards', () => {
  it('are the spec dashboards with the spec widget counts', () => {
    expect(Object.fromEntries(BUILTIN_DASHBOARDS.map((d) => [d.title, d.widgets.length]))).toEqual(EXPECTED);
  });

  it.each(BUILTIN_DASHBOARDS.map((d) => [d.title, d] as const))(
    '%s: every widget is drawable, uses a defined dataset and fits the grid without overlap',
    (_t, d) => {
      const names = new Set(d.datasets.map((x) => x.name));
      const cells = new Set<string>();
      for (const w of d.widgets) {
        expect(w.type).not.toBe('unsupported');
        if (w.type !== 'unsupported') expect(names.has(w.dataset)).toBe(true);
        for (let x = w.layout.x; x < w.layout.x + w.layout.w; x++) {
          for (let y = w.layout.y; y < w.layout.y + w.layout.h; y++) {
            const key = `${x},${y}`;
            expect(cells.has(key), `${w.id} overlaps at ${key}`).toBe(false);
            cells.add(key);
          }
        }
        expect(w.layout.x + w.layout.w).toBeLessThanOrEqual(GRID_COLUMNS);
      }
    },
  );

  it('uses only the named filter parameters, and counters name a previous-period field', () => {
    for (const d of BUILTIN_DASHBOARDS) {
      for (const ds of d.datasets) for (const p of referencedParams(datasetSql(ds))) expect(FILTER_PARAMS).toContain(p);
      for (const w of d.widgets) if (w.type === 'counter') expect(w.encodings.previous).toBe(`${w.encodings.value.field}_prev`);
    }
  });
});

describe('parseDashboard', () => {
  const base = BUILTIN_DASHBOARDS[0]!;

  it('turns an unknown widget type into a placeholder that names it and keeps the rest', () => {
    const raw = JSON.parse(JSON.stringify(base)) as { widgets: Record<string, unknown>[] };
    raw.widgets[1] = { ...raw.widgets[1], type: 'sankey' };
    const d = parseDashboard(raw);
    expect(d.widgets).toHaveLength(12);
    expect(d.widgets[1]).toMatchObject({ type: 'unsupported', originalType: 'sankey' });
    expect(d.widgets.filter((w) => w.type === 'unsupported')).toHaveLength(1);
  });

  it('refuses a newer format version with a message saying so', () => {
    expect(() => parseDashboard({ ...base, formatVersion: 2 })).toThrow(/format version 2.*Update/);
  });

  it('refuses a file that is not a dashboard, naming the problem', () => {
    expect(() => parseDashboard({ formatVersion: 1, title: 'x' })).toThrow(/Not a valid dashboard file: id/);
  });
});
