import { nthWeekdayDay, type Filter, type Intent, type PeriodComparison, type TimeWindow } from './intent';
import { conditionalShare, resolveMeasure } from './measures';
import type { Dimension, Measure, SemanticLayer } from './semantic-layer';
import { histogramSource, type ColumnTypes } from './histogram-quantile';
import { anchorOf, type Anchor } from './time-anchor';
import { typedValuesFilter, type EnumColumns } from './typed-filters';
import { dateLiteral, quoteIdentIfNeeded, quoteLiteral } from '../../shared/sql/quote';

const NO_ENUMS: EnumColumns = new Map();

/** The SQL for a plan, plus which output columns are dimensions (for the chart). */
export interface BuiltQuery {
  sql: string;
  dimensionColumns: string[];
  timeColumn?: string;
  measures: Measure[];
}

/** A dimension by id; a boolean column of silver (`is_weekend`) is one too: the two sides of a flag. */
export function dimensionOf(id: string, layer: SemanticLayer): Dimension {
  const found = layer.dimensions.find((d) => d.id === id);
  if (found) return found;
  if (id === 'hour_ts') return { id, column: "date_trunc('hour', event_timestamp)", alias: 'hour', label: 'hour', time: true, phrases: [] };
  if (/^(is|uses)_[a-z0-9_]+$/.test(id)) return { id, column: id, label: id.replace(/^(is|uses)_/, '').replace(/_/g, ' '), phrases: [] };
  throw new Error(`The semantic layer has no dimension "${id}".`);
}

/**
 * DuckDB spends most of a grouped scan on `date_trunc` row by row; these grains group on cheap
 * parts of the date (silver's own `event_hour` = hour of `event_timestamp`) and build the same
 * TIMESTAMP once per group. Same values, a fifth of the work; the warehouse keeps `date_trunc`.
 */
const DUCKDB_GRAINS: Record<string, { select: string; groupBy: string[] }> = {
  month: {
    select: 'make_date(year(event_date), month(event_date), 1) AS month',
    groupBy: ['year(event_date)', 'month(event_date)'],
  },
  hour_ts: { select: 'event_date + make_time(event_hour, 0, 0) AS hour', groupBy: ['event_date', 'event_hour'] },
};

/**
 * A BOOLEAN dimension ("with and without 3DS", "retries vs first attempts") is grouped as its 0/1 byte: DuckDB
 * groups a BOOLEAN without its perfect hash, a UTINYINT with it (CPU 103 → 71 ms on 10M rows). Same rows, same name.
 */
function booleanGroup(d: Dimension, types: ColumnTypes | undefined): { select: string; groupBy: string[] } | undefined {
  if (d.alias || types?.get(d.column) !== 'BOOLEAN') return undefined;
  return { select: `${d.column}::UTINYINT::BOOLEAN AS ${d.column}`, groupBy: [`${d.column}::UTINYINT`] };
}

const QUANTILE = /^round\(quantile_cont\(([a-z_]+), ([0-9.]+)\)\{where\},(\d)\)$/;

/**
 * Several percentiles of one column under the same conditions ("25th and 75th percentile of
 * amounts") become one `quantile_cont(col, [p1, p2])`: DuckDB sorts the values once, not once per percentile.
 */
function shareQuantiles(measures: Measure[], conditionOf: (m: Measure) => string): Measure[] {
  const groups = new Map<string, string[]>();
  for (const m of measures) {
    const q = QUANTILE.exec(m.sql);
    if (!q) continue;
    const key = `${q[1]}|${conditionOf(m)}`;
    const list = groups.get(key) ?? [];
    if (!list.includes(q[2] ?? '')) list.push(q[2] ?? '');
    groups.set(key, list);
  }
  return measures.map((m) => {
    const q = QUANTILE.exec(m.sql);
    const list = q ? groups.get(`${q[1]}|${conditionOf(m)}`) : undefined;
    if (!q || !list || list.length < 2) return m;
    return { ...m, sql: `round((quantile_cont(${q[1]}, [${list.join(', ')}]){where})[${list.indexOf(q[2] ?? '') + 1}],${q[3]})` };
  });
}

const slug = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

const stripRound = (sql: string) => /^round\((.*),\s*\d\)$/s.exec(sql)?.[1] ?? sql;

