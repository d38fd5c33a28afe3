import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';

/**
 * The one way core keeps a JSON document on disk: written whole to a temp file next to it and
 * renamed over it (a crash never leaves half a file), read back through a zod schema (a file that
 * does not match is set aside as `<file>.damaged-<time>`, never trusted), and 0600 when it holds secrets.
 */

export interface JsonWriteOptions {
  /** Readable by its owner only (0600): secrets, tokens, connection details. */
  secret?: boolean;
  /** Pretty-print with this indent (default: compact). */
  indent?: number;
}

/** Writes `value` atomically: temp file in the same folder, then rename. */
export function writeJsonAtomic(file: string, value: unknown, options: JsonWriteOptions = {}): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(value, null, options.indent), { mode: options.secret ? 0o600 : 0o644 });
    // The mode above is masked by the umask and ignored when the file exists: set it outright.
    if (options.secret) chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** What happened when reading: the value, or why there is none. */
export type JsonReadResult<T> = { state: 'ok'; value: T } | { state: 'missing' } | { state: 'damaged'; setAsideAs?: string };

/**
 * Reads and checks a JSON file. A file that is not JSON or does not match the schema is set aside
 * (renamed to `<file>.damaged-<time>`) unless `keepDamaged` is given, so the next write starts clean.
 */
export function readJsonChecked<T>(file: string, schema: z.ZodType<T>, options: { keepDamaged?: boolean } = {}): JsonReadResult<T> {
  if (!existsSync(file)) return { state: 'missing' };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { state: 'missing' };
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return { state: 'ok', value: parsed.data };
  } catch {
    // not JSON at all: handled as damaged below
  }
  if (options.keepDamaged) return { state: 'damaged' };
  const setAsideAs = `${file}.damaged-${Date.now()}`;
  try {
    renameSync(file, setAsideAs);
  } catch {
    return { state: 'damaged' };
  }
  return { state: 'damaged', setAsideAs };
}

/** A small JSON document: read once (cached), checked by its schema, written whole and atomically. */
export class JsonStore<T> {
  private value: T | undefined;

  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<T>,
    private readonly fallback: () => T,
    private readonly options: JsonWriteOptions & { keepDamaged?: boolean } = {},
  ) {}

  read(): T {
    if (this.value !== undefined) return this.value;
    const r = readJsonChecked(this.path, this.schema, { keepDamaged: this.options.keepDamaged });
    this.value = r.state === 'ok' ? r.value : this.fallback();
    return this.value;
  }

  write(value: T): void {
    writeJsonAtomic(this.path, value, this.options);
    this.value = value;
  }

  update(change: (current: T) => T): T {
    const next = change(this.read());
    this.write(next);
    return next;
  }
}
