import { describe, expect, it } from 'vitest';
import { methods } from '../../../../src/shared/api';

/** pipeline.replayFile's path, as every client (CLI, app, HTTP) is refused or let through by the one schema. */
const refusal = (path: string) => {
  const parsed = methods['pipeline.replayFile'].input.safeParse({ path });
  return parsed.success ? null : parsed.error.issues.map((i) => i.message).join('; ');
};

describe('pipeline.replayFile path', () => {
  it.each([
    'landing/payments.csv',
    'C:\\exports\\day1.PARQUET',
    'feed.ndjson',
    'feed.json',
    'landing/*.parquet',
    'landing/day-[12].csv',
    'landing',
    './landing',
    '.',
    'landing.v2/',
    'C:\\exports\\2026.01\\',
  ])('lets %j through: a recording, a glob or a folder', (path) => {
    expect(refusal(path)).toBeNull();
  });

  it.each([
    ['payments.xlsx', '.xlsx'],
    ['payments.csv.gz', '.gz'],
    ['notes.txt', '.txt'],
    ['landing.v2', '.v2'],
  ])('refuses %j by its extension, naming it and what is accepted', (path, ext) => {
    expect(refusal(path)).toBe(
      `has an unknown format "${ext}": name a .csv, .jsonl (JSON lines) or .parquet file, a glob, or a folder (ending in / if its name has a dot)`,
    );
  });
});