/** The two periods of a comparison as conditions, and the window that holds both. */
function periodConditions(
  c: PeriodComparison,
  layer: SemanticLayer,
  anchor: Anchor,
): { current: string; previous: string; window: string; labels: [string, string] } {
  const date = layer.dateColumn;
  const today = anchor.today;
  if (c.periods) {
    const [later, earlier] = c.periods.map((p) => timeSql(p.time, layer, anchor)) as [string, string];
    return { current: later, previous: earlier, window: `(${later} OR ${earlier})`, labels: [c.periods[0].label, c.periods[1].label] };
  }
  if (c.unit === 'day') {
    const o = c.offset ?? 0;
    const cur = o === 0 ? today : `${today} - ${o}`;
    const lag = c.lag ?? 1;
    if (lag > 1)
      return {
        current: `${date} = ${cur}`,
        previous: `${date} = ${today} - ${o + lag}`,
        window: `${date} IN (${cur}, ${today} - ${o + lag})`,
        labels: [o === 0 ? 'today' : 'yesterday', 'the same day a week before'],
      };
    return {
      current: `${date} = ${cur}`,
      previous: `${date} = ${today} - ${o + 1}`,
      window: `${date} BETWEEN ${today} - ${o + 1} AND ${cur}`,
      labels: o === 0 ? ['today', 'yesterday'] : ['yesterday', 'the day before'],
    };
  }
  if (c.unit === 'week') {
    const n = Math.max(1, Math.floor(c.days ?? 7));
    return {
      current: `${date} >= ${today} - ${n - 1}`,
      previous: `${date} < ${today} - ${n - 1}`,
      window: `${date} >= ${today} - ${2 * n - 1}`,
      labels: [`the last ${n} days`, `the ${n} days before`],
    };
  }
  return {
    current: `${date} >= ${anchor.start('month')}`,
    previous: `${date} < ${anchor.start('month')}`,
    window: `${date} >= ${anchor.start('month', 1)}`,
    labels: ['this month', 'last month'],
  };
}

/** What the builder knows of the database the SQL runs on (DuckDB only). */
export interface BuildContext {
  /** The columns that hold their catalog ENUM there: category filters compare in that type. */
  enums?: EnumColumns;
  /**
   * The newest event date (YYYY-MM-DD), read just before: time windows are written against it
   * as a literal (`event_date >= DATE '2026-12-05' - 6`), which DuckDB folds and prunes row
   * groups with, instead of a `(SELECT max(event_date) …)` that rescans the table per answer.
   */
  newestDate?: string;
  /** Silver's column types there: percentiles of an INTEGER column are read from a histogram of its values. */
  columnTypes?: ColumnTypes;
}

