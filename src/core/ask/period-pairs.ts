import { TIME_DIMENSIONS, type ComparedPeriod, type PeriodComparison, type TimeWindow } from './intent';
import { extractPeriods, finishComparison, type PeriodsFound } from './parse-periods';
import type { SemanticLayer } from './semantic-layer';
import { extractTime, NUMBER_WORDS } from './time-phrases';

/**
 * Two named periods compared in one question: "the final week of November versus the first week of November",
 * "today's volume against the same date a month ago", "the last two weeks compared with the two weeks before that",
 * "before vs after November 20". Each side is read as a time window on its own; a side that only makes sense next
 * to the other ("the two weeks before that", "the same days of last month", "second half") is read relative to it.
 */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const SHORT = MONTHS.map((m) => `${m.charAt(0).toUpperCase()}${m.slice(1, 3)}`);
const MONTH = `(${MONTHS.map((m) => `${m}|${m.slice(0, 3)}`).join('|')})`;
const monthNumber = (name: string) => MONTHS.findIndex((x) => x.startsWith(name.slice(0, 3))) + 1;

/** Words that put two periods against each other. "than" only after a comparative ("better or worse than"). */
const CONNECTOR =
  /\b(?:vs|versus|compared? (?:with|to)|comparing (?:with|to)|against|stacks? up against|stacked up against|relative to|next to|(?:(?:better|worse|higher|lower|more|less|bigger|smaller) or )?(?:better|worse|higher|lower|more|less|bigger|smaller) than)\b/g;
/** "before vs after November 20", "before and after Nov 20": the date splits all the data in two (the date itself is after). */
const BEFORE_AFTER = new RegExp(
  `\\b(?:the period )?before (?:vs|versus|and|or|compared (?:with|to)|against) (?:on or )?(?:after|since|from) (?:the )?(?:${MONTH} (\\d{1,2})(?:st|nd|rd|th)?|(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH})\\b(?: on(?:wards?)?)?`,
);
const N = `(\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')})`;
/** "the two weeks before that", "the 7 days prior", "the prior 7", "the previous 30 days", "the week before". */
const BEFORE_THAT = new RegExp(
  `^(?:the |a )?(?:(?:${N} )?(days?|weeks?|months?) (?:before(?: that| it| then)?|prior|earlier|preceding)|(?:previous|prior|preceding|earlier) (?:${N})?(?: ?(days?|weeks?|months?))?)\\b`,
);
/** "the same days of last month", "the same period last month", "the same stretch a month before". */
const SAME_DAYS_LAST_MONTH =
  /^(?:the )?(?:same|equivalent|matching|corresponding) (?:days|period|dates|stretch|window|part)(?: of| in)? (?:the )?(?:last|previous|prior) month\b|^(?:the )?(?:same|equivalent|matching|corresponding) (?:days|period|dates|stretch|window|part) a month (?:before|earlier|ago)\b/;
/** "the same days the previous week", "the same period a week earlier". */
const SAME_DAYS_LAST_WEEK =
  /^(?:the )?(?:same|equivalent|matching|corresponding) (?:days|period|dates|stretch|window|part)(?: of| in)? (?:the )?(?:last|previous|prior) week\b|^(?:the )?(?:same|equivalent|matching|corresponding) (?:days|period|dates|stretch|window|part) (?:a|one) week (?:before|earlier|ago)\b/;
/** "second half", "the first week" said without a month take the other side's month. */
const PART_OF_MONTH = /\b(?:first|1st|second|2nd|third|3rd|fourth|4th|final|last|closing) (?:half|week)\b(?! (?:of|in) )/;

const BOTH_PARTS = new RegExp(
  `\\b(first|1st|second|2nd|third|3rd|last|final) (?:and|vs|versus|or) (?:the )?(second|2nd|third|3rd|fourth|4th|last|final|first|1st) (half|week) ((?:of|in) ${MONTH})\\b`,
);
const COMPARATIVE = /\b(more|less|fewer|higher|lower|better|worse|bigger|smaller|greater|larger|faster|slower)\b/;

const toNumber = (s: string | undefined, fallback: number) => (s ? (NUMBER_WORDS[s] ?? Number(s)) : fallback);
const cut = (text: string, from: number, length: number) =>
  `${text.slice(0, from)} ${text.slice(from + length)}`.replace(/\s+/g, ' ').trim();

/** The days back from the newest event a window covers, first and last, when it is a run of whole days ending at a known day. */
function daysBack(t: TimeWindow): [number, number] | undefined {
  if (t.kind === 'days') return [(t.n ?? 1) - 1, 0];
  if (t.kind === 'yesterday') return [1, 1];
  if (t.kind === 'day_back') return [t.back, t.back];
  if (t.kind === 'day_span') return [t.from, t.to];
  return undefined;
}

