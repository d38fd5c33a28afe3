import { useEffect, useMemo, useState } from 'react';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell as PieCell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Cell, ExecuteResult } from '../../../../shared/api';
import { api } from '../../../api/client';
import { isNumericType } from '../grid/cell-format';
import { CHART_KINDS, chartData, defaultChart, type ChartKind, type ChartSpec } from './chart-defaults';
import { chartSeries, type ChartSeries } from './chart-series';
import { xTickFormat } from './chart-ticks';
import { SaveToDashboardDialog } from './SaveToDashboardDialog';

/** Charts read at most this many rows of a result. */
export const CHART_MAX_ROWS = 5_000;
const COLORS = ['#c4661f', '#2f6fb3', '#1f8a4c', '#8a4fc1', '#b7791f', '#c0362c', '#3a9ea5', '#6b7280'];

/**
 * A Recharts chart of any result, starting from a default picked from the column types.
 * With `sql` (a statement on the local database) it can be saved into a dashboard.
 */
export function ResultChart({ result, sql }: { result: ExecuteResult; sql?: string }) {
  const [saving, setSaving] = useState(false);
  const [rows, setRows] = useState<Cell[][]>(result.rows);
  const [truncated, setTruncated] = useState(false);
  const [spec, setSpec] = useState<ChartSpec | undefined>(() => defaultChart(result.columns, result.total ?? result.rows.length));

  useEffect(() => {
    setSpec(defaultChart(result.columns, result.total ?? result.rows.length));
    setRows(result.rows);
    setTruncated(result.hasMore);
    if (!result.hasMore || !result.resultId) return;
    let live = true;
    void api.call('sqlwb.page', { resultId: result.resultId, offset: 0, limit: CHART_MAX_ROWS }).then((page) => {
      if (!live) return;
      setRows(page.rows);
      setTruncated(page.rows.length >= CHART_MAX_ROWS);
    });
    return () => {
      live = false;
    };
  }, [result]);

  const data = useMemo(() => (spec ? chartData(result.columns, rows, spec) : []), [result.columns, rows, spec]);
  const drawn = useMemo(() => (spec ? chartSeries(result.columns, rows, spec) : undefined), [result.columns, rows, spec]);
  const numeric = result.columns.filter((c) => isNumericType(c.type)).map((c) => c.name);
  const categories = result.columns.filter((c) => !isNumericType(c.type) && c.name !== spec?.x).map((c) => c.name);
  if (!spec)
    return (
      <div className="muted" data-testid="chart-empty">
        A chart needs at least one numeric column in the result.
      </div>
    );

  const setKind = (kind: ChartKind) => setSpec({ ...spec, kind, y: kind === 'pie' || kind === 'scatter' ? spec.y.slice(0, 1) : spec.y });
  const toggleY = (name: string) => {
    const y = spec.y.includes(name) ? spec.y.filter((n) => n !== name) : [...spec.y, name];
    setSpec({ ...spec, y, right: spec.right && y.includes(spec.right) ? spec.right : undefined });
  };
  const seriesKinds = spec.kind === 'line' || spec.kind === 'bar' || spec.kind === 'area';

  return (
    <div className="result-chart" data-testid="result-chart" data-kind={spec.kind}>
      <div className="chart-controls">
        <label>
          Chart{' '}
          <select value={spec.kind} onChange={(e) => setKind(e.target.value as ChartKind)} data-testid="chart-kind">
            {CHART_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label>
          {spec.kind === 'pie' ? 'Slices' : 'X'}{' '}
          <select
            value={spec.x}
            onChange={(e) => setSpec({ ...spec, x: e.target.value, split: spec.split === e.target.value ? undefined : spec.split })}
            data-testid="chart-x"
          >
            {result.columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <span className="chart-measures">
          {numeric.map((name) => (
            <label key={name}>
              <input type="checkbox" checked={spec.y.includes(name)} onChange={() => toggleY(name)} /> {name}
            </label>
          ))}
        </span>
        {seriesKinds && (
          <label>
            Split by{' '}
            <select
              value={spec.split ?? ''}
              onChange={(e) => setSpec({ ...spec, split: e.target.value || undefined })}
              data-testid="chart-split"
            >
              <option value="">none</option>
              {categories.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        {seriesKinds && spec.y.length > 1 && (
          <label>
            Right axis{' '}
            <select
              value={spec.right ?? ''}
              onChange={(e) => setSpec({ ...spec, right: e.target.value || undefined })}
              data-testid="chart-right-axis"
            >
              <option value="">none</option>
              {spec.y.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        {drawn && drawn.hidden > 0 && (
          <span className="muted" data-testid="chart-hidden-series">
            {drawn.hidden} more {spec.split} values not drawn
          </span>
        )}
        {truncated && <span className="muted">first {rows.length.toLocaleString()} rows</span>}
        <button
          disabled={!sql || spec.y.length === 0}
          onClick={() => setSaving(true)}
          data-testid="chart-save-to-dashboard"
          title={sql ? 'Add this chart to a dashboard' : 'Only charts of queries on the local database can be saved to a dashboard'}
        >
          Save to dashboard…
        </button>
      </div>
      {saving && sql && <SaveToDashboardDialog spec={spec} sql={sql} onClose={() => setSaving(false)} />}
      <div className="chart-canvas">
        <ResponsiveContainer width="100%" height="100%">
          {renderChart(spec, data, drawn)}
        </ResponsiveContainer>
      </div>
    </div>
  );
}

function renderChart(spec: ChartSpec, data: Record<string, string | number | null>[], drawn: ChartSeries | undefined) {
  const series = drawn?.series ?? [];
  const twoAxes = series.some((s) => s.axis === 'right');
  const rightName = series.find((s) => s.axis === 'right')?.measure;
  const leftName = [...new Set(series.filter((s) => s.axis === 'left').map((s) => s.measure))].join(', ');
  const rows = drawn?.data ?? data;
  const formatX = xTickFormat(rows.map((r) => r[spec.x]));
  const axes = [
    <CartesianGrid key="g" strokeDasharray="3 3" opacity={0.4} yAxisId="left" />,
    <XAxis key="x" dataKey={spec.x} tickFormatter={formatX} />,
    <YAxis key="y" yAxisId="left" label={twoAxes ? { value: leftName, angle: -90, position: 'insideLeft', fontSize: 11 } : undefined} />,
    ...(twoAxes
      ? [
          <YAxis
            key="y2"
            yAxisId="right"
            orientation="right"
            label={{ value: rightName, angle: 90, position: 'insideRight', fontSize: 11 }}
          />,
        ]
      : []),
    <Tooltip key="t" labelFormatter={formatX} />,
    <Legend key="l" />,
  ];
  switch (spec.kind) {
    case 'line':
      return (
        <LineChart data={rows}>
          {axes}
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.axis === 'right' ? `${s.label} (right)` : s.label}
              yAxisId={s.axis}
              stroke={s.color}
              strokeDasharray={twoAxes && s.axis === 'right' ? '6 3' : undefined}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      );
    case 'area':
      return (
        <AreaChart data={rows}>
          {axes}
          {series.map((s) => (
            <Area
              key={s.key}
              dataKey={s.key}
              name={s.axis === 'right' ? `${s.label} (right)` : s.label}
              yAxisId={s.axis}
              stroke={s.color}
              fill={s.color}
              fillOpacity={0.25}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      );
    case 'scatter':
      return (
        <ScatterChart>
          <CartesianGrid strokeDasharray="3 3" opacity={0.4} />
          <XAxis dataKey={spec.x} type="number" name={spec.x} />
          <YAxis dataKey={spec.y[0]} type="number" name={spec.y[0]} />
          <Tooltip />
          <Scatter data={data} fill={COLORS[0]} isAnimationActive={false} />
        </ScatterChart>
      );
    case 'pie':
      return (
        <PieChart>
          <Tooltip />
          <Legend />
          <Pie data={data.slice(0, 50)} dataKey={spec.y[0] ?? ''} nameKey={spec.x} isAnimationActive={false} outerRadius="80%">
            {data.slice(0, 50).map((_, i) => (
              <PieCell key={i} fill={COLORS[i % COLORS.length]} />
            ))}
          </Pie>
        </PieChart>
      );
    default:
      return (
        <BarChart data={rows}>
          {axes}
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.axis === 'right' ? `${s.label} (right)` : s.label}
              yAxisId={s.axis}
              fill={s.color}
              fillOpacity={twoAxes && s.axis === 'right' ? 0.55 : 1}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      );
  }
}
