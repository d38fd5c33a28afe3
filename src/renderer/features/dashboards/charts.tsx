import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Scatter,
  ScatterChart,
  Pie,
  PieChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CartesianWidget, Field, PieWidget } from '../../../shared/dashboards/definition';
import { formatAxisDate, formatValue } from '../../../shared/dashboards/format';
import type { QueryResult } from '../../../shared/api';
import { categoryColor, hasKnownColor, seriesColor } from '../../../shared/dashboards/palette';
import { rateAxis } from '../../../shared/dashboards/rate-axis';
import { lastDayIsPartial, newestTimeOfDay } from '../../../shared/dashboards/partial-period';
import { useState, type KeyboardEvent, type MouseEvent } from 'react';
import { indexAtX, nextFocus } from './chart-pick';

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
  /** The newest event's timestamp: a daily series ending on its day draws that day as partial. */
  newestEvent?: string | null;
}

const PARTIAL = '__partial';
const partialDot = (color: string) => ({ r: 4, stroke: color, strokeWidth: 2, strokeDasharray: '2 2', fill: 'var(--panel)' });

/** Line, area and bar charts: x is a category or a date, y one or more measures. Click, tap or arrow keys + Enter pick an x value. */
export function CartesianChart({ widget, result, onPick, selected, newestEvent }: ChartProps<CartesianWidget>) {
  const { x, y, stacked, horizontal } = widget.encodings;
  const data = numeric(toRows(result), y);
  const [focus, setFocus] = useState<number>();
  const label = (f: Field) => f.label ?? f.field;
  const tickX = (v: unknown) => (x.format === 'date' ? formatAxisDate(String(v)) : String(v));
  const tickY = (v: unknown) => formatValue(v, y[0]?.format, { compact: true });
  const xValue = (i: number) => (data[i]?.[x.field] as string | number | null | undefined) ?? null;
  const isBar = widget.type === 'bar';
  // Rates compared side by side: an axis around the values, never narrower than five points.
  const rates = y.every((f) => f.format === 'percent') && !stacked;
  const axis = rates ? rateAxis(data.flatMap((r) => y.map((f) => Number(r[f.field])))) : undefined;
  // Today's unfinished day: drawn dashed after the last full day, not as a drop to zero.
  const partial =
    !isBar && !stacked && x.format === 'date' && data.length >= 2 && lastDayIsPartial(data[data.length - 1]![x.field], newestEvent);
  const plotted = partial ? withPartialTail(data, y) : data;
  const byCategory = isBar && y.length === 1 && data.length > 0 && data.every((r) => hasKnownColor(String(r[x.field])));

  const pickAtPointer = (event: MouseEvent<HTMLDivElement>) => {
    if (isBar) return; // Bars report their own row.
    const grid = event.currentTarget.querySelector('.recharts-cartesian-grid');
    const box = grid?.getBoundingClientRect();
    const i = box ? indexAtX(event.clientX, box.left, box.width, data.length, 'point') : undefined;
    if (i !== undefined) onPick(xValue(i));
  };
  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.key === 'Enter' || event.key === ' ') && focus !== undefined) {
      event.preventDefault();
      onPick(xValue(focus));
      return;
    }
    const next = nextFocus(event.key, focus, data.length);
    if (next !== undefined) {
      event.preventDefault();
      setFocus(next);
    }
  };
  const focusedRow = focus !== undefined ? data[focus] : undefined;
  const tooltip = (
    <Tooltip
      contentStyle={tooltipStyle}
      labelFormatter={(v) => (x.format === 'date' ? formatValue(v, 'date') : String(v))}
      formatter={(value, name) => {
        const f = y.find((s) => label(s) === name || s.field === name || `${label(s)} (partial day)` === name);
        return [formatValue(value, f?.format), name];
      }}
    />
  );
  const showBaseline = Boolean(axis?.zoomed && isBar);
  // The "avg" label sits past the end of its line, outside the plot (right of upright bars, above sideways ones),
  // in a margin kept for it, so it never covers a bar.
  const margin = { top: showBaseline && horizontal ? 18 : 8, right: showBaseline && !horizontal ? 72 : 12, bottom: 4, left: 4 };
  const common = { data: plotted, margin };
  const legend = y.length > 1 ? <Legend wrapperStyle={{ fontSize: 11 }} /> : null;
  const grid = <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />;
  const valueAxisProps = {
    tick: axisTick,
    tickFormatter: tickY,
    ...(axis ? { domain: axis.domain, ticks: axis.ticks, allowDataOverflow: true } : {}),
  };
  const baseline =
    showBaseline && axis ? (
      <ReferenceLine
        {...(horizontal ? { x: axis.baseline } : { y: axis.baseline })}
        stroke="var(--text)"
        strokeDasharray="4 3"
        label={{
          value: `avg ${formatValue(axis.baseline, 'percent')}`,
          fill: 'var(--muted)',
          fontSize: 10,
          position: horizontal ? 'top' : 'right',
        }}
      />
    ) : null;
  const partialMark =
    partial && newestEvent ? (
      <ReferenceLine
        x={data[data.length - 1]![x.field] as string}
        stroke="var(--muted)"
        strokeDasharray="2 3"
        label={{ value: `partial · to ${newestTimeOfDay(newestEvent)}`, fill: 'var(--muted)', fontSize: 10, position: 'insideTopRight' }}
      />
    ) : null;
  const partialSeries = (kind: 'line' | 'area') =>
    partial
      ? y.map((f, i) =>
          kind === 'line' ? (
            <Line
              key={`${f.field}${PARTIAL}`}
              className="partial-day"
              dataKey={`${f.field}${PARTIAL}`}
              name={`${label(f)} (partial day)`}
              stroke={seriesColor(label(f), i)}
              dot={partialDot(seriesColor(label(f), i))}
              legendType="none"
              isAnimationActive={false}
            />
          ) : (
            <Area
              key={`${f.field}${PARTIAL}`}
              className="partial-day"
              dataKey={`${f.field}${PARTIAL}`}
              name={`${label(f)} (partial day)`}
              stroke={seriesColor(label(f), i)}
              fill={seriesColor(label(f), i)}
              fillOpacity={0.06}
              dot={partialDot(seriesColor(label(f), i))}
              legendType="none"
              isAnimationActive={false}
            />
          ),
        )
      : null;
  const focusLine =
    !isBar && focusedRow ? <ReferenceLine x={focusedRow[x.field] as string} stroke="var(--accent)" strokeWidth={2} /> : null;
  let chart;
  if (isBar) {
    chart = (
      <BarChart {...common} layout={horizontal ? 'vertical' : 'horizontal'}>
        {grid}
        {horizontal ? (
          <>
            <XAxis type="number" {...valueAxisProps} />
            <YAxis type="category" dataKey={x.field} tick={axisTick} tickFormatter={tickX} width={132} interval={0} />
          </>
        ) : (
          <>
            <XAxis dataKey={x.field} tick={axisTick} tickFormatter={tickX} interval={x.format === 'date' ? 'preserveEnd' : 0} />
            <YAxis {...valueAxisProps} width={56} />
          </>
        )}
        {tooltip}
        {legend}
        {baseline}
        {y.map((f, i) => (
          <Bar
            key={f.field}
            dataKey={f.field}
            name={label(f)}
            fill={seriesColor(label(f), i)}
            stackId={stacked ? 's' : undefined}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(entry: { payload?: Record<string, unknown> }) => onPick((entry.payload?.[x.field] as string | number | null) ?? null)}
          >
            {data.map((row, j) => (
              <Cell
                key={j}
                fill={byCategory ? categoryColor(row[x.field]) : seriesColor(label(f), i)}
                stroke={j === focus || (selected !== undefined && selected === row[x.field]) ? 'var(--text)' : undefined}
                strokeWidth={j === focus ? 2 : 1}
              />
            ))}
          </Bar>
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
        <Scatter data={points} fill={seriesColor(label(y[0]!), 0)} isAnimationActive={false} />
      </ScatterChart>
    );
  } else if (widget.type === 'area') {
    chart = (
      <AreaChart {...common}>
        {grid}
        <XAxis dataKey={x.field} tick={axisTick} tickFormatter={tickX} minTickGap={16} />
        <YAxis {...valueAxisProps} width={56} />
        {tooltip}
        {legend}
        {focusLine}
        {partialMark}
        {partialSeries('area')}
        {y.map((f, i) => (
          <Area
            key={f.field}
            dataKey={f.field}
            name={label(f)}
            stroke={seriesColor(label(f), i)}
            fill={seriesColor(label(f), i)}
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
        <YAxis width={56} domain={['auto', 'auto']} {...valueAxisProps} />
        {tooltip}
        {legend}
        {focusLine}
        {partialMark}
        {partialSeries('line')}
        {y.map((f, i) => (
          <Line
            key={f.field}
            dataKey={f.field}
            name={label(f)}
            stroke={seriesColor(label(f), i)}
            dot={data.length < 40}
            strokeWidth={2}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    );
  }
  const focusText = focusedRow
    ? `${tickX(focusedRow[x.field])}: ${y.map((f) => `${label(f)} ${formatValue(focusedRow[f.field], f.format)}`).join(', ')}. Enter filters on it.`
    : '';
  return (
    <div
      className="chart-frame"
      tabIndex={0}
      role="group"
      aria-label={`${widget.title}: arrow keys choose a ${x.label ?? x.field}, Enter filters on it`}
      onClick={pickAtPointer}
      onKeyDown={onKey}
      onBlur={() => setFocus(undefined)}
      data-testid="chart-frame"
      data-zoomed={axis?.zoomed ? 'true' : undefined}
      data-partial={partial ? 'true' : undefined}
    >
      <ResponsiveContainer width="100%" height="100%" minHeight={80}>
        {chart}
      </ResponsiveContainer>
      <span className="visually-hidden" aria-live="polite" data-testid="chart-focus">
        {focusText}
      </span>
      {axis?.zoomed && (
        <span className="chart-axis-note muted" data-testid="chart-axis-note">
          axis from {formatValue(axis.domain[0], 'percent')}
        </span>
      )}
    </div>
  );
}

/**
 * The rows with the last point moved to a `<field>__partial` series of that one point: drawn as a
 * hollow, dashed dot beside the "partial" mark, never joined to the last full day, so a day's
 * first hours of value or volume do not read as a fall.
 */
function withPartialTail(data: Rows, y: Field[]): Rows {
  return data.map((r, i) => {
    const out: Record<string, unknown> = { ...r };
    for (const f of y) {
      out[`${f.field}${PARTIAL}`] = i === data.length - 1 ? r[f.field] : null;
      if (i === data.length - 1) out[f.field] = null;
    }
    return out;
  });
}

/** A pie (donut) of one measure by category; a click on a slice picks its category. */
export function PieChartView({ widget, result, onPick, selected }: ChartProps<PieWidget>) {
  const { category, value } = widget.encodings;
  const data = numeric(toRows(result), [value]);
  const [focus, setFocus] = useState<number>();
  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.key === 'Enter' || event.key === ' ') && focus !== undefined) {
      event.preventDefault();
      onPick((data[focus]?.[category.field] as string | null) ?? null);
      return;
    }
    const next = nextFocus(event.key, focus, data.length);
    if (next !== undefined) {
      event.preventDefault();
      setFocus(next);
    }
  };
  const focusedRow = focus !== undefined ? data[focus] : undefined;
  return (
    <div
      className="chart-frame"
      tabIndex={0}
      role="group"
      aria-label={`${widget.title}: arrow keys choose a ${category.label ?? category.field}, Enter filters on it`}
      onKeyDown={onKey}
      onBlur={() => setFocus(undefined)}
      data-testid="chart-frame"
    >
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
              <Cell
                key={String(row[category.field])}
                fill={categoryColor(row[category.field])}
                stroke={i === focus ? 'var(--text)' : 'var(--panel)'}
                strokeWidth={i === focus || selected === row[category.field] ? 3 : 1}
              />
            ))}
          </Pie>
          <Tooltip contentStyle={tooltipStyle} formatter={(v, name) => [formatValue(v, value.format), name]} />
          <Legend wrapperStyle={{ fontSize: 11 }} layout="vertical" align="right" verticalAlign="middle" />
        </PieChart>
      </ResponsiveContainer>
      <span className="visually-hidden" aria-live="polite" data-testid="chart-focus">
        {focusedRow
          ? `${String(focusedRow[category.field])}: ${formatValue(focusedRow[value.field], value.format)}. Enter filters on it.`
          : ''}
      </span>
    </div>
  );
}
