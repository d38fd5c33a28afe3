import { nthWeekdayDay, type NthWeekday, type TimeWindow } from './intent';
import type { SemanticLayer } from './semantic-layer';

/** Number words in time phrases ("the last two weeks", "the prior thirty days"). */
export const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  ninety: 90,
};

const N = `(\\d+|${Object.keys(NUMBER_WORDS).join('|')})`;
const RELATIVE = new RegExp(
  `\\b(?:in |over |during |for )?(?:the )?(?:last|past|previous|recent|trailing|rolling) ${N} (day|days|hour|hours|week|weeks|month|months)\\b`,
);
/** "the past fortnight", "last 2 fortnights": a fortnight is 14 days. */
const FORTNIGHT = new RegExp(
  `\\b(?:in |over |during |for )?(?:the )?(?:(?:last|past|previous|recent|trailing|rolling) (?:${N} )?)?fortnights?\\b`,
);
/** "the most recent week", "the latest day": the newest days of the data, not a ranking ("most"). */
const LATEST = /\b(?:in |for |during |over |on )?(?:the )?(?:most recent|latest|newest) (day|week)\b/;
const DATE = '(\\d{4}-\\d{2}-\\d{2})';
const BETWEEN = new RegExp(`\\b(?:between|from) ${DATE} (?:and|to|until) ${DATE}\\b`);
const SINCE = new RegExp(`\\bsince ${DATE}\\b`);
const ON = new RegExp(`\\b(?:on )?${DATE}\\b`);
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = `(${MONTHS.map((m) => `${m}|${m.slice(0, 3)}`).join('|')})`;
const SINCE_MD = new RegExp(
  `\\b(?:since|from|after|starting(?: on| from)?) (?:the )?(?:${MONTH} (\\d{1,2})(?:st|nd|rd|th)?|(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH})\\b(?: on(?:wards?)?| and later| or later)?`,
);
/** "before Nov 20" (the 20th excluded), "until Nov 20", "up to and including Nov 20" (included). */
const UNTIL_MD = new RegExp(
  `\\b(before|prior to|until|till|up to(?: and including)?|through) (?:the )?(?:${MONTH} (\\d{1,2})(?:st|nd|rd|th)?|(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH})\\b`,
);
/** Named days: a fixed date, or a rule over the newest event's year; an explicit date said next to the name is the same day. */
const NAMED_DAYS: [RegExp, number, number | NthWeekday][] = [
  [/\bblack friday\b/, 11, { weekday: 4, n: 4, plus: 1 }],
  [/\bcyber monday\b/, 11, { weekday: 4, n: 4, plus: 4 }],
  [/\bthanksgiving(?: day)?\b/, 11, { weekday: 4, n: 4, plus: 0 }],
  [/\bchristmas eve\b/, 12, 24],
  [/\b(?:christmas|xmas)(?: day)?\b/, 12, 25],
  [/\bnew year s eve\b/, 12, 31],
  [/\bhalloween\b/, 10, 31],
  [/\bsingles day\b/, 11, 11],
];
/** Words only the named days use (known words for typo correction). */
export const NAMED_DAY_WORDS = ['black', 'friday', 'cyber', 'monday', 'thanksgiving', 'christmas', 'xmas', 'eve', 'halloween', 'singles'];
/** "since Oct", "from the start of November": from the first of that month. */
const SINCE_MONTH = new RegExp(`\\b(?:since|from|starting(?: in)?) (?:the (?:start|beginning) of )?${MONTH}\\b(?! \\d)(?: on(?:wards?)?)?`);

/** "from October to November", "between Oct and Nov", "October through November": whole months, the first to the last. */
const MONTH_RANGE = new RegExp(
  `\\b(?:(?:from|between) (?:the (?:start|beginning) of )?${MONTH} (?:to|through|thru|until|till|and)|${MONTH} (?:through|thru|until|till)) (?:the end of )?${MONTH}\\b(?! \\d)`,
);
const ON_MD = new RegExp(`\\b(?:on |for )?(?:the )?(?:${MONTH} (\\d{1,2})(?:st|nd|rd|th)?|(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH})\\b`);
/** "between Oct 15 and Oct 31", "from November 3 to 9", "Nov 1-15" (in the newest event's year). */
const BETWEEN_MD = new RegExp(
  `\\b(?:between |from )?(?:the )?${MONTH} (\\d{1,2})(?:st|nd|rd|th)? (?:and|to|until|through|-) (?:${MONTH} )?(\\d{1,2})(?:st|nd|rd|th)?\\b`,
);
const IN_MONTH = new RegExp(
  `\\b(?:in|during|for|over|of|through|throughout|across|within) (?:the month of |all of |the whole of )?${MONTH}\\b`,
);
/** "November's approval rate", "approval rate November": a month in the possessive, or a full month name alone, is that month. */
const MONTH_POSSESSIVE = new RegExp(`\\b(?:${MONTH} s|(${MONTHS.filter((x) => x !== 'may').join('|')}))\\b`);
/** "November's rate vs October's", "approval rate in Nov compared with Oct": two months apart, compared. */
const MONTH_PAIR_APART = new RegExp(
  `\\b${MONTH}(?: s)?\\b.*\\b(?:vs|versus|compared? (?:with|to)|against|than|and)\\b.*\\b${MONTH}(?: s)?\\b`,
);
/** "3 days ago", "a week ago", "two weeks ago": that one day. */
const AGO = new RegExp(
  `\\b(?:on |for )?(?:the same (?:day|date) )?(?:(a|an|one|${N.slice(1, -1)}) (day|days|week|weeks|month|months) ago|(?:last|the previous|the prior) (month|week))\\b`,
);
const WEEK_TO_DATE =
  /\b(?:(?:in |for |during )?this (?:calendar )?week so far|so far this week|(?:the )?week to date|this calendar week|since the (?:start|beginning) of (?:this|the) week)\b/;
