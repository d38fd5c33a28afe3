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
  Scatter,
  ScatterChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CartesianWidget, Field, PieWidget } from '../../../shared/dashboards/definition';
import { formatAxisDate, formatValue } from '../../../shared/dashboards/format';
import type { QueryResult } from '../../../shared/api';

/** Series colours that read on both themes. */
export const PALETTE = ['#c4661f', '#3b7dd8', '#2f9e6e', '#9b59b6', '#d4a72c', '#e05d6f', '#5bb5c9', '#7f8c8d'];

export type Rows = Record<string, unknown>[];

export function toRows(result: QueryResult): Rows {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c.name, row[i]])));
}

function numeric(rows: Rows, fields: Field[]): Rows {
  return rows.map((r) => {
    const out: Record<string, unknown> = { ...r };
    for (const f of fields) if (typeof out[f.field] === 'string' && out[f.field] !== '') out[f.field] = Number(out[f.field]);
    return out;
  });
}

const axisTick = { fill: 'var(--muted)', fontSize: 11 };
const tooltipStyle = { background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)', fontSize: 12 };

interface ChartProps<W> {
  widget: W;
  result: QueryResult;
  onPick(value: string | number | null): void;
  selected?: string | number | null;
}

/** Line, area and bar charts: x is a category or a date, y one or more measures. */
export function CartesianChart({ widget, result, onPick }: ChartProps<CartesianWidget>) {
  const { x, y, stacked, horizontal } = widget.encodings;
  const data = numeric(toRows(result), y);
  const label = (f: Field) => f.label ?? f.field;
  const tickX = (v: unknown) => (x.format === 'date' ? formatAxisDate(String(v)) : String(v));
  const tickY = (v: unknown) => formatValue(v, y[0]?.format, { compact: true });
  const pick = (state: { activeTooltipIndex?: number | string | null } | null) => {
    const i = Number(state?.activeTooltipIndex);
    if (Number.isInteger(i) && data[i]) onPick((data[i]![x.field] as string | number | null) ?? null);
  };
  const tooltip = (
    <Tooltip
      contentStyle={tooltipStyle}
      labelFormatter={(v) => (x.format === 'date' ? formatValue(v, 'date') : String(v))}
      formatter={(value, name) => {
        const f = y.find((s) => label(s) === name || s.field === name);
        return [formatValue(value, f?.format), name];
      }}
    />
  );
  const common = { data, onClick: pick, margin: { top: 8, right: 12, bottom: 4, left: 4 } };
  const legend = y.length > 1 ? <Legend wrapperStyle={{ fontSize: 11 }} /> : null;
  const grid = <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />;
  let chart;
  if (widget.type === 'bar') {
    chart = (
      <BarChart {...common} layout={horizontal ? 'vertical' : 'horizontal'}>
        {grid}
        {horizontal ? (
          <>
            <XAxis type="number" tick={axisTick} tickFormatter={tickY} />
            <YAxis type="category" dataKey={x.field} tick={axisTick} tickFormatter={tickX} width={132} />
          </>
        ) : (
          <>
            <XAxis dataKey={x.field} tick={axisTick} tickFormatter={tickX} />
            <YAxis tick={axisTick} tickFormatter={tickY} width={56} />
          </>
        )}
        {tooltip}
        {legend}
        {y.map((f, i) => (
          <Bar
            key={f.field}
            dataKey={f.field}
            name={label(f)}
            fill={PALETTE[i % PALETTE.length]}
            stackId={stacked ? 's' : undefined}
            isAnimationActive={false}
            cursor="pointer"
          />
        ))}
      </BarChart>
    );
  } else if (widget.type === 'scatter') {
    // Both axes are measures: one point per row.
    const points = numeric(data, [x]);
    chart = (
      <ScatterChart {...common} data={undefined}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
        <XAxis
          type="number"
          dataKey={x.field}
          name={label(x)}
          tick={axisTick}
          tickFormatter={(v) => formatValue(v, x.format, { compact: true })}
        />
        <YAxis type="number" dataKey={y[0]!.field} name={label(y[0]!)} tick={axisTick} tickFormatter={tickY} width={56} />
        <Tooltip
          contentStyle={tooltipStyle}
          formatter={(value, name) => [formatValue(value, name === label(x) ? x.format : y[0]!.format), name]}
        />
        <Scatter data={points} fill={PALETTE[0]} isAnimationActive={false} />
      </ScatterChart>
    );
  } else if (widget.type === 'area') {
    chart = (
      <AreaChart {...common}>
        {grid}
        <XAxis dataKey={x.field} tick={axisTick} tickFormatter={tickX} minTickGap={16} />
        <YAxis tick={axisTick} tickFormatter={tickY} width={56} />
        {tooltip}
        {legend}
        {y.map((f, i) => (
          <Area
            key={f.field}
            dataKey={f.field}
            name={label(f)}
            stroke={PALETTE[i % PALETTE.length]}
            fill={PALETTE[i % PALETTE.length]}
            fillOpacity={0.18}
            stackId={stacked ? 's' : undefined}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    );
  } else {
    chart = (
      <LineChart {...common}>
        {grid}
        <XAxis dataKey={x.field} tick={axisTick} tickFormatter={tickX} minTickGap={16} />
        <YAxis tick={axisTick} tickFormatter={tickY} width={56} domain={['auto', 'auto']} />
        {tooltip}
        {legend}
        {y.map((f, i) => (
          <Line
            key={f.field}
            dataKey={f.field}
            name={label(f)}
            stroke={PALETTE[i % PALETTE.length]}
            dot={data.length < 40}
            strokeWidth={2}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    );
  }
  return (
    <ResponsiveContainer width="100%" height="100%" minHeight={80}>
      {chart}
    </ResponsiveContainer>
  );
}

/** A pie (donut) of one measure by category; a click on a slice picks its category. */
export function PieChartView({ widget, result, onPick, selected }: ChartProps<PieWidget>) {
  const { category, value } = widget.encodings;
  const data = numeric(toRows(result), [value]);
  return (
    <ResponsiveContainer width="100%" height="100%" minHeight={80}>
      <PieChart>
        <Pie
          data={data}
          dataKey={value.field}
          nameKey={category.field}
          innerRadius="45%"
          outerRadius="80%"
          isAnimationActive={false}
          onClick={(entry: { payload?: Record<string, unknown> }) => onPick((entry.payload?.[category.field] as string | null) ?? null)}
          cursor="pointer"
        >
          {data.map((row, i) => (
            <PieCell
              key={String(row[category.field])}
              fill={PALETTE[i % PALETTE.length]}
              stroke="var(--panel)"
              strokeWidth={selected === row[category.field] ? 3 : 1}
            />
          ))}
        </Pie>
        <Tooltip contentStyle={tooltipStyle} formatter={(v, name) => [formatValue(v, value.format), name]} />
        <Legend wrapperStyle={{ fontSize: 11 }} layout="vertical" align="right" verticalAlign="middle" />
      </PieChart>
    </ResponsiveContainer>
  );
}
