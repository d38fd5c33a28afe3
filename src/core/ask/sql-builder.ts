import type { Filter, Intent, TimeWindow } from './intent';
import type { Measure, SemanticLayer } from './semantic-layer';
import { dateLiteral, quoteIdent, quoteLiteral } from './sql-literals';

/** The SQL for an intent, plus which output columns are dimensions (for the chart). */
export interface BuiltQuery {
  sql: string;
  dimensionColumns: string[];
  timeColumn?: string;
  measures: Measure[];
}

/** Writes the intent as one readable SELECT over the silver table; measures use their Databricks form for a warehouse. */
export function buildSql(intent: Intent, layer: SemanticLayer, dialect: 'duckdb' | 'databricks' = 'duckdb'): BuiltQuery {
  const table = layer.table;
  const measures = intent.measures.map((id) => mustFind(layer.measures, id, 'measure'));
  const dims = intent.groupBy.map((id) => mustFind(layer.dimensions, id, 'dimension'));
  const where: string[] = [];

  // A measure's own filter goes to WHERE when every measure shares it, else into FILTER (…).
  const sharedFilter = measures.length > 0 && measures.every((m) => m.filter === measures[0]?.filter) ? measures[0]?.filter : undefined;
  if (sharedFilter) where.push(sharedFilter);
  for (const f of intent.filters) where.push(filterSql(f, layer));
  if (intent.time && intent.time.kind !== 'all') where.push(timeSql(intent.time, layer));

  const selectDims = dims.map((d) => d.select ?? (d.alias ? `${d.column} AS ${quoteIdent(d.alias)}` : d.column));
  const selectMeasures = measures.map((m) => {
    const own = m.filter && m.filter !== sharedFilter ? ` FILTER (WHERE ${m.filter})` : '';
    const sql = dialect === 'databricks' ? (m.databricksSql ?? m.sql) : m.sql;
    return `${sql.replace('{where}', own)} AS ${quoteIdent(m.id)}`;
  });
  const groupCols = dims.flatMap((d) => d.groupBy ?? [d.alias ? quoteIdent(d.alias) : d.column]);
  const dimNames = dims.map((d) => d.alias ?? d.column);
  const timeDim = dims.find((d) => d.time);

  const lines = [`SELECT ${[...selectDims, ...selectMeasures].join(', ')}`, `FROM ${table}`];
  if (where.length > 0) lines.push(`WHERE ${where.join('\n  AND ')}`);
  if (groupCols.length > 0) lines.push(`GROUP BY ${groupCols.join(', ')}`);
  const first = measures[0];
  if (intent.order && first) {
    // The dimensions break ties, so the same question always lists the same rows.
    const tieBreak = dims.map((d) => (d.alias ? quoteIdent(d.alias) : d.column));
    lines.push(`ORDER BY ${[`${quoteIdent(first.id)} ${orderDirection(intent.order, first)}`, ...tieBreak].join(', ')}`);
    lines.push(`LIMIT ${intent.order.limit}`);
  } else if (timeDim) {
    lines.push(`ORDER BY ${dims.map((d) => (d.alias ? quoteIdent(d.alias) : d.column)).join(', ')}`);
  } else if (dims.length === 1 && first) {
    lines.push(`ORDER BY ${quoteIdent(first.id)} DESC`);
  } else if (dims.length > 1) {
    lines.push(`ORDER BY ${dimNames.map(quoteIdent).join(', ')}`);
  }
  return {
    sql: lines.join('\n'),
    dimensionColumns: dimNames,
    timeColumn: timeDim ? (timeDim.alias ?? timeDim.column) : undefined,
    measures,
  };
}

function orderDirection(order: NonNullable<Intent['order']>, measure: Measure): 'ASC' | 'DESC' {
  if (order.word === 'best') return measure.higherIsBetter === false ? 'ASC' : 'DESC';
  if (order.word === 'worst') return measure.higherIsBetter === false ? 'DESC' : 'ASC';
  return order.direction === 'asc' ? 'ASC' : 'DESC';
}

export function filterSql(filter: Filter, layer: SemanticLayer): string {
  if (filter.kind === 'flag') return mustFind(layer.flags, filter.flag, 'flag').sql;
  const dim = mustFind(layer.dimensions, filter.dimension, 'dimension');
  const values = filter.values.map(quoteLiteral);
  return values.length === 1 ? `${dim.column} = ${values[0]}` : `${dim.column} IN (${values.join(', ')})`;
}

/** Time windows are anchored at the newest event (SPEC §2), never the wall clock. */
export function timeSql(time: TimeWindow, layer: SemanticLayer): string {
  const date = layer.dateColumn;
  const today = `(SELECT max(${date}) FROM ${layer.table})`;
  switch (time.kind) {
    case 'days':
      return (time.n ?? 1) <= 1 ? `${date} = ${today}` : `${date} >= ${today} - ${(time.n ?? 1) - 1}`;
    case 'hours':
      return `${layer.timestampColumn} > (SELECT max(${layer.timestampColumn}) FROM ${layer.table}) - INTERVAL ${time.n ?? 1} HOUR`;
    case 'yesterday':
      return `${date} = ${today} - 1`;
    case 'this_week':
      return `date_trunc('week', ${date}) = date_trunc('week', ${today})`;
    case 'this_month':
      return `date_trunc('month', ${date}) = date_trunc('month', ${today})`;
    case 'last_month':
      return `date_trunc('month', ${date}) = date_trunc('month', ${today}) - INTERVAL 1 MONTH`;
    case 'this_year':
      return `date_trunc('year', ${date}) = date_trunc('year', ${today})`;
    case 'months':
      return `${date} > ${today} - INTERVAL ${time.n} MONTH`;
    case 'range':
      if (!time.to) return `${date} >= ${dateLiteral(time.from)}`;
      return time.from === time.to
        ? `${date} = ${dateLiteral(time.from)}`
        : `${date} BETWEEN ${dateLiteral(time.from)} AND ${dateLiteral(time.to)}`;
    case 'all':
      return 'TRUE';
  }
}

function mustFind<T extends { id: string }>(list: T[], id: string, what: string): T {
  const found = list.find((x) => x.id === id);
  if (!found) throw new Error(`The semantic layer has no ${what} "${id}".`);
  return found;
}
