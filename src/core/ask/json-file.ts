import { z } from 'zod';
import { readJsonChecked, writeJsonAtomic } from '../store/json-store';

/** Ask's files keep arrays (history, verified questions) or an object (settings); anything else is damaged. */
const schemaLike = (fallback: unknown): z.ZodType<unknown> =>
  Array.isArray(fallback) ? z.array(z.unknown()) : z.record(z.string(), z.unknown());

/** Reads an Ask JSON file through the JSON store, or `fallback` when it is missing or damaged (a damaged file is kept aside). */
export function readJsonFile<T>(file: string, fallback: T): T {
  const r = readJsonChecked(file, schemaLike(fallback));
  return r.state === 'ok' ? (r.value as T) : fallback;
}

/** Writes through the JSON store: atomic, owner-only (questions and SQL can be sensitive). */
export function writeJsonFile(file: string, value: unknown): void {
  writeJsonAtomic(file, value, { secret: true, indent: 1 });
}