/** Whether a window is one day. */
export function isOneDay(t: TimeWindow): boolean {
  const back = daysBack(t);
  if (back) return back[0] === back[1];
  return (t.kind === 'in_month' && t.day !== undefined) || (t.kind === 'month_back' && !t.mtd) || (t.kind === 'range' && t.from === t.to);
}

/** The month a window lies in, when it is one month or part of one. */
function monthOf(t: TimeWindow): number | undefined {
  if (t.kind === 'in_month') return t.month;
  if (t.kind === 'md_range' && t.from[0] === t.to[0]) return t.from[0];
  return undefined;
}

/** A short label for a period's row or column: "Nov 1-15", "November", "Nov 27", "today", "the 14 days before". */
export function shortLabel(t: TimeWindow): string {
  const month = (m: number) => SHORT[m - 1] ?? String(m);
  switch (t.kind) {
    case 'in_month':
      return t.day ? `${month(t.month)} ${t.day}` : (MONTHS[t.month - 1] ?? '').replace(/^./, (c) => c.toUpperCase());
    case 'md_range': {
      const last = Math.min(t.to[1], new Date(Date.UTC(2001, t.to[0], 0)).getUTCDate());
      if (t.from[0] === t.to[0]) return `${month(t.from[0])} ${t.from[1]}-${last}`;
      return `${month(t.from[0])} ${t.from[1]} - ${month(t.to[0])} ${last}`;
    }
    case 'since_md':
      return `from ${month(t.month)} ${t.day}`;
    case 'until_md':
      return `${t.inclusive ? 'up to' : 'before'} ${month(t.month)} ${t.day}`;
    case 'days':
      return (t.n ?? 1) <= 1 ? 'today' : `the last ${t.n} days`;
    case 'day_span':
      return t.label;
    default:
      return t.label;
  }
}

/** The window before `base` of `length` days ("the two weeks before that"), or before it by one calendar month. */
function before(base: TimeWindow, length: number | undefined, unit: string): TimeWindow | undefined {
  if (/month/.test(unit) && base.kind === 'this_month') return { kind: 'last_month', label: 'last month' };
  const back = daysBack(base);
  if (!back) return undefined;
  const n = length ?? back[0] - back[1] + 1;
  const from = back[0] + n;
  return { kind: 'day_span', from, to: back[0] + 1, label: n === 1 ? 'the day before' : `the ${n} days before` };
}

/** A follow-up that only names the window before the previous one: "and for the 7 days before that?", "what about the prior week". */
const ONLY_BEFORE = /^(?:and |what about |how about |then |now |same (?:but )?for |same thing for )?(?:for |in |over |during )?/;

/** The window before the previous question's, when the follow-up says nothing else; undefined otherwise. */
export function windowBefore(question: string, previous: TimeWindow | undefined): TimeWindow | undefined {
  if (!previous) return undefined;
  const text = question
    .toLowerCase()
    .replace(/[?.!]+\s*$/, '')
    .trim()
    .replace(ONLY_BEFORE, '');
  const m = BEFORE_THAT.exec(text);
  if (!m || text.slice(m[0].length).trim() !== '') return undefined;
  return relativeTo(text, previous)?.time;
}

/** A side that only makes sense next to the other one, read relative to it. */
function relativeTo(side: string, other: TimeWindow): { time: TimeWindow; rest: string } | undefined {
  const m = BEFORE_THAT.exec(side);
  if (m) {
    const n = m[1] ?? m[3];
    const unit = m[2] ?? m[4] ?? 'days';
    const length = n ? toNumber(n, 1) * (/week/.test(unit) ? 7 : 1) : /week/.test(unit) && !n && !m[3] ? 7 : undefined;
    const time = before(other, /month/.test(unit) ? undefined : length, unit);
    return time ? { time, rest: cut(side, m.index, m[0].length) } : undefined;
  }
  const same = SAME_DAYS_LAST_MONTH.exec(side);
  if (same && other.kind === 'this_month')
    return {
      time: { kind: 'month_back', months: 1, mtd: true, label: 'the same days of last month' },
      rest: cut(side, same.index, same[0].length),
    };
  const week = SAME_DAYS_LAST_WEEK.exec(side);
  const back = week && daysBack(other);
  const rest = week ? cut(side, week.index, week[0].length) : side;
  if (week && other.kind === 'since_weekday')
    return { time: { ...other, weeksBack: (other.weeksBack ?? 0) + 1, label: 'the same days a week before' }, rest };
  if (week && back) return { time: { kind: 'day_span', from: back[0] + 7, to: back[1] + 7, label: 'the same days a week before' }, rest };
  return undefined;
}

