import type { Cell, Column } from '../../../shared/api';

/** A column type as an analyst reads it: "time", "number", "text", "yes/no" instead of the engine's type names. */
export function readableType(type: string): string {
  const t = type.toUpperCase();
  if (t.startsWith('TIMESTAMP')) return 'time';
  if (t === 'DATE') return 'date';
  if (t === 'BOOLEAN') return 'yes/no';
  if (/^(VARCHAR|STRING|TEXT|CHAR)/.test(t) || t.startsWith('ENUM')) return 'text';
  if (/^(DECIMAL|NUMERIC|DOUBLE|FLOAT|REAL|U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?)/.test(t)) return 'number';
  return type.toLowerCase();
}

const FRACTION = /^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2})\.\d+/;

/** Drill rows with readable headers and times at second precision (the engine gives microseconds). */
export function readableDrill(columns: Column[], rows: Cell[][]): { columns: Column[]; rows: Cell[][] } {
  const times = columns.map((c) => readableType(c.type) === 'time');
  return {
    columns: columns.map((c) => ({ ...c, name: c.name.replaceAll('_', ' '), type: readableType(c.type) })),
    rows: rows.map((row) => row.map((cell, i) => (times[i] && typeof cell === 'string' ? cell.replace(FRACTION, '$1') : cell))),
  };
}