const FULL_LAST_WEEK =
  /\b(?:(?:in |for |during |over )?(?:all of|the whole of|the whole|the entire|the full|all) last week|(?:the )?last (?:full|whole|complete|calendar) week|(?:the )?previous (?:full|calendar) week)\b/;
/** "the last week of November", "final week of Oct": its last seven days. */
const LAST_WEEK_OF_MONTH = new RegExp(`\\b(?:in |during |for |over )?(?:the )?(?:last|final|closing) week (?:of|in) ${MONTH}\\b`);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** "since Monday", "since last Thursday", "from Tuesday on": from the latest such day up to the newest event. */
const SINCE_WEEKDAY = new RegExp(
  `\\b(?:since|from|starting) (?:last |this |the )?(${WEEKDAYS.map((d) => `${d}|${d.slice(0, 3)}`).join('|')})(?: on| onwards?| until now)?\\b`,
);
const ORDINAL_PART: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 };
/** "the first week of November", "2nd week of Oct": days 1–7, 8–14, 15–21, 22–28 of that month. */
const WEEK_OF_MONTH = new RegExp(
  `\\b(?:in |during |for |over )?(?:the )?(first|1st|second|2nd|third|3rd|fourth|4th) week (?:of|in) ${MONTH}\\b`,
);
/** "the first half of November", "second half of Oct": days 1–15 and 16 to the month's end. */
const HALF_OF_MONTH = new RegExp(`\\b(?:in |during |for |over )?(?:the )?(first|1st|second|2nd) half (?:of|in) ${MONTH}\\b`);
/** "October vs November", "Oct compared with Nov": both months, one row each. */
const MONTH_PAIR = new RegExp(`\\b(?:in )?${MONTH} (?:vs|versus|compared (?:with|to)|against) ${MONTH}\\b`);
const monthNumber = (name: string) => MONTHS.findIndex((x) => x.startsWith(name.slice(0, 3))) + 1;

const toNumber = (s: string): number => NUMBER_WORDS[s] ?? Number(s);

/** Month names and their three-letter forms (known words for typo correction). */
export const MONTH_WORDS = MONTHS.flatMap((m) => [m, m.slice(0, 3)]);

/** The words of the time phrases above that no layer phrase holds (known words for typo correction: "closing" is not "coming"). */
export const TIME_PHRASE_WORDS = [
  ...['final', 'closing', 'ago', 'fortnight', 'fortnights', 'across', 'throughout', 'half', 'onwards', 'onward', 'prior', 'until'],
  ...['weeks', 'days', 'including', 'inclusive', 'start', 'beginning', 'end', 'weekday', 'earlier'],
  // A series' own order ("newest month first", "in reverse chronological order").
  ...['oldest', 'newest', 'earliest', 'latest', 'recent', 'chronological', 'chronologically', 'reverse'],
  // Words of a change between two periods ("how many points did it move").
  ...['move', 'moved', 'moves', 'shift', 'shifted', 'delta'],
  // "the last three weeks": a number word is not a typo of "there".
  ...Object.keys(NUMBER_WORDS),
];

/** Finds one time phrase in normalised text; returns it and the text without it. */

