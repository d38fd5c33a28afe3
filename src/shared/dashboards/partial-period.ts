/**
 * Whether the last point of a daily series is a day still in progress: its date is the newest
 * event's date and that event is not at the day's end. Drawn as partial, it does not read as a drop.
 */
export function lastDayIsPartial(lastX: unknown, newestEvent: string | null | undefined): boolean {
  if (!newestEvent || lastX === null || lastX === undefined) return false;
  const x = String(lastX);
  // Only day buckets: an x with a time of day (minutes, hours) is another grain.
  if (!/^\d{4}-\d{2}-\d{2}(?:[ T]00:00(?::00(?:\.0+)?)?)?$/.test(x)) return false;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})/.exec(newestEvent);
  if (!m) return false;
  return m[1] === x.slice(0, 10) && `${m[2]}:${m[3]}` < '23:59';
}

/** The time of day the data reaches on its newest day (HH:MM). */
export function newestTimeOfDay(newestEvent: string): string {
  return /[ T](\d{2}:\d{2})/.exec(newestEvent)?.[1] ?? '';
}
