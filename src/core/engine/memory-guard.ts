import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import memoryInUseSql from './sql/memory_in_use.sql?raw';

/** How often the guard reads DuckDB's memory while an untrusted statement runs. */
const POLL_MS = 50;

/**
 * A memory limit per untrusted statement. DuckDB's `memory_limit` is one per instance and cannot
 * be set per connection ("cannot be set locally"), so the guard reads the buffer manager's memory
 * (`duckdb_memory()`) while untrusted statements run and interrupts one whose growth since it
 * started passes the limit. Growth of other statements running at the same time counts too: the
 * limit is conservative (it may stop an untrusted statement early), never generous. Only memory
 * the buffer manager tracks is seen; the result budget bounds what reaches JS.
 */
export class MemoryGuard {
  private readonly watched = new Map<number, { base: number; exceeded(): void }>();
  private next = 1;
  private timer: NodeJS.Timeout | undefined;
  private conn: DuckDBConnection | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private polling = false;

  constructor(
    private readonly instance: DuckDBInstance,
    /** Bytes one untrusted statement may add; undefined: a quarter of the instance's memory_limit. */
    private limit?: number,
  ) {}

  /** The limit in bytes (a quarter of the instance's memory_limit unless set). */
  async limitBytes(): Promise<number> {
    if (this.limit === undefined) this.limit = Math.floor((await this.read()).instanceLimit / 4);
    return this.limit;
  }

  /** Watches one statement from now; `exceeded` is called (once) when it passes the limit. Returns the release. */
  async watch(exceeded: () => void): Promise<() => void> {
    const limit = await this.limitBytes();
    const { used } = await this.read();
    const id = this.next++;
    let fired = false;
    this.watched.set(id, {
      base: used,
      exceeded: () => {
        if (fired) return;
        fired = true;
        exceeded();
      },
    });
    this.timer ??= setInterval(() => void this.poll(limit), POLL_MS);
    return () => {
      this.watched.delete(id);
      if (this.watched.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.conn?.closeSync();
    this.conn = undefined;
  }

  private async poll(limit: number): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const { used } = await this.read();
      for (const w of this.watched.values()) if (used - w.base > limit) w.exceeded();
    } catch {
      // The instance is closing; the statement's own limits still hold.
    } finally {
      this.polling = false;
    }
  }

  /** One reading at a time on the guard's own connection. */
  private read(): Promise<{ used: number; instanceLimit: number }> {
    const reading = this.chain.then(async () => {
      this.conn ??= await this.instance.connect();
      const row = (await this.conn.runAndReadAll(memoryInUseSql)).getRows()[0] ?? [];
      return { used: Number(row[0] ?? 0), instanceLimit: Number(row[1] ?? 0) };
    });
    this.chain = reading.catch(() => undefined);
    return reading;
  }
}

/** `MEDALLION_UNTRUSTED_MEMORY_LIMIT` in bytes ('64MB', '1GB', a number of bytes), or undefined when unset or invalid. */
export function untrustedMemoryLimitFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.MEDALLION_UNTRUSTED_MEMORY_LIMIT?.trim();
  if (!raw) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KIB|MIB|GIB)?$/iu.exec(raw);
  if (!m) return undefined;
  const units: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, KIB: 1024, MIB: 1024 ** 2, GIB: 1024 ** 3 };
  const bytes = Number(m[1]) * (units[(m[2] ?? 'B').toUpperCase()] ?? 1);
  return bytes > 0 ? Math.floor(bytes) : undefined;
}
