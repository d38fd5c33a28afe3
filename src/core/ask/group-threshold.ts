import type { Intent } from './intent';
import type { extractNumbers } from './parse-numbers';
import type { SemanticLayer } from './semantic-layer';

/**
 * "On how many days was the approval rate below 87%?", "which merchants have an approval rate under 80%": one rate
 * threshold, one rate and one kind of group (a breakdown or a distinct count) make a HAVING; the threshold is then placed.
 */
export function groupThreshold(
  numbers: ReturnType<typeof extractNumbers>,
  measures: string[],
  groupBy: string[],
  unknownWords: string[],
  text: string,
  layer: SemanticLayer,
): { having: NonNullable<Intent['having']>; measure: string; dimension: string } | undefined {
  const [t] = numbers.rateThresholds;
  if (numbers.rateThresholds.length !== 1 || numbers.unplaced.length !== 1 || !t) return undefined;
  if (unknownWords.length !== 1 || unknownWords[0] !== numbers.unplaced[0]) return undefined;
  const rates = measures.filter((id) => layer.measures.find((m) => m.id === id)?.format === 'pct' || /^(rate|rateval):/.test(id));
  if (rates.length !== 1 || !rates[0]) return undefined;
  const distinct = measures.find((id) => id.startsWith('distinct:'))?.slice('distinct:'.length);
  const fromDistinct = distinct
    ? layer.dimensions.find((d) => d.column === distinct || (d.groupBy ?? []).includes(distinct))?.id
    : undefined;
  const dims = fromDistinct ? [fromDistinct] : groupBy;
  if (dims.length !== 1 || !dims[0]) return undefined;
  unknownWords.splice(0, unknownWords.length);
  const count = Boolean(distinct) || /^(?:on |in |for )?(?:how many|number of|count of)\b/.test(text);
  return { having: { measure: rates[0], op: t.op, value: t.value, count }, measure: rates[0], dimension: dims[0] };
}
