import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { AskChart, Cell, Column } from '../../../shared/api';

const COLORS = ['#c4661f', '#2f6fb0', '#1f8a4c', '#8a4fc4', '#b7791f', '#c0362c', '#4a9aa8', '#6b7280'];
const WIDTH = 720;
const HEIGHT = 280;

const num = (c: Cell) => (typeof c === 'number' ? c : Number(c));
const label = (c: Cell) => (c === null ? 'none' : String(c));

/** Draws the chart the core chose for an answer: counter, line, bar or grouped bar. */
export function AskChartView({ chart, columns, rows }: { chart: AskChart; columns: Column[]; rows: Cell[][] }) {
  const idx = (name?: string) => columns.findIndex((c) => c.name === name);
  if (chart.type === 'table' || rows.length === 0) return null;
  if (chart.type === 'counter') {
    return (
      <div className="ask-counters" data-testid="ask-chart" data-chart="counter">
        {chart.y.map((y) => (
          <div className="ask-counter" key={y}>
            <div className="ask-counter-value">{label(rows[0]?.[idx(y)] ?? null)}</div>
            <div className="ask-counter-label">{y.replace(/_/g, ' ')}</div>
          </div>
        ))}
      </div>
    );
  }
  const x = idx(chart.x);
  if (chart.series) {
    const s = idx(chart.series);
    const y = idx(chart.y[0]);
    const seriesNames = [...new Set(rows.map((r) => label(r[s] ?? null)))].slice(0, COLORS.length);
    const byX = new Map<string, Record<string, string | number>>();
    for (const r of rows) {
      const key = label(r[x] ?? null);
      const point = byX.get(key) ?? { x: key };
      point[label(r[s] ?? null)] = num(r[y] ?? null);
      byX.set(key, point);
    }
    const data = [...byX.values()];
    const Chart = chart.type === 'line' ? LineChart : BarChart;
    return (
      <div className="ask-chart" data-testid="ask-chart" data-chart={chart.type}>
        <Chart width={WIDTH} height={HEIGHT} data={data}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
          <XAxis dataKey="x" />
          <YAxis />
          <Tooltip />
          <Legend />
          {seriesNames.map((name, i) =>
            chart.type === 'line' ? (
              <Line key={name} dataKey={name} stroke={COLORS[i]} dot={false} isAnimationActive={false} />
            ) : (
              <Bar key={name} dataKey={name} fill={COLORS[i]} isAnimationActive={false} />
            ),
          )}
        </Chart>
      </div>
    );
  }
  const data = rows.map((r) => {
    const point: Record<string, string | number> = { x: label(r[x] ?? null) };
    for (const y of chart.y) point[y] = num(r[idx(y)] ?? null);
    return point;
  });
  return (
    <div className="ask-chart" data-testid="ask-chart" data-chart={chart.type}>
      {chart.type === 'line' ? (
        <LineChart width={WIDTH} height={HEIGHT} data={data}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
          <XAxis dataKey="x" />
          <YAxis />
          <Tooltip />
          {chart.y.length > 1 && <Legend />}
          {chart.y.map((y, i) => (
            <Line key={y} dataKey={y} stroke={COLORS[i]} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      ) : (
        <BarChart width={WIDTH} height={HEIGHT} data={data}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
          <XAxis dataKey="x" />
          <YAxis />
          <Tooltip />
          {chart.y.length > 1 && <Legend />}
          {chart.y.map((y, i) => (
            <Bar key={y} dataKey={y} fill={COLORS[i]} isAnimationActive={false} />
          ))}
        </BarChart>
      )}
    </div>
  );
}
