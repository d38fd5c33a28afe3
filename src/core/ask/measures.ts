import type { Measure, SemanticLayer } from './semantic-layer';
import { quoteLiteral } from '../../shared/sql/quote';

/** A numeric column of silver that aggregations apply to, with the words that name it. */
export interface NumericColumn {
  column: string;
  label: string;
  format: Measure['format'];
  digits: number;
  phrases: string[];
}

export const NUMERIC_COLUMNS: NumericColumn[] = [
  {
    column: 'amount',
    label: 'amount',
    format: 'money',
    digits: 2,
    phrases: [
      'amount',
      'amounts',
      'transaction amount',
      'transaction amounts',
      'payment amount',
      'ticket',
      'tickets',
      'ticket size',
      'transaction size',
      'spend',
      'size',
      'basket',
      'basket size',
    ],
  },
  {
    column: 'fraud_score',
    label: 'fraud score',
    format: 'number',
    digits: 4,
    phrases: ['fraud score', 'fraud scores', 'fraud model score'],
  },
  {
    column: 'aml_risk_score',
    label: 'AML risk score',
    format: 'number',
    digits: 4,
    phrases: ['aml risk score', 'aml score', 'aml risk', 'aml scores', 'aml'],
  },
  {
    column: 'velocity_score',
    label: 'velocity score',
    format: 'number',
    digits: 4,
    phrases: ['velocity score', 'velocity scores', 'velocity'],
  },
  {
    column: 'device_trust_score',
    label: 'device trust score',
    format: 'number',
    digits: 4,
    phrases: ['device trust score', 'device trust', 'trust score', 'device score'],
  },
  {
    column: 'composite_risk_score',
    label: 'composite risk score',
    format: 'number',
    digits: 4,
    phrases: ['composite risk score', 'risk score', 'composite score'],
  },
  { column: 'rule_risk_points', label: 'rule risk points', format: 'number', digits: 2, phrases: ['rule risk points', 'risk points'] },
  {
    column: 'processing_latency_ms',
    label: 'latency',
    format: 'ms',
    digits: 2,
    phrases: ['latency', 'processing latency', 'processing time', 'response time', 'auth latency', 'authorization latency', 'speed'],
  },
  {
    column: 'seconds_since_decline',
    label: 'seconds since the decline',
    format: 'number',
    digits: 2,
    phrases: [
      'seconds since decline',
      'time since decline',
      'wait',
      'waiting time',
      'delay',
      'retry delay',
      'time to retry',
      'seconds between decline and retry',
      'wait in seconds',
      'waited',
      'waiting',
      'waits',
    ],
  },
  {
    column: 'retry_attempt',
    label: 'retry attempt',
    format: 'number',
    digits: 2,
    phrases: ['retry attempt', 'retry attempts', 'attempt number'],
  },
];

/** Layer measures that are one aggregate of a numeric column (so "median" + "average ticket" → the median amount). */
export const MEASURE_COLUMN: Record<string, string> = {
  avg_ticket: 'amount',
  value: 'amount',
  avg_latency: 'processing_latency_ms',
  p95_latency: 'processing_latency_ms',
  avg_fraud_score: 'fraud_score',
};

/** Columns a distinct count can name ("unique merchants" counts merchant ids). */
export const DISTINCT_COLUMN: Record<string, string> = { merchant: 'merchant_id', original_transaction: 'original_transaction_id' };

const AGG_LABEL: Record<string, string> = { avg: 'average', sum: 'total', min: 'minimum', max: 'maximum' };

/** "merchant country" → "merchant countries", "channel" → "channels". */
const plural = (label: string) => (/[^aeiou]y$/.test(label) ? `${label.slice(0, -1)}ies` : /s$/.test(label) ? label : `${label}s`);

const ordinal = (n: number) => (n === 50 ? 'median' : `p${n}`);

/** How a measure adds up, for shares of a total: a count of rows, a sum of amounts, or neither. */
export function measureKind(m: Measure): 'count' | 'sum' | 'other' {
  if (/^count\(\*\)/.test(m.sql)) return 'count';
  if (/^round\(sum\(amount\)\{where\},2\)$/.test(m.sql)) return 'sum';
  return 'other';
}

/**
 * A measure by id: the layer's own (`approval_rate`), or one composed from parts:
 * `avg|sum|min|max:<column>`, `q<NN>:<column>` (percentile), `distinct:<column>`,
 * `rate:<flag>` and `rateval:<dimension>=<value>` (percentage of rows), `share:<measure>` (percent of the total across groups).
 */