export function extractTime(text: string, layer: SemanticLayer): { time?: TimeWindow; grain?: string; rest: string } {
  let m = MONTH_PAIR.exec(text);
  if (m) {
    const [a, b] = [monthNumber(m[1] ?? ''), monthNumber(m[2] ?? '')].sort((x, y) => x - y) as [number, number];
    if (a !== b)
      return {
        time: { kind: 'md_range', from: [a, 1], to: [b, 31], label: `${MONTHS[a - 1]} to ${MONTHS[b - 1]}` },
        grain: 'month',
        rest: cut(text, m),
      };
  }
  const apart = MONTH_PAIR_APART.exec(text);
  if (apart && monthNumber(apart[1] ?? '') !== monthNumber(apart[2] ?? '')) {
    const [a, b] = [monthNumber(apart[1] ?? ''), monthNumber(apart[2] ?? '')].sort((x, y) => x - y) as [number, number];
    const rest = text
      .replace(new RegExp(`\\b(?:in |for |during |across )?${MONTH}(?: s)?\\b`, 'g'), ' ')
      .replace(/\s+/g, ' ')
      .trim();
    return { time: { kind: 'md_range', from: [a, 1], to: [b, 31], label: `${MONTHS[a - 1]} to ${MONTHS[b - 1]}` }, grain: 'month', rest };
  }
  m = LAST_WEEK_OF_MONTH.exec(text);
  if (m) {
    const month = monthNumber(m[1] ?? '');
    const end = DAYS_IN_MONTH[month - 1] ?? 30;
    return {
      time: { kind: 'md_range', from: [month, end - 6], to: [month, end], label: `the last week of ${MONTHS[month - 1]}` },
      rest: cut(text, m),
    };
  }
  // "this week so far", "week to date": the calendar week up to the newest event; "all of last week": the one before it.
  m = WEEK_TO_DATE.exec(text);
  if (m) return { time: { kind: 'this_week', label: 'this week so far' }, rest: cut(text, m) };
  m = FULL_LAST_WEEK.exec(text);
  if (m) return { time: { kind: 'prev_week', label: 'last calendar week' }, rest: cut(text, m) };
  m = AGO.exec(text);
  // "the same day last month" is one day; "last month" alone is the month.
  if (m && (m[1] || /^(?:on |for )?the same/.test(m[0]))) {
    const n = /^(a|an)$/.test(m[1] ?? '') ? 1 : toNumber(m[1] ?? '1');
    const unit = m[2] ?? m[3] ?? 'day';
    if (/month/.test(unit))
      return {
        time: { kind: 'month_back', months: n, label: n === 1 ? 'the same date a month before' : `the same date ${n} months before` },
        rest: cut(text, m),
      };
    const back = /week/.test(unit) ? 7 * n : n;
    return { time: { kind: 'day_back', back, label: `${back} days before the newest day` }, rest: cut(text, m) };
  }
  m = WEEK_OF_MONTH.exec(text) ?? HALF_OF_MONTH.exec(text);
  if (m) {
    const month = monthNumber(m[2] ?? '');
    const part = ORDINAL_PART[m[1] ?? ''] ?? 1;
    const half = / half /.test(m[0]);
    const [from, to] = half ? (part === 1 ? [1, 15] : [16, 31]) : [7 * part - 6, 7 * part];
    const what = half ? `${part === 1 ? 'first' : 'second'} half` : `week ${part}`;
    return {
      time: { kind: 'md_range', from: [month, from], to: [month, to], label: `${what} of ${MONTHS[month - 1]}` },
      rest: cut(text, m),
    };
  }
  m = SINCE_WEEKDAY.exec(text);
  if (m) {
    const weekday = WEEKDAYS.findIndex((d) => d.startsWith(m?.[1] ?? '')) + 1;
    return { time: { kind: 'since_weekday', weekday, label: `since ${WEEKDAYS[weekday - 1]}` }, rest: cut(text, m) };
  }
  m = BETWEEN.exec(text);
  if (m) return { time: { kind: 'range', from: m[1] ?? '', to: m[2] ?? '', label: `${m[1]} to ${m[2]}` }, rest: cut(text, m) };
  m = BETWEEN_MD.exec(text);
  if (m) {
    const fromMonth = monthNumber(m[1] ?? '');
    const toMonth = m[3] ? monthNumber(m[3]) : fromMonth;
    const [fromDay, toDay] = [Number(m[2]), Number(m[4])];
    if (fromDay >= 1 && fromDay <= 31 && toDay >= 1 && toDay <= 31)
      return {
        time: {
          kind: 'md_range',
          from: [fromMonth, fromDay],
          to: [toMonth, toDay],
          label: `${MONTHS[fromMonth - 1]} ${fromDay} to ${MONTHS[toMonth - 1]} ${toDay}`,
        },
        rest: cut(text, m),
      };
  }
  m = SINCE.exec(text);
  if (m) return { time: { kind: 'range', from: m[1] ?? '', to: '', label: `since ${m[1]}` }, rest: cut(text, m) };
  m = UNTIL_MD.exec(text);
  if (m) {
    const month = monthNumber(m[2] ?? m[5] ?? '');
    const day = Number(m[3] ?? m[4]);
    const inclusive = !/^(before|prior to)$/.test(m[1] ?? '');
    if (day >= 1 && day <= 31)
      return {
        time: { kind: 'until_md', month, day, inclusive, label: `${inclusive ? 'up to' : 'before'} ${MONTHS[month - 1]} ${day}` },
        rest: cut(text, m),
      };
  }
  m = SINCE_MD.exec(text);
  if (m) {
    const name = m[1] ?? m[4] ?? '';
    const month = MONTHS.findIndex((x) => x.startsWith(name.slice(0, 3))) + 1;
    const day = Number(m[2] ?? m[3]);
    return { time: { kind: 'since_md', month, day, label: `since ${MONTHS[month - 1]} ${day}` }, rest: cut(text, m) };
  }
  m = MONTH_RANGE.exec(text);
  if (m) {
    const [a, b] = [monthNumber(m[1] ?? m[2] ?? ''), monthNumber(m[3] ?? '')];
    if (a < b)
      return { time: { kind: 'md_range', from: [a, 1], to: [b, 31], label: `${MONTHS[a - 1]} to ${MONTHS[b - 1]}` }, rest: cut(text, m) };
  }
  m = SINCE_MONTH.exec(text);
  if (m) {
    const month = monthNumber(m[1] ?? '');
    return { time: { kind: 'since_md', month, day: 1, label: `since ${MONTHS[month - 1]} 1` }, rest: cut(text, m) };
  }
  for (const [re, month, day] of NAMED_DAYS) {
    const named = re.exec(text);
    if (!named) continue;
    // "Black Friday, November 27": the date said with the name is the same day, read once.
    const after = cut(text, named);
    const said = ON_MD.exec(after);
    if (said) {
      const [m2, d2] = [monthNumber(said[1] ?? said[4] ?? ''), Number(said[2] ?? said[3])];
      return { time: { kind: 'in_month', month: m2, day: d2, label: `on ${named[0]}` }, rest: cut(after, said) };
    }
    // A rule's day is found again in the newest event's year when the SQL is written (this year's is a first guess).
    const rule = typeof day === 'number' ? undefined : day;
    const d = rule ? nthWeekdayDay(month, rule, new Date().getUTCFullYear()) : (day as number);
    return { time: { kind: 'in_month', month, day: d, label: `on ${named[0]}`, ...(rule ? { nth: rule } : {}) }, rest: after };
  }
  m = ON_MD.exec(text);
  if (m) {
    const month = monthNumber(m[1] ?? m[4] ?? '');
    const day = Number(m[2] ?? m[3]);
    if (day >= 1 && day <= 31)
      return { time: { kind: 'in_month', month, day, label: `on ${MONTHS[month - 1]} ${day}` }, rest: cut(text, m) };
  }
  m = IN_MONTH.exec(text) ?? MONTH_POSSESSIVE.exec(text);
  if (m) {
    const month = monthNumber(m[1] ?? m[2] ?? '');
    return { time: { kind: 'in_month', month, label: `in ${MONTHS[month - 1]}` }, rest: cut(text, m) };
  }
  m = RELATIVE.exec(text);
  if (m) {
    const n = toNumber(m[1] ?? '1');
    const unit = (m[2] ?? 'day').replace(/s$/, '');
    const plural = n === 1 ? unit : `${unit}s`;
    const label = n === 1 ? `the last ${unit}` : `the last ${n} ${plural}`;
    if (unit === 'hour') return { time: { kind: 'hours', n, label }, rest: cut(text, m) };
    if (unit === 'month') return { time: { kind: 'months', n, label }, rest: cut(text, m) };
    return { time: { kind: 'days', n: unit === 'week' ? n * 7 : n, label }, rest: cut(text, m) };
  }
  m = LATEST.exec(text);
  if (m) {
    const week = m[1] === 'week';
    return { time: { kind: 'days', n: week ? 7 : 1, label: week ? 'the last 7 days' : 'the newest day' }, rest: cut(text, m) };
  }
  m = FORTNIGHT.exec(text);
  if (m) {
    const n = toNumber(m[1] ?? '1');
    return { time: { kind: 'days', n: 14 * n, label: `the last ${14 * n} days` }, rest: cut(text, m) };
  }
  m = ON.exec(text);
  if (m) return { time: { kind: 'range', from: m[1] ?? '', to: m[1] ?? '', label: `on ${m[1]}` }, rest: cut(text, m) };
  const words = Object.keys(layer.timeWords).sort((a, b) => b.length - a.length);
  for (const w of words) {
    const re = new RegExp(`\\b(?:in |for |during |over |of )?(?:the )?${w}\\b`);
    const hit = re.exec(text);
    if (hit) return { time: { ...(layer.timeWords[w] as TimeWindow & object) } as TimeWindow, rest: cut(text, hit) };
  }
  return { rest: text };
}

function cut(text: string, m: RegExpExecArray): string {
  return (text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length)).replace(/\s+/g, ' ').trim();
}
