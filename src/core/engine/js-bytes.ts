/**
 * The size of a JS value as a result row holds it (strings and blobs by length, lists, structs and
 * maps by their items), for results that arrive already converted (the Databricks driver's rows).
 * The walk stops once `limit` is passed, so measuring a huge value costs no more than the budget.
 */
const SCALAR_BYTES = 16;

export function jsBytes(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  if (typeof value === 'string') return SCALAR_BYTES + 2 * value.length;
  if (value === null || typeof value !== 'object') return SCALAR_BYTES;
  if (ArrayBuffer.isView(value)) return SCALAR_BYTES + value.byteLength;
  if (value instanceof Date) return SCALAR_BYTES;
  let total = SCALAR_BYTES;
  const items: Iterable<unknown> = Array.isArray(value)
    ? value
    : value instanceof Map
      ? [...value.keys(), ...value.values()]
      : Object.values(value);
  if (!Array.isArray(value) && !(value instanceof Map)) total += Object.keys(value).reduce((n, k) => n + 2 * k.length, 0);
  for (const item of items) {
    if (total > limit) break;
    total += jsBytes(item, limit - total);
  }
  return total;
}
