import type { NumericFilter } from './intent';
import { NUMERIC_COLUMNS } from './measures';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const COLUMN_WORDS = NUMERIC_COLUMNS.flatMap((c) => c.phrases.map((p) => ({ p, column: c.column }))).sort(
  (a, b) => b.p.length - a.p.length,
);
const COLS = COLUMN_WORDS.map((c) => esc(c.p)).join('|');

const GT =
  'over|above|more than|greater than|higher than|bigger than|larger than|exceeding|exceeds|exceeded|exceed|in excess of|slower than|longer than|past';
const GE = 'at least|minimum of|no less than|not less than';
const LT = 'under|below|less than|lower than|smaller than|faster than|shorter than|cheaper than';
const LE = 'at most|no more than|not more than|maximum of|up to|within';
const POST = 'or more|or higher|or above|or greater|or longer|and above|and up|or less|or lower|or below|or fewer|and below|and under';
/** The words of the comparisons above: known words, so a typo fix never turns "less" into "lets". */
export const COMPARISON_TERMS = [...new Set([GT, GE, LT, LE, POST].join('|').split(/[| ]/))];
const NUM = '(\\d+(?:\\.\\d+)?|(?:an?|one)(?= (?:hour|minute)))';
const UNIT = '(ms|dollars?|usd|bucks|hours?|minutes?|mins?|points?|seconds?)';
const VOLUME = '(?:transactions|payments|attempts|txns)';

/** A minimum number of transactions per group: "with at least 1000 transactions" (a ranking's volume floor, not a filter). */
const MIN_VOLUME = new RegExp(
  `\\b(?:with |having |that have |counting only \\w+ with )?(?:${GE}|more than|over|min|minimum)\\s+(\\d+)\\s+${VOLUME}\\b|\\b(\\d+)\\s+${VOLUME}\\s+(?:or more|minimum)\\b|\\b(?:with |having |that have )(\\d+) (?:or more|and up|and above) ${VOLUME}\\b`,
);

/** "after the decline", "following the original decline": the number is the wait since the decline. */
const DECLINE_TAIL =
  '(\\s+(?:after|since|following|of) (?:the |a |its |their )?(?:original |first |previous )?(?:decline|declined (?:attempt|payment|transaction)))?';
const COMPARE = new RegExp(
  `\\b(?:(${COLS})\\s+(?:is\\s+|was\\s+|of\\s+|were\\s+)?)?(${GT}|${GE}|${LT}|${LE})\\s+${NUM}(?:\\s*${UNIT})?(?:\\s+(${POST}))?${DECLINE_TAIL}`,
);
const BETWEEN = new RegExp(
  `\\b(?:(${COLS})\\s+(?:is\\s+|of\\s+)?)?(?:between|from)\\s+(\\d+(?:\\.\\d+)?)\\s*${UNIT}?\\s+(?:and|to|-)\\s+(\\d+(?:\\.\\d+)?)\\s*${UNIT}?${DECLINE_TAIL}`,
);
const POSTFIX = new RegExp(`\\b(${COLS})\\s+(?:of\\s+|is\\s+)?(\\d+(?:\\.\\d+)?)(?:\\s+(${POST}))?\\b`);

export interface NumbersFound {
  filters: NumericFilter[];
  minVolume?: number;
  /** Thresholds the parser cannot place ("below 87%" of a rate per group): the question is refused, never answered without them. */
  unplaced: string[];
  /** The same thresholds as comparisons, for a rate per group ("days with approval rate below 87%"). */
  rateThresholds: { op: '>' | '>=' | '<' | '<='; value: number }[];
  rest: string;
}

const cut = (text: string, m: RegExpExecArray) =>
  `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim();
const toNumber = (s: string) => (/^(an|a|one)$/.test(s) ? 1 : Number(s));

/** Which column a number is about: the column named before it, else its unit, else the amount. */
function columnFor(named: string | undefined, unit: string | undefined, context: string, value: number): string {
  if (named) return COLUMN_WORDS.find((c) => c.p === named)?.column ?? 'amount';
  if (context || /^(hour|minute|min|second)/.test(unit ?? '')) return 'seconds_since_decline';
  if (unit === 'ms') return 'processing_latency_ms';
  if (unit === 'point' || unit === 'points') return 'rule_risk_points';
  return value >= 0 ? 'amount' : 'amount';
}

function scaled(column: string, value: number, unit: string | undefined): number {
  if (column !== 'seconds_since_decline') return value;
  if (unit === 'ms') return value / 1000;
  if (unit?.startsWith('hour')) return value * 3600;
  if (unit?.startsWith('min')) return value * 60;
  return value;
}

function opFor(word: string, post: string | undefined): NumericFilter['op'] {
  if (post) return /more|higher|above|greater|longer|up/.test(post) ? '>=' : '<=';
  if (new RegExp(`^(?:${GT})$`).test(word)) return '>';
  if (new RegExp(`^(?:${GE})$`).test(word)) return '>=';
  if (new RegExp(`^(?:${LT})$`).test(word)) return '<';
  return '<=';
}

/** Finds numeric conditions ("over 500", "fraud score above 0.8", "slower than 400 ms", "retry attempt 2 or more") and a volume floor. */
export function extractNumbers(text: string): NumbersFound {
  let rest = text;
  const filters: NumericFilter[] = [];
  const unplaced: string[] = [];
  const rateThresholds: NumbersFound['rateThresholds'] = [];
  let minVolume: number | undefined;
  let m = MIN_VOLUME.exec(rest);
  if (m) {
    minVolume = Number(m[1] ?? m[2] ?? m[3]);
    rest = cut(rest, m);
  }
  for (let guard = 0; guard < 4 && (m = BETWEEN.exec(rest)); guard++) {
    const column = columnFor(m[1], m[3] ?? m[5], m[6] ?? '', Number(m[2]));
    filters.push({
      kind: 'number',
      column,
      op: 'between',
      value: scaled(column, Number(m[2]), m[3] ?? m[5]),
      to: scaled(column, Number(m[4]), m[5] ?? m[3]),
    });
    rest = cut(rest, m);
  }
  for (let guard = 0; guard < 4 && (m = COMPARE.exec(rest)); guard++) {
    // "below 87%" with no column named is a rate's threshold, never an amount: the parser says it cannot place it.
    const after = /^\s*percent\b/.exec(rest.slice(m.index + m[0].length));
    if (!m[1] && !m[4] && after) {
      unplaced.push(`${m[2]} ${m[3]} percent`);
      const op = opFor(m[2] ?? '', m[5]);
      if (op !== '=' && op !== 'between') rateThresholds.push({ op, value: toNumber(m[3] ?? '0') });
      rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length + after[0].length)}`.replace(/\s+/g, ' ').trim();
      continue;
    }
    const value = toNumber(m[3] ?? '0');
    const column = columnFor(m[1], m[4], m[6] ?? '', value);
    filters.push({ kind: 'number', column, op: opFor(m[2] ?? '', m[5]), value: scaled(column, value, m[4]) });
    rest = cut(rest, m);
  }
  for (let guard = 0; guard < 4 && (m = POSTFIX.exec(rest)); guard++) {
    const column = columnFor(m[1], undefined, '', Number(m[2]));
    if (column !== 'retry_attempt' && !m[3]) break;
    filters.push({ kind: 'number', column, op: m[3] ? opFor('', m[3]) : '=', value: Number(m[2]) });
    rest = cut(rest, m);
  }
  return { filters, minVolume, unplaced, rateThresholds, rest };
}
