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
export const MORE_THAN = /\b(?:more|less) \w+\b.*\bthan\b|\b(?:more|less) (?:often|frequently|commonly)\b/;

export const ORDER_RE =
  /(?<!\bat )\b(top|bottom|highest|lowest|best|worst|weakest|poorest|strongest|most|least|largest|biggest|smallest|fewest|greatest|leading|slowest|fastest|busiest|quietest)(?: (\d+))?\b/;
