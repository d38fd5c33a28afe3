import type { Cell } from '../../../src/shared/api';

const numberOf = (c: Cell): number =>
  typeof c === 'number' ? c : typeof c === 'string' && /^-?[\d.]+(e-?\d+)?$/.test(c.trim()) ? Number(c) : NaN;

/**
 * Checks that a sentence cannot contradict its rows: every number it states (other than dates,
 * "top 5", "at least 1,000 transactions", row counts) is a value of the rows at the precision
 * shown, and "X has the highest/lowest …" names the first row, which holds the extreme value. With no rows, the
 * sentence must say "No rows" (the searched values it repeats are not results).
 * Returns what is wrong, or undefined.
 */
export function sentenceAgreesWithRows(sentence: string, rows: Cell[][]): string | undefined {
  // With no rows there is no figure to state: the sentence says so, and may repeat what was searched ("merchant Zenith Motors 999").
  if (rows.length === 0) return /^No rows\b/.test(sentence) ? undefined : 'the sentence states a result but there are no rows';
  // The claim is what follows the last colon; names that are row values may hold digits ("Orchid Arcade 3").
  let claim = sentence.slice(sentence.lastIndexOf(': ') + 1);
  for (const c of rows.flat()) if (typeof c === 'string' && c.length > 0 && !Number.isFinite(numberOf(c))) claim = claim.split(c).join(' ');
  const text = claim
    .replace(/\(\d{4}-\d{2}-\d{2}( to \d{4}-\d{2}-\d{2})?\)/g, '')
    .replace(/\b\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?\b/g, '')
    .replace(/\b(top|bottom|last|least|minimum of|first|over)\s+[\d,]+/gi, '')
    .replace(/[\d,]+\s+(rows|points|groups|days|weeks|months|hours|transactions or more)\b/g, '');
  const cells = rows.flat().map(numberOf).filter(Number.isFinite);
  for (const m of text.matchAll(/(?<![A-Za-z\d.])(-?\$?)(\d[\d,]*(?:\.\d+)?)\s*(%|pp| ms|[KMB]\b)?/g)) {
    const shown = m[2] ?? '';
    let value = Number(shown.replace(/,/g, ''));
    if (m[1]?.startsWith('-')) value = -value;
    const scale = m[3] === 'K' ? 1e3 : m[3] === 'M' ? 1e6 : m[3] === 'B' ? 1e9 : 1;
    const decimals = (shown.split('.')[1] ?? '').length;
    const slack = (0.5 * scale) / 10 ** decimals + 1e-9;
    if (!cells.some((c) => Math.abs(c - value * scale) <= slack || Math.abs(Math.abs(c) - Math.abs(value * scale)) <= slack)) {
      return `${m[0].trim()} is not in the rows`;
    }
  }
  const ranked = /^(.+?) (?:has|had) the (highest|lowest) (.+?)(?: \(|:)/.exec(sentence);
  if (ranked && rows.length > 0) {
    const first = rows[0] ?? [];
    const names = first.filter((c) => c !== null).map(String);
    if (!names.some((n) => ranked[1]?.includes(n))) return `"${ranked[1]}" is not the first row (${JSON.stringify(first)})`;
    const col = first.findIndex((c) => Number.isFinite(numberOf(c)));
    const values = rows.map((r) => numberOf(r[col] ?? null));
    const best = ranked[2] === 'highest' ? Math.max(...values) : Math.min(...values);
    if (col >= 0 && values[0] !== best) return `the first row is not the ${ranked[2]}`;
  }
  return undefined;
}
