import type { Intent, PeriodComparison } from './intent';

const VS = '(?:vs|versus|compared? (?:with|to)|against|and|relative to|over)';
const DAY_PAIR = new RegExp(`\\b(today|yesterday)\\s+${VS}\\s+(?:the )?(yesterday|day before|previous day|prior day)\\b`);
const DAY_REVERSED = new RegExp(
  `\\b(?:from )?(?:the )?(day before|yesterday)\\s+(?:to|vs|versus|and|compared (?:with|to))\\s+(yesterday|today)\\b`,
);
const THIS_LAST = new RegExp(
  `\\bthis (week|month)\\s+(?:[a-z]+\\s+){0,2}?${VS}\\s+(?:the )?(?:(?:last|previous|prior)(?: \\1)?|\\1 (?:before|prior|earlier))\\b`,
);
/** "the last 7 days vs the 7 days before", "last 30 days compared with the previous 30 days". */
const N_DAYS_PAIR = new RegExp(
  `\\b(?:in )?(?:the )?(?:last|past) (\\d{1,3}) days\\s+${VS}\\s+(?:the )?(?:(?:previous|prior|preceding) \\1(?: days)?|\\1(?: days)? (?:before|prior|earlier))\\b`,
);
/** "today compared with the same day last week". */
const SAME_DAY = new RegExp(`\\b(today|yesterday)\\s+${VS}\\s+(?:the )?same day (?:last|a|one) week(?: ago| before| earlier)?\\b`);
const LAST_THIS = new RegExp(`\\b(?:from )?(?:last|previous|prior) (week|month)\\s+(?:to|vs|versus|and) this \\1\\b`);
/** "dropped the most", "biggest increase", "largest approval rate drop": rank the change between two periods. */
const MOVER =
  /\b(dropped|fell|decreased|declined|worsened|drop|decrease|fall|rose|increased|grew|improved|rise|increase|improvement)(?: the| their| its| (?!most\b)[a-z]+){0,3} most\b|\b(?:biggest|largest|steepest|sharpest|greatest)(?: [a-z]+){0,3} (drop|decrease|fall|decline|increase|rise|improvement|gain|jump)\b/;
const OVER = /\b(day|week|month) over \1\b/;

export interface PeriodsFound {
  compare?: PeriodComparison;
  /** "month over month": a time grain, not a pair. */
  grain?: string;
  order?: Intent['order'];
  rest: string;
}

const cut = (text: string, m: RegExpExecArray) =>
  `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim();

const CHANGE_WORDS =
  /\b(change|changed|difference|delta|dropped|fell|rose|increased|decreased|drop|increase|decrease|moved|shift|shifted)\b/;

/** How two periods are to be shown: side by side, as a change in points, or as a percent change. */
function outputOf(text: string): PeriodComparison['output'] {
  // "better or worse than yesterday", "higher or lower": both periods, each labelled.
  if (/\b(better or worse|worse or better|higher or lower|lower or higher|up or down)\b/.test(text)) return 'split';
  if (/\b(points?|pp|pts)\b/.test(text)) return 'change';
  if (/\b(?:what|how many|which) percent(?:age)?\b/.test(text) && CHANGE_WORDS.test(text)) return 'pct_change';
  if (/\bpercent(?:age)? (?:change|increase|decrease|drop|growth|difference)\b|\bgrowth\b|\bgrow\b/.test(text)) return 'pct_change';
  if (CHANGE_WORDS.test(text)) return 'change';
  return 'split';
}

/** Finds "today vs yesterday", "this week vs last week", "from last week to this week", "month over month". */
export function extractPeriods(text: string): PeriodsFound {
  const over = OVER.exec(text);
  // "the biggest drop week over week" ranks the change between the two latest periods; "month over month volume" is a series.
  if (over && !MOVER.test(cut(text, over))) {
    const unit = over[1] ?? 'month';
    return { grain: unit === 'day' ? 'event_date' : unit, rest: cut(text, over) };
  }
  let m = over;
  let compare: PeriodComparison | undefined;
  if (over) compare = { unit: over[1] === 'month' ? 'month' : over[1] === 'week' ? 'week' : 'day', output: 'change' };
  else if ((m = DAY_PAIR.exec(text))) compare = { unit: 'day', output: 'split', offset: m[1] === 'yesterday' ? 1 : 0 };
  else if ((m = DAY_REVERSED.exec(text)) && (m[1] === 'yesterday') === (m[2] === 'today'))
    compare = { unit: 'day', output: 'split', offset: m[2] === 'yesterday' ? 1 : 0 };
  else if ((m = THIS_LAST.exec(text) ?? LAST_THIS.exec(text))) compare = { unit: m[1] === 'month' ? 'month' : 'week', output: 'split' };
  else if ((m = SAME_DAY.exec(text))) compare = { unit: 'day', output: 'split', offset: m[1] === 'yesterday' ? 1 : 0, lag: 7 };
  else if ((m = N_DAYS_PAIR.exec(text))) compare = { unit: 'week', output: 'split', ...(m[1] === '7' ? {} : { days: Number(m[1]) }) };
  if (!compare || !m) return { rest: text };
  let rest = cut(text, m);
  // "avg ticket MoM (this month vs last)": the same pair said twice is one comparison.
  for (let again = THIS_LAST.exec(rest) ?? DAY_PAIR.exec(rest); again; again = THIS_LAST.exec(rest) ?? DAY_PAIR.exec(rest))
    rest = cut(rest, again);
  return finishComparison(compare, rest);
}

/** The output a comparison's remaining words ask for, and a ranking of the change ("dropped the most"). */
export function finishComparison(compare: PeriodComparison, text: string): PeriodsFound {
  compare.output = outputOf(text);
  // "how many points did it move": the size of the change is asked, not a count; the verb of change says no more.
  let rest = text
    .replace(/\b(?:by )?how many (?=(?:percentage )?(?:points?|pp|pts|percent)\b)/, ' ')
    .replace(/\b(move|moved|moves|shift|shifted|delta)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const sideBySide = /\b(side by side|next to each other|in (?:two )?columns|as columns)\b/;
  if (sideBySide.test(rest)) {
    compare.output = 'columns';
    rest = rest.replace(sideBySide, ' ').replace(/\s+/g, ' ').trim();
  }
  let order: Intent['order'];
  const mover = MOVER.exec(rest);
  if (mover) {
    const down = /drop|fell|decrease|decline|worse|fall/.test(mover[1] ?? mover[2] ?? '');
    order = { direction: down ? 'asc' : 'desc', limit: 1, word: down ? 'bottom' : 'top' };
    compare.output = compare.output === 'pct_change' ? 'pct_change' : 'change';
    // "biggest approval rate drop": the words between the two name the measure and stay.
    // "improved their approval rate most": so do the words between the verb and "most".
    const between =
      /^(?:biggest|largest|steepest|sharpest|greatest) ((?:[a-z]+ ){0,3})[a-z]+$/.exec(mover[0])?.[1] ??
      /^[a-z]+ ((?:[a-z]+ ){0,3})most$/.exec(mover[0])?.[1]?.replace(/\b(the|their|its)\b/g, ' ') ??
      '';
    rest = `${rest.slice(0, mover.index)} ${between} ${rest.slice(mover.index + mover[0].length)}`.replace(/\s+/g, ' ').trim();
  }
  return { compare, order, rest };
}
