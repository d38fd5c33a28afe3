import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';

/**
 * A small JSON document on disk: read once, written whole through a temp file and rename so
 * a crash mid-write never leaves half a file. A damaged file is set aside, not trusted.
 */
export class JsonFile<T> {
  private value: T | undefined;

  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<T>,
    private readonly fallback: () => T,
  ) {}

  read(): T {
    if (this.value !== undefined) return this.value;
    let text: string | undefined;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      this.value = this.fallback();
      return this.value;
    }
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      if (parsed.success) {
        this.value = parsed.data;
        return this.value;
      }
    } catch {
      // fall through: the file is not JSON
    }
    renameSync(this.path, `${this.path}.damaged-${Date.now()}`);
    this.value = this.fallback();
    return this.value;
  }

  write(value: T): void {
    this.value = value;
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, this.path);
  }

  update(change: (current: T) => T): T {
    const next = change(this.read());
    this.write(next);
    return next;
  }
}
