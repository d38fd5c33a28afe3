import type { Filter, Intent } from './intent';
import type { SemanticLayer } from './semantic-layer';

/** An outcome a group can have none of, and the count measure of it. */
const OUTCOME_COUNT: [RegExp, string, string][] = [
  [/^declin/, 'declines', 'declined'],
  [/^(fraud|chargeback)/, 'fraud_count', 'fraud'],
  [/^approv/, 'approvals', 'approved'],
];

/**
 * "merchants without a single decline", "how many processors had zero fraud cases", "which merchants saw no approvals":
 * groups whose count of an outcome is 0 — a condition on the group (HAVING), not a filter on its rows.
 */
const NONE_OF =
  /\b(?:with|had|have|has|having|saw|see|sees|recorded|record|got|get|showed|show|reported|report)\s+(?:zero|no|0|not a single|not one|not any)\s+(declines?|declined (?:transactions|payments)|fraud(?: cases)?|frauds|fraudulent (?:transactions|payments)|chargebacks?|approvals?|approved (?:transactions|payments))\b|\bwithout (?:a single |any |one |even one )?(declines?|declined (?:transactions|payments)|fraud(?: cases)?|frauds|chargebacks?|approvals?)\b|\b(?:never|not once) (declined|approved)\b/;

/** The groups with none of an outcome; edits the filters (the outcome's own flag goes) and returns the HAVING, or undefined. */
export function zeroGroups(
  text: string,
  measures: string[],
  groupBy: string[],
  filters: Filter[],
  unknownWords: string[],
  layer: SemanticLayer,
): { having: NonNullable<Intent['having']>; measure: string; dimension: string } | undefined {
  const m = NONE_OF.exec(text);
  if (!m) return undefined;
  const said = m[1] ?? m[2] ?? m[3] ?? '';
  const outcome = OUTCOME_COUNT.find(([re]) => re.test(said));
  if (!outcome) return undefined;
  const [, measure, flag] = outcome;
  // "how many merchants" (distinct:merchant_id) or "number of merchants" (a layer measure counting distinct ids).
  const ownDistinct = (id: string) => /^count\(DISTINCT ([a-z_]+)\)/i.exec(layer.measures.find((x) => x.id === id)?.sql ?? '')?.[1];
  const distinct = measures.map((id) => (id.startsWith('distinct:') ? id.slice('distinct:'.length) : ownDistinct(id))).find(Boolean);
  const fromDistinct = distinct
    ? layer.dimensions.find((d) => d.column === distinct || d.id === distinct || (d.id === 'merchant' && distinct === 'merchant_id'))?.id
    : undefined;
  const dims = fromDistinct ? [fromDistinct] : groupBy.filter((g) => !/^(is|uses)_/.test(g));
  if (dims.length !== 1 || !dims[0]) return undefined;
  // "without a single decline" was read as the other side of the flag ("approved"), or as the flag itself: neither filters rows.
  const other = { declined: 'approved', approved: 'declined', fraud: '' }[flag] ?? '';
  for (let k = filters.length - 1; k >= 0; k--) {
    const f = filters[k];
    if (f?.kind === 'flag' && (f.flag === flag || f.flag === other)) filters.splice(k, 1);
  }
  // The words of the condition are placed: none of them is left unknown.
  const placed = new Set(m[0].split(' '));
  for (let k = unknownWords.length - 1; k >= 0; k--) if (placed.has(unknownWords[k] ?? '')) unknownWords.splice(k, 1);
  const count = Boolean(fromDistinct) || /\b(?:how many|number of|count of)\b|^count\b/.test(text);
  return { having: { measure, op: '=', value: 0, count }, measure, dimension: dims[0] };
}