/** Writes the plan as one readable SELECT over the silver table; measures use their Databricks form for a warehouse. */
export function buildSql(
  intent: Intent,
  layer: SemanticLayer,
  dialect: 'duckdb' | 'databricks' = 'duckdb',
  context: BuildContext = {},
): BuiltQuery {
  const enums = context.enums ?? NO_ENUMS;
  const anchor = anchorOf(layer, context.newestDate);
  const table = layer.table;
  let measures = intent.measures.map((id) => resolveMeasure(id, layer));
  const dims = intent.groupBy.map((id) => {
    const d = dimensionOf(id, layer);
    const fast = dialect === 'duckdb' ? (DUCKDB_GRAINS[id] ?? booleanGroup(d, context.columnTypes)) : undefined;
    return fast ? { ...d, ...fast } : d;
  });
  const where: string[] = [];

  // A measure's own filter goes to WHERE when every measure shares it, else into FILTER (…).
  // A group condition (HAVING) counts the group's other rows too: "merchants without a single decline" keeps it in FILTER.
  const sharedFilter =
    !intent.having && measures.length > 0 && measures.every((m) => m.filter === measures[0]?.filter) ? measures[0]?.filter : undefined;
  if (sharedFilter) where.push(sharedFilter);
  for (const f of intent.filters) where.push(filterSql(f, layer, enums));
  if (intent.time && intent.time.kind !== 'all') where.push(hourBuckets(intent, layer) ?? timeSql(intent.time, layer, anchor));
  if (intent.shareOf && intent.shareOf.length > 0) {
    const condition = intent.shareOf.map((f) => filterSql(f, layer, enums)).join(' AND ');
    measures = measures.map((m) => conditionalShare(m, condition));
  }

  const period = intent.compare ? periodConditions(intent.compare, layer, anchor) : undefined;
  if (period) where.push(period.window);
  const selectDims = dims.map((d) => d.select ?? (d.alias ? `${d.column} AS ${quoteIdentIfNeeded(d.alias)}` : d.column));
  // Two single days side by side also show their dates ("today" is 2026-12-05).
  const dayPair = period && intent.compare?.output === 'split' && intent.compare.unit === 'day';
  if (dayPair) selectDims.unshift(layer.dateColumn);
  if (period && intent.compare?.output === 'split') {
    selectDims.unshift(
      `CASE WHEN ${period.current} THEN ${quoteLiteral(period.labels[0])} ELSE ${quoteLiteral(period.labels[1])} END AS period`,
    );
  }
  const measureSql = (m: Measure, extra?: string) => {
    const conds = [m.filter && m.filter !== sharedFilter ? m.filter : undefined, extra].filter(Boolean);
    const own = conds.length > 0 ? ` FILTER (WHERE ${conds.join(' AND ')})` : '';
    const sql = dialect === 'databricks' ? (m.databricksSql ?? m.sql) : m.sql;
    // "{and}" extends a FILTER the measure writes itself (a conditional share's numerator) with the measure's own filter.
    return sql.replaceAll('{where}', own).replaceAll('{and}', conds.length > 0 ? ` AND ${conds.join(' AND ')}` : '');
  };
  /** One column per period next to a breakdown: "declines by reason, October vs November side by side". */
  const columnOf = (m: Measure, k: 0 | 1) => `${m.id}_${slug(period?.labels[k] ?? String(k))}`;
  const outName = (m: Measure) =>
    period && intent.compare?.output === 'columns'
      ? columnOf(m, 0)
      : period && intent.compare?.output === 'change'
        ? `${m.id}_change${m.format === 'pct' ? '_pp' : ''}`
        : period && intent.compare?.output === 'pct_change'
          ? `${m.id}_pct_change`
          : m.id;
  const groupCols = [
    ...(period && intent.compare?.output === 'split' ? ['period'] : []),
    ...(dayPair ? [layer.dateColumn] : []),
    ...dims.flatMap((d) => d.groupBy ?? [d.alias ? quoteIdentIfNeeded(d.alias) : d.column]),
  ];
  const ownFilters = measures.map((m) => (m.filter && m.filter !== sharedFilter ? m.filter : ''));
  const histogram =
    dialect === 'duckdb' && !intent.having && !intent.order?.minVolume
      ? histogramSource(
          measures,
          context.columnTypes,
          [...selectDims, ...groupCols, ...ownFilters, period?.current ?? '', period?.previous ?? ''],
          plainGroupsOf(groupCols, selectDims, !period && ownFilters.every((f) => !f)),
        )
      : undefined;
  if (histogram) measures = histogram.measures;
  else if (dialect === 'duckdb' && !(period && intent.compare?.output !== 'split')) {
    measures = shareQuantiles(measures, (m) => (m.filter && m.filter !== sharedFilter ? m.filter : ''));
  }
  const selectMeasures = measures.map((m) => {
    if (period && intent.compare?.output === 'columns') {
      return [1, 0]
        .map((k) => `${measureSql(m, k === 0 ? period.current : period.previous)} AS ${quoteIdentIfNeeded(columnOf(m, k as 0 | 1))}`)
        .join(', ');
    }
    if (period && intent.compare && intent.compare.output !== 'split') {
      const now = stripRound(measureSql(m, period.current));
      const before = stripRound(measureSql(m, period.previous));
      const expr = intent.compare.output === 'change' ? `round(${now} - ${before}, 2)` : `round(100 * (${now} - ${before}) / ${before}, 2)`;
      return `${expr} AS ${quoteIdentIfNeeded(outName(m))}`;
    }
    return `${measureSql(m)} AS ${quoteIdentIfNeeded(m.id)}`;
  });
  const dimNames = [
    ...(period && intent.compare?.output === 'split' ? ['period'] : []),
    ...(dayPair ? [layer.dateColumn] : []),
    ...dims.map((d) => d.alias ?? d.column),
  ];
  const timeDim = dims.find((d) => d.time);

  const lines = [`SELECT ${[...selectDims, ...selectMeasures].join(', ')}`, `FROM ${histogram ? histogram.from(table, where) : table}`];
  if (where.length > 0 && !histogram) lines.push(`WHERE ${where.join('\n  AND ')}`);
  if (groupCols.length > 0) lines.push(`GROUP BY ${groupCols.join(', ')}`);
  const first = measures[0];
  if (intent.order?.minVolume && groupCols.length > 0) lines.push(`HAVING count(*) >= ${Math.floor(intent.order.minVolume)}`);
  const having = intent.having && first && groupCols.length > 0 ? intent.having : undefined;
  if (having && first) lines.push(`HAVING ${stripRound(measureSql(first))} ${OPS[having.op] ?? '<'} ${Number(having.value)}`);
  if (intent.order && first && groupCols.length > 0) {
    // The dimensions break ties, so the same question always lists the same rows.
    const tieBreak = dims.map((d) => (d.alias ? quoteIdentIfNeeded(d.alias) : d.column));
    lines.push(`ORDER BY ${[`${quoteIdentIfNeeded(outName(first))} ${orderDirection(intent.order, first)}`, ...tieBreak].join(', ')}`);
    lines.push(`LIMIT ${intent.order.limit}`);
  } else if (timeDim) {
    const way = intent.newestFirst ? ' DESC' : '';
    lines.push(`ORDER BY ${dims.map((d) => `${d.alias ? quoteIdentIfNeeded(d.alias) : d.column}${d.time ? way : ''}`).join(', ')}`);
  } else if (dims.length === 1 && first) {
    lines.push(`ORDER BY ${quoteIdentIfNeeded(outName(first))} DESC`);
  } else if (dayPair && dims.length === 0) {
    // Two days, one row each: the earlier first, as a calendar reads.
    lines.push(`ORDER BY ${layer.dateColumn}`);
  } else if (period && intent.compare?.periods && intent.compare.output === 'split') {
    // Two named periods, one row each: the earlier first.
    lines.push(`ORDER BY min(${layer.dateColumn})`);
  } else if (dimNames.length > 1) {
    lines.push(`ORDER BY ${dimNames.map(quoteIdentIfNeeded).join(', ')}`);
  }
  if (having?.count && first) {
    // "On how many days …": the groups that meet the threshold, counted.
    const name = `${dims[0]?.alias ?? dims[0]?.id ?? 'group'}_count`;
    const said = `${dims[0]?.label ?? 'group'}s with ${first.label} ${having.op} ${having.value}${first.format === 'pct' ? '%' : ''}`;
    return {
      sql: `SELECT count(*) AS ${quoteIdentIfNeeded(name)}\nFROM (\n${lines.join('\n')}\n)`,
      dimensionColumns: [],
      measures: [{ id: name, label: said, sql: 'count(*)', format: 'count', phrases: [] }],
    };
  }
  if (intent.topShare && intent.order && first?.format === 'pct' && dims.length === 1) {
    // "share of approved value from our 5 biggest merchants": the top groups' shares of the whole, added up.
    const name = `top_${intent.order.limit}_${slug(dims[0]?.alias ?? dims[0]?.id ?? 'group')}_share`;
    const label = dims[0]?.label ?? 'group';
    const said = `${first.label} from the top ${intent.order.limit} ${/[^aeiou]y$/.test(label) ? `${label.slice(0, -1)}ie` : label}s`;
    // The shares are added unrounded, so ten of them do not carry ten roundings.
    const exact = [lines[0]?.replace(`${measureSql(first)} AS`, `${stripRound(measureSql(first))} AS`) ?? '', ...lines.slice(1)];
    return {
      sql: `SELECT round(sum(${quoteIdentIfNeeded(first.id)}),2) AS ${quoteIdentIfNeeded(name)}\nFROM (\n${exact.join('\n')}\n) AS top_groups`,
      dimensionColumns: [],
      measures: [{ id: name, label: said, sql: first.sql, format: 'pct', phrases: [] }],
    };
  }
  return {
    sql: lines.join('\n'),
    dimensionColumns: dimNames,
    timeColumn: timeDim ? (timeDim.alias ?? timeDim.column) : undefined,
    measures,
  };
}