/** One side read on its own: its window and the words left. */
function sideTime(side: string, layer: SemanticLayer): { time?: TimeWindow; rest: string } {
  // A month said alone on its side ("vs Oct") is that month.
  const found = extractTime(side.replace(new RegExp(`^(?:the month of )?${MONTH}(?: s)?$`), 'in $1'), layer);
  if (!found.time || found.grain || found.time.kind === 'all') return { rest: side };
  return { time: found.time, rest: found.rest };
}

/** "the same date a month ago" after "yesterday" is a month before yesterday; "the same day last week" a week before it. */
function sameDayOf(time: TimeWindow, other: TimeWindow, side: string): TimeWindow {
  if (!/\bsame (?:day|date)\b/.test(side)) return time;
  const back = daysBack(other);
  if (!back || back[0] !== back[1] || back[0] === 0) return time;
  if (time.kind === 'month_back') return { ...time, back: back[0] };
  if (time.kind === 'day_back') return { ...time, back: time.back + back[0] };
  return time;
}

/** Ends of a window in a comparable form (month * 100 + day, or days back negated), to tell which period is later. */
function order(t: TimeWindow): number {
  const back = daysBack(t);
  if (back) return 10_000 - back[1];
  switch (t.kind) {
    case 'in_month':
      return t.month * 100 + (t.day ?? 31) - 2_000;
    case 'md_range':
      return t.to[0] * 100 + t.to[1] - 2_000;
    case 'since_md':
    case 'this_month':
    case 'this_week':
      return 10_000;
    case 'until_md':
      return t.month * 100 + t.day - 2_000;
    case 'prev_week':
      return 8_000;
    case 'since_weekday':
      return 10_000 - 7 * (t.weeksBack ?? 0);
    case 'month_back':
      return t.mtd ? 5_000 : 9_000 - (t.back ?? 0);
    case 'last_month':
      return 5_000;
    default:
      return 0;
  }
}

/** Two whole months compared ("November vs October"): the window from the first of the earlier to the end of the later. */
export function monthsCompared(c: PeriodComparison): TimeWindow | undefined {
  const [a, b] = c.periods ?? [];
  if (a?.time.kind !== 'in_month' || b?.time.kind !== 'in_month' || a.time.day || b.time.day || a.time.month === b.time.month)
    return undefined;
  const [from, to] = [a.time.month, b.time.month].sort((x, y) => x - y) as [number, number];
  return { kind: 'md_range', from: [from, 1], to: [to, 31], label: `${MONTHS[from - 1]} to ${MONTHS[to - 1]}` };
}

/**
 * Two whole months one row each ("November's approval rate vs October's") are a monthly series of the two (groups
 * `month` is added to); next to a breakdown, two named periods are one column each.
 */
export function shapeComparison(
  compare: PeriodComparison | undefined,
  time: TimeWindow | undefined,
  groupBy: string[],
): { compare?: PeriodComparison; time?: TimeWindow } {
  const months = compare?.output === 'split' ? monthsCompared(compare) : undefined;
  const broken = groupBy.some((g) => !TIME_DIMENSIONS.has(g));
  if (months && !broken) {
    if (!groupBy.includes('month')) groupBy.push('month');
    return { time: months };
  }
  if (compare?.periods && compare.output === 'split' && broken) return { compare: { ...compare, output: 'columns' }, time };
  return { compare, time };
}

/**
 * The periods of a question: two named ones ("MoM, November vs October") over a generic pair ("this month vs last"),
 * else the generic pair or series ("month over month"), and the time window the rest names.
 */
export function readPeriods(text: string, layer: SemanticLayer): { periods: PeriodsFound; named: ReturnType<typeof extractTime> } {
  // "the same weekday a week earlier", "the same day of the week last week": the same day.
  const generic = extractPeriods(text.replace(/\bsame (?:weekday|day of (?:the )?week)\b/g, 'same day'));
  const pair = extractPeriodPair(generic.rest, layer);
  // "MoM from October to November": the months named are the periods, one row each; "MoM" only says they go by month.
  const span = !pair && generic.compare?.unit === 'month' && !generic.compare.periods ? extractTime(generic.rest, layer) : undefined;
  if (span?.time?.kind === 'md_range' && span.time.from[1] === 1 && span.time.to[1] === 31 && span.time.from[0] < span.time.to[0])
    return { periods: { grain: 'month', rest: generic.rest }, named: span };
  const periods = pair ? finishComparison(pair.compare, pair.rest) : generic;
  return { periods, named: pair ? { rest: periods.rest } : extractTime(periods.rest, layer) };
}

