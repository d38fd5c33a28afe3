import type { Dashboard, DrawableWidget, DrillColumn } from '../../shared/dashboards/definition';
import { filterParams, type Filters } from '../../shared/dashboards/filters';
import { AppError } from '../../shared/errors';

/** Silver columns the drill table shows, in this order, when the data has them. */
export const DRILL_COLUMNS = [
  'event_timestamp',
  'transaction_id',
  'merchant_name',
  'merchant_segment',
  'merchant_country',
  'issuer_country',
  'card_network',
  'processor',
  'amount',
  'currency',
  'is_approved',
  'decline_reason',
  'response_code',
  'fraud_score',
  'risk_tier',
  'three_ds_outcome',
  'is_retry',
  'is_fraud',
] as const;

/** How a drill column compares with the clicked value (which arrives as JSON text or a number). */
const DRILL_EXPR: Record<DrillColumn, { expr: string; cast: string }> = {
  event_date: { expr: 'event_date', cast: 'DATE' },
  hour: { expr: "date_trunc('hour', event_timestamp)", cast: 'TIMESTAMP' },
  minute: { expr: "date_trunc('minute', event_timestamp)", cast: 'TIMESTAMP' },
  event_hour: { expr: 'event_hour', cast: 'INTEGER' },
  day_of_week: { expr: 'day_of_week', cast: 'INTEGER' },
  retry_attempt: { expr: 'retry_attempt', cast: 'INTEGER' },
  card_network: { expr: 'card_network', cast: 'VARCHAR' },
  card_type: { expr: 'card_type', cast: 'VARCHAR' },
  merchant_segment: { expr: 'merchant_segment', cast: 'VARCHAR' },
  merchant_country: { expr: 'merchant_country', cast: 'VARCHAR' },
  issuer_country: { expr: 'issuer_country', cast: 'VARCHAR' },
  merchant_name: { expr: 'merchant_name', cast: 'VARCHAR' },
  channel: { expr: 'channel', cast: 'VARCHAR' },
  payment_solution: { expr: 'payment_solution', cast: 'VARCHAR' },
  processor: { expr: 'processor', cast: 'VARCHAR' },
  decline_reason: { expr: 'decline_reason', cast: 'VARCHAR' },
  response_code: { expr: 'response_code', cast: 'VARCHAR' },
  risk_tier: { expr: 'risk_tier', cast: 'VARCHAR' },
  rule_risk_level: { expr: 'rule_risk_level', cast: 'VARCHAR' },
  three_ds_outcome: { expr: 'three_ds_outcome', cast: 'VARCHAR' },
  amount_bucket: { expr: 'amount_bucket', cast: 'VARCHAR' },
  currency: { expr: 'currency', cast: 'VARCHAR' },
};

export interface DrillQuery {
  sql: string;
  params: Record<string, string | number | boolean | null>;
  description: string;
}

/**
 * The statement selecting the silver rows behind a widget (and a clicked point): the global
 * filters, the widget's fixed condition and the point's value, all as parameters. For
 * Databricks SQL the casts name STRING (an unsized VARCHAR is DuckDB's).
 */
export function buildDrillQuery(
  dashboard: Dashboard,
  widgetId: string,
  filters: Filters,
  value: string | number | boolean | null | undefined,
  available: readonly string[],
  dialect: 'duckdb' | 'databricks' = 'duckdb',
): DrillQuery {
  const widget = dashboard.widgets.find((w) => w.id === widgetId);
  if (!widget) throw new AppError('NOT_FOUND', `The dashboard "${dashboard.title}" has no widget "${widgetId}".`);
  if (widget.type === 'unsupported') throw new AppError('INVALID_INPUT', `"${widget.title}" cannot be drilled into: ${widget.reason}`);
  const drill = (widget as DrawableWidget).drill;
  if (!drill) throw new AppError('INVALID_INPUT', `"${widget.title}" does not say which rows are behind it, so it cannot be drilled into.`);
  const p = filterParams(filters);
  const params: Record<string, string | number | boolean | null> = {
    date_from: p.date_from,
    date_to: p.date_to,
    card_network: p.card_network,
    merchant_segment: p.merchant_segment,
    country: p.country,
  };
  const where = [
    'event_date BETWEEN $date_from AND $date_to',
    '($card_network IS NULL OR card_network = $card_network)',
    '($merchant_segment IS NULL OR merchant_segment = $merchant_segment)',
    '($country IS NULL OR merchant_country = $country)',
  ];
  const words = [`${filters.dateFrom} to ${filters.dateTo}`];
  for (const [label, v] of [
    ['card network', filters.cardNetwork],
    ['segment', filters.merchantSegment],
    ['country', filters.country],
  ] as const) {
    if (v) words.push(`${label} = ${v}`);
  }
  if (drill.where) {
    where.push(`(${drill.where})`);
    words.push(drill.where);
  }
  if (value !== undefined && drill.column) {
    const { expr, cast } = DRILL_EXPR[drill.column];
    if (value === null) where.push(`${expr} IS NULL`);
    else {
      where.push(`${expr} = CAST($drill_value AS ${dialect === 'databricks' && cast === 'VARCHAR' ? 'STRING' : cast})`);
      params.drill_value = value;
    }
    words.push(`${drill.column} = ${value === null ? 'NULL' : String(value)}`);
  }
  const columns = DRILL_COLUMNS.filter((c) => available.includes(c));
  const order = available.includes('event_timestamp') ? '\nORDER BY event_timestamp DESC' : '';
  const sql = `SELECT ${columns.join(', ')}\nFROM payments_enriched_silver\nWHERE ${where.join('\n  AND ')}${order}`;
  return { sql, params, description: `${widget.title}: ${words.join(', ')}` };
}