/**
 * The groups of a query whose SELECT and GROUP BY name plain columns only, and no measure has a condition of its own
 * (`plain`): percentiles of DECIMAL and DOUBLE columns are then read from a histogram with a running count per group.
 */
function plainGroupsOf(groupCols: string[], selectDims: string[], plain: boolean): string[] | undefined {
  const bare = (c: string) => /^[a-z_][a-z0-9_]*$/.test(c);
  return plain && groupCols.every(bare) && selectDims.every(bare) ? groupCols : undefined;
}

/** "hourly for the last 24 hours": the 24 whole hours ending with the newest event's hour, not a part of a 25th. */
function hourBuckets(intent: Intent, layer: SemanticLayer): string | undefined {
  const t = intent.time;
  if (t?.kind !== 'hours' || !intent.groupBy.includes('hour_ts')) return undefined;
  const ts = layer.timestampColumn;
  return `${ts} >= (SELECT date_trunc('hour', max(${ts})) FROM ${layer.table}) - INTERVAL ${Math.max(0, Math.floor((t.n ?? 1) - 1))} HOUR`;
}

function orderDirection(order: NonNullable<Intent['order']>, measure: Measure): 'ASC' | 'DESC' {
  if (order.word === 'best') return measure.higherIsBetter === false ? 'ASC' : 'DESC';
  if (order.word === 'worst') return measure.higherIsBetter === false ? 'DESC' : 'ASC';
  return order.direction === 'asc' ? 'ASC' : 'DESC';
}

