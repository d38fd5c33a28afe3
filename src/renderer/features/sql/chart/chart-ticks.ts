/** A date, or a date and a time that is exactly midnight ("2026-11-18 00:00:00", "2026-11-18T00:00:00.000Z", "…+01:00"). */
const AT_MIDNIGHT = /^(\d{4}-\d{2}-\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/u;

/**
 * How the x axis prints its values. When every value is a date at midnight (a daily series from `date_trunc('day', …)`
 * or a DATE cast to TIMESTAMP), the time part says nothing: ticks and the tooltip print the date alone. Otherwise
 * values print as they are (undefined: the chart's own formatting), so an hourly series keeps its hours.
 */
export function xTickFormat(values: readonly unknown[]): ((value: unknown) => string) | undefined {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0 || !present.every((v) => typeof v === 'string' && AT_MIDNIGHT.test(v))) return undefined;
  return (value) => (typeof value === 'string' ? (AT_MIDNIGHT.exec(value)?.[1] ?? value) : String(value));
}
