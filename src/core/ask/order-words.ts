/** Words that order the answer, and which way. */
export const ORDER_WORDS: Record<string, 'top' | 'bottom' | 'best' | 'worst'> = {
  top: 'top',
  highest: 'top',
  most: 'top',
  largest: 'top',
  biggest: 'top',
  greatest: 'top',
  leading: 'top',
  bigger: 'top',
  higher: 'top',
  bottom: 'bottom',
  lowest: 'bottom',
  least: 'bottom',
  fewest: 'bottom',
  smallest: 'bottom',
  lower: 'bottom',
  best: 'best',
  worst: 'worst',
  weakest: 'worst',
  poorest: 'worst',
  strongest: 'best',
  slowest: 'top',
  fastest: 'bottom',
  busiest: 'top',
  quietest: 'bottom',
};
/** "more prevalent on X than on Y", "approves more often": how likely, so groups of different sizes compare by rate. */
export const MORE_THAN =
  /\b(?:more|less) \w+\b.*\bthan\b|\b(?:approved|declined|accepted|rejected|fraudulent|flagged|challenged) (?:more|less)\b|\b(?:more|less) (?:often|frequently|commonly)\b/;

export const ORDER_RE =
  /(?<!\bat )\b(top|bottom|highest|lowest|best|worst|weakest|poorest|strongest|most|least|largest|biggest|smallest|fewest|greatest|leading|slowest|fastest|busiest|quietest)(?: (\d+))?\b/;

/** "sort it from highest to lowest", "in descending order": every group, ordered; no limit. The first group says which way. */
export const SORT_RE =
  /\b(?:from )?(?:the )?(highest|largest|biggest|most|best|top|high|lowest|smallest|least|worst|bottom|low) (?:to|down to|up to|through) (?:the )?(?:lowest|smallest|least|worst|bottom|low|highest|largest|biggest|most|best|top|high)\b|\b(?:in )?(descending|ascending|decreasing|increasing) order\b|\b(?:sorted|ordered|ranked) (descending|ascending)\b/;

/** The direction a SORT_RE match asks for. */
export const sortDirection = (m: RegExpExecArray): 'asc' | 'desc' =>
  /^(lowest|smallest|least|worst|bottom|low|ascending|increasing)$/.test(m[1] ?? m[2] ?? m[3] ?? '') ? 'asc' : 'desc';

/** "oldest month first", "newest first", "in reverse chronological order": the time series' own order, not a ranking. */
const CHRONO =
  /\b(?:(?:with |starting with |from )?(?:the )?(oldest|earliest|first|newest|latest|most recent)(?: (?:hour|day|date|week|month|period|one)s?)?(?: first| on top| at the top| to (?:the )?(?:newest|latest|most recent|oldest|earliest)(?: (?:hour|day|date|week|month|period|one)s?)?)|(?:in )?(reverse )?(?:chronological|date|time) order|chronologically|(?:sorted|ordered) (?:by (?:date|time|day|week|month) )?(?:(oldest|newest|latest) first))\b/;

/** Takes a chronological order out of the text; `newestFirst` when the latest period comes first. */
export function chronological(text: string): { rest: string; newestFirst: boolean } {
  const m = CHRONO.exec(text);
  if (!m) return { rest: text, newestFirst: false };
  const word = m[1] ?? m[3] ?? '';
  const newestFirst = /^(?:newest|latest|most recent)$/.test(word) || Boolean(m[2]);
  return { rest: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim(), newestFirst };
}