const OPS: Record<string, string> = { '>': '>', '>=': '>=', '<': '<', '<=': '<=', '=': '=' };

/** A filter's condition; category values in their column's ENUM type where `enums` says the column has it. */
export function filterSql(filter: Filter, layer: SemanticLayer, enums: EnumColumns = NO_ENUMS): string {
  if (filter.kind === 'flag') {
    const flag = layer.flags.find((f) => f.id === filter.flag);
    if (!flag) throw new Error(`The semantic layer has no flag "${filter.flag}".`);
    return flag.sql;
  }
  if (filter.kind === 'number') {
    if (!/^[a-z_]+$/.test(filter.column)) throw new Error(`Not a column: ${filter.column}`);
    const n = (x: number) => String(Number(x));
    if (filter.op === 'between') return `${filter.column} BETWEEN ${n(filter.value)} AND ${n(filter.to ?? filter.value)}`;
    return `${filter.column} ${OPS[filter.op] ?? '='} ${n(filter.value)}`;
  }
  const dim = dimensionOf(filter.dimension, layer);
  const typed = typedValuesFilter(dim.column, filter.values, filter.negate, enums);
  if (typed) return typed;
  const values = filter.values.map(quoteLiteral);
  if (values.length === 1) return `${dim.column} ${filter.negate ? '<>' : '='} ${values[0]}`;
  return `${dim.column} ${filter.negate ? 'NOT IN' : 'IN'} (${values.join(', ')})`;
}