export interface PeriodPair {
  compare: PeriodComparison;
  rest: string;
}

const period = (time: TimeWindow): ComparedPeriod => ({ time, label: shortLabel(time) });

/** Finds two named periods put against each other; the later one first. Undefined when the question names fewer. */
export function extractPeriodPair(question: string, layer: SemanticLayer): PeriodPair | undefined {
  // "the first and the second half of November": each part is of the month said once.
  const text = question.replace(
    BOTH_PARTS,
    (_, a: string, b: string, part: string, of: string) => `${a} ${part} ${of} and ${b} ${part} ${of}`,
  );
  const split = BEFORE_AFTER.exec(text);
  if (split) {
    const month = monthNumber(split[1] ?? split[4] ?? '');
    const day = Number(split[2] ?? split[3]);
    const name = `${MONTHS[month - 1]} ${day}`;
    const after: TimeWindow = { kind: 'since_md', month, day, label: `from ${name} on` };
    const prior: TimeWindow = { kind: 'until_md', month, day, label: `before ${name}` };
    return {
      compare: { unit: 'month', output: 'split', periods: [period(after), period(prior)] },
      rest: cut(text, split.index, split[0].length),
    };
  }
  // "from October to November": "to" puts the two against each other, the earlier first.
  // Without a word of change, "from October to November" is one range ("daily volume from October to November").
  const moved =
    /\b(chang|grow|grew|growth|rise|rose|risen|fell|fall|drop|decreas|increas|move|moved|shift|differ|compar|went|gone|jump|swing|swung)\w*/;
  const fromTo = moved.test(text) ? [...text.matchAll(/\bto\b/g)].filter((m) => /\bfrom\b/.test(text.slice(0, m.index))) : [];
  // "between the first and the second half", "October and November side by side": "and" joins two periods compared.
  const joined =
    /\b(side by side|compare|compared|comparing|comparison|difference|differ)\b/.test(text) ||
    (/\bbetween\b/.test(text) && moved.test(text))
      ? [...text.matchAll(/\band\b/g)]
      : [];
  // "more declines on Cyber Monday than on Black Friday": "than" after a comparative.
  const than = [...text.matchAll(/\bthan\b/g)].filter((m) => COMPARATIVE.test(text.slice(0, m.index)));
  for (const c of [...text.matchAll(CONNECTOR), ...fromTo, ...joined, ...than]) {
    const at = c.index ?? 0;
    const opener = c[0] === 'to' ? 'from ' : c[0] === 'and' ? 'between ' : '';
    const from = opener ? text.slice(0, at).lastIndexOf(opener) : -1;
    let left = (from >= 0 ? `${text.slice(0, from)} ${text.slice(from + opener.length, at)}` : text.slice(0, at)).trim();
    let right = text.slice(at + c[0].length).trim();
    // "first half of November vs second half": the part said alone is of the other side's month.
    const leftFirst = sideTime(left, layer);
    const rightFirst = sideTime(right, layer);
    const lm = leftFirst.time && monthOf(leftFirst.time);
    const rm = rightFirst.time && monthOf(rightFirst.time);
    if (lm && PART_OF_MONTH.test(right)) right = right.replace(PART_OF_MONTH, (w) => `${w} of ${MONTHS[lm - 1]}`);
    if (rm && PART_OF_MONTH.test(left)) left = left.replace(PART_OF_MONTH, (w) => `${w} of ${MONTHS[rm - 1]}`);
    const a = sideTime(left, layer);
    if (!a.time) continue;
    const relative = relativeTo(right, a.time);
    const b = relative ?? sideTime(right, layer);
    if (!b.time) continue;
    const bTime = relative ? b.time : sameDayOf(b.time, a.time, right);
    const pair: [ComparedPeriod, ComparedPeriod] =
      order(bTime) > order(a.time) ? [period(bTime), period(a.time)] : [period(a.time), period(bTime)];
    if (pair[0].label === pair[1].label) pair[1] = { ...pair[1], label: `${pair[1].label} (earlier)` };
    const rest = `${a.rest} ${b.rest}`.replace(/\s+/g, ' ').trim();
    const unit = isOneDay(a.time) && isOneDay(bTime) ? 'day' : 'month';
    return { compare: { unit, output: 'split', periods: pair }, rest };
  }
  return undefined;
}
