import type { Cell, ColumnProfile } from '../../../../shared/api';

const compact = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

/** A histogram edge as a reader wants it: a date/time for time columns, a short number otherwise. */
export function edgeText(value: number, kind: ColumnProfile['kind']): string {
  if (kind === 'time') {
    const iso = new Date(value * 1000).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
  }
  return compact.format(value);
}

/** Min/max as text: numbers shortened, timestamps without microseconds. */
export function boundText(cell: Cell): string {
  if (cell === null || cell === undefined) return '—';
  if (typeof cell === 'number') return compact.format(cell);
  if (typeof cell === 'string') return cell.replace(/(\d{2}:\d{2}:\d{2})\.\d+/, '$1');
  return JSON.stringify(cell);
}

/** "12.5%" of a total, "0%" when there is nothing. */
export function share(part: number, total: number): string {
  if (!total) return '0%';
  const pct = (100 * part) / total;
  return `${pct < 10 && pct > 0 ? pct.toFixed(1) : Math.round(pct)}%`;
}