/** Time windows are anchored at the newest event (SPEC §2), never the wall clock. */
export function timeSql(time: TimeWindow, layer: SemanticLayer, anchor: Anchor = anchorOf(layer)): string {
  const date = layer.dateColumn;
  const today = anchor.today;
  switch (time.kind) {
    case 'days':
      return (time.n ?? 1) <= 1 ? `${date} = ${today}` : `${date} >= ${today} - ${(time.n ?? 1) - 1}`;
    case 'hours':
      return `${layer.timestampColumn} > (SELECT max(${layer.timestampColumn}) FROM ${layer.table}) - INTERVAL ${time.n ?? 1} HOUR`;
    case 'yesterday':
      return `${date} = ${today} - 1`;
    case 'this_week':
      // Events end at the newest date: the rest of its week (or year) holds none.
      if (anchor.literal) return `${date} >= ${anchor.start('week')}`;
      return `date_trunc('week', ${date}) = date_trunc('week', ${today})`;
    case 'this_month':
      return `${date} >= ${anchor.start('month')}`;
    case 'last_month':
      if (anchor.literal) return `${date} >= ${anchor.start('month', 1)} AND ${date} < ${anchor.start('month')}`;
      return `date_trunc('month', ${date}) = date_trunc('month', ${today}) - INTERVAL 1 MONTH`;
    case 'this_quarter':
      return `${date} >= ${anchor.start('quarter')}`;
    case 'last_quarter':
      if (anchor.literal) return `${date} >= ${anchor.start('quarter', 1)} AND ${date} < ${anchor.start('quarter')}`;
      return `date_trunc('quarter', ${date}) = date_trunc('quarter', ${today}) - INTERVAL 3 MONTH`;
    case 'this_year':
      if (anchor.literal) return `${date} >= ${anchor.start('year')}`;
      return `date_trunc('year', ${date}) = date_trunc('year', ${today})`;
    case 'months':
      return `${date} > ${today} - INTERVAL ${time.n} MONTH`;
    case 'since_md':
      return `${date} >= make_date(year(${today})::INT, ${Math.floor(time.month)}, ${Math.floor(time.day)})`;
    case 'in_month': {
      // A day named by a rule ("Black Friday") falls on its day of the newest event's year.
      const year = /^DATE '(\d{4})-/.exec(today)?.[1];
      const day = time.nth && year ? nthWeekdayDay(time.month, time.nth, Number(year)) : time.day;
      const start = `make_date(year(${today})::INT, ${Math.floor(time.month)}, ${Math.floor(day ?? 1)})`;
      return time.day ? `${date} = ${start}` : `${date} >= ${start} AND ${date} < ${start} + INTERVAL 1 MONTH`;
    }
    case 'md_range': {
      // Day 29–31 of a month that is shorter ("second half of November" ends on the 30th) is its last day.
      const day = ([month, d]: [number, number]) => {
        const first = `make_date(year(${today})::INT, ${Math.floor(month)}, ${d > 28 ? 1 : Math.floor(d)})`;
        return d > 28 ? `least(${first} + ${Math.floor(d) - 1}, last_day(${first}))` : first;
      };
      return `${date} BETWEEN ${day(time.from)} AND ${day(time.to)}`;
    }
    case 'day_back':
      return `${date} = ${today} - ${Math.floor(time.back)}`;
    case 'prev_week':
      if (anchor.literal) return `${date} >= ${anchor.start('week', 1)} AND ${date} < ${anchor.start('week')}`;
      return `date_trunc('week', ${date}) = date_trunc('week', ${today}) - INTERVAL 7 DAY`;
    case 'day_span':
      return `${date} BETWEEN ${today} - ${Math.floor(time.from)} AND ${today} - ${Math.floor(time.to)}`;
    case 'until_md':
      return `${date} ${time.inclusive ? '<=' : '<'} make_date(year(${today})::INT, ${Math.floor(time.month)}, ${Math.floor(time.day)})`;
    case 'month_back': {
      // The same calendar day a month earlier (the month's last day when it is shorter), as DuckDB and Spark both do it.
      const m = Math.max(1, Math.floor(time.months));
      const back = Math.floor(time.back ?? 0);
      const day = `CAST(${today}${back ? ` - ${back}` : ''} - INTERVAL ${m} MONTH AS DATE)`;
      return time.mtd ? `${date} BETWEEN ${anchor.start('month', m)} AND ${day}` : `${date} = ${day}`;
    }
    case 'since_weekday': {
      // The week starts on Monday; a later weekday than the newest event's is last week's.
      const start = `CAST(date_trunc('week', ${today}) AS DATE)`;
      const k = Math.floor(time.weekday) - 1;
      const first = k <= 0 ? start : `${start} + ${k} - CASE WHEN ${start} + ${k} > ${today} THEN 7 ELSE 0 END`;
      // "the same days the previous week": that stretch moved back by whole weeks.
      const w = 7 * Math.floor(time.weeksBack ?? 0);
      return w ? `${date} BETWEEN ${first} - ${w} AND ${today} - ${w}` : `${date} >= ${first}`;
    }
    case 'range':
      if (!time.to) return `${date} >= ${dateLiteral(time.from)}`;
      return time.from === time.to
        ? `${date} = ${dateLiteral(time.from)}`
        : `${date} BETWEEN ${dateLiteral(time.from)} AND ${dateLiteral(time.to)}`;
    case 'all':
      return 'TRUE';
  }
}