export function resolveMeasure(id: string, layer: SemanticLayer): Measure {
  const own = layer.measures.find((m) => m.id === id);
  if (own) return own;
  const [head = '', arg = ''] = id.split(/:(.*)/s);
  const col = NUMERIC_COLUMNS.find((c) => c.column === arg);
  if (col && /^(avg|sum|min|max)$/.test(head)) {
    const inner = `${head}(${col.column}){where}`;
    const sql = head === 'avg' || (head === 'sum' && col.format === 'money') ? `round(${inner},${col.digits})` : inner;
    return { id: `${head}_${col.column}`, label: `${AGG_LABEL[head]} ${col.label}`, sql, format: col.format, phrases: [] };
  }
  // The interquartile range: p75 minus p25.
  if (col && head === 'iqr') {
    const span = (fn: string) => `round(${fn}(${col.column}, 0.75){where} - ${fn}(${col.column}, 0.25){where},${col.digits})`;
    return {
      id: `iqr_${col.column}`,
      label: `interquartile range of ${col.label}`,
      sql: span('quantile_cont'),
      databricksSql: span('percentile'),
      format: col.format,
      phrases: [],
    };
  }
  // q95 is the 95th percentile; three digits are tenths (q999 is the 99.9th).
  const q = /^q(\d{1,3})$/.exec(head);
  if (col && q) {
    const p = (q[1] ?? '').length === 3 ? Number(q[1]) / 10 : Number(q[1]);
    const fraction = Number((p / 100).toFixed(4));
    const sql = `round(quantile_cont(${col.column}, ${fraction}){where},${col.digits})`;
    return {
      id: `${p === 50 ? 'median' : `p${String(p).replace('.', '_')}`}_${col.column}`,
      label: `${ordinal(p)} ${col.label}`,
      sql,
      databricksSql: `round(percentile(${col.column}, ${fraction}){where},${col.digits})`,
      format: col.format,
      phrases: [],
    };
  }
  if (head === 'distinct' && /^[a-z_]+$/.test(arg)) {
    const dim = layer.dimensions.find((d) => d.column === arg || DISTINCT_COLUMN[d.id] === arg);
    const label =
      arg === 'merchant_id' ? 'merchants' : arg === 'original_transaction_id' ? 'original transactions' : plural(dim?.label ?? arg);
    return { id: `distinct_${arg}`, label: `distinct ${label}`, sql: `count(DISTINCT ${arg}){where}`, format: 'count', phrases: [] };
  }
  if (head === 'rate') {
    const flag = layer.flags.find((f) => f.id === arg);
    if (flag)
      return {
        id: `${flag.id}_pct`,
        label: `${flag.label} share`,
        sql: `round(100*avg((${flag.sql})::INT){where},2)`,
        format: 'pct',
        phrases: [],
      };
  }
  if (head === 'rateval') {
    const [dimension = '', value = ''] = arg.split('=');
    const dim = layer.dimensions.find((d) => d.id === dimension);
    if (dim) {
      const sql = `round(100*avg((${dim.column} = ${quoteLiteral(value)})::INT){where},2)`;
      return { id: `${value.toLowerCase().replace(/[^a-z0-9]+/g, '_')}_pct`, label: `${value} share`, sql, format: 'pct', phrases: [] };
    }
  }
  if (head === 'share') {
    const base = resolveMeasure(arg, layer);
    const kind = measureKind(base);
    // "{where}": beside a measure with another filter ("share of TPV": approved and attempted), each share keeps its own rows.
    const sql =
      kind === 'sum'
        ? 'round(100*sum(amount){where}/sum(sum(amount){where}) OVER (),2)'
        : 'round(100*count(*){where}/sum(count(*){where}) OVER (),2)';
    return { id: `pct_of_${base.id}`, label: `share of ${base.label}`, sql, filter: base.filter, format: 'pct', phrases: [] };
  }
  throw new Error(`The semantic layer has no measure "${id}".`);
}

/** The percentage of a measure's rows (or value) that meet `condition`: "what share of approved value is credit". */
export function conditionalShare(base: Measure, condition: string): Measure {
  const sql =
    measureKind(base) === 'sum'
      ? `round(100*sum(amount) FILTER (WHERE ${condition}{and})/sum(amount){where},2)`
      : `round(100*avg((${condition})::INT){where},2)`;
  return { id: `pct_of_${base.id}`, label: `share of ${base.label}`, sql, filter: base.filter, format: 'pct', phrases: [] };
}
