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
