import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { requirePython, sparkEnv } from '../python-env';

/** An error as Spark reports it: the message with its `[ERROR_CLASS]` prefix and `SQLSTATE`. */
export interface SparkError {
  message: string;
  errorClass?: string;
  sqlState?: string;
}

/** A result in the emulator's wire shapes (see executor.py). */
export interface SparkResult {
  columns: { name: string; type: string }[];
  data: unknown[][];
  rows: number;
}

/** A TSparkParameter's type and text value, as the driver sends it. */
export interface SparkArg {
  type?: string;
  value?: string;
}

export class SparkExecutionError extends Error {
  constructor(readonly detail: SparkError) {
    super(detail.message);
  }
}

type Reply = Partial<SparkResult> & { id: number; ok?: boolean; error?: SparkError; ready?: boolean; rows?: number };

/**
 * Apache Spark SQL in local mode behind a JSON-lines pipe: one long-lived Python child with one
 * SparkSession (a Spark session per warehouse session), bound to 127.0.0.1, no UI.
 */
export class SparkExecutor {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private stderrTail: string[] = [];
  private exited = false;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly dir: string,
    readonly ready: Promise<string>,
  ) {}

  static start(): SparkExecutor {
    const dir = mkdtempSync(join(tmpdir(), 'medallion-spark-'));
    const script = join(import.meta.dirname, 'executor.py');
    const child = spawn(requirePython(), [script, join(dir, 'warehouse')], { env: sparkEnv(), cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    let markReady!: (version: string) => void;
    let failReady!: (e: Error) => void;
    const ready = new Promise<string>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    const executor = new SparkExecutor(child, dir, ready);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const reply = JSON.parse(line) as Reply & { version?: string };
      if (reply.ready) return markReady(reply.version ?? '');
      const waiter = executor.waiting.get(reply.id);
      executor.waiting.delete(reply.id);
      waiter?.resolve(reply);
    });
    createInterface({ input: child.stderr }).on('line', (line) => {
      executor.stderrTail = [...executor.stderrTail.slice(-20), line.slice(0, 400)];
    });
    child.on('exit', (code) => {
      executor.exited = true;
      const error = new Error(`The Spark executor exited (${code}): ${executor.stderrTail.join('\n')}`);
      failReady(error);
      for (const w of executor.waiting.values()) w.reject(error);
      executor.waiting.clear();
    });
    return executor;
  }

  private async request(message: Record<string, unknown>): Promise<Reply> {
    await this.ready;
    if (this.exited) throw new Error('The Spark executor is not running.');
    const id = this.nextId++;
    const reply = new Promise<Reply>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.child.stdin.write(`${JSON.stringify({ ...message, id })}\n`);
    const r = await reply;
    if (r.error) throw new SparkExecutionError(r.error);
    return r;
  }

  async openSession(session: string, catalog?: string, schema?: string): Promise<void> {
    await this.request({ op: 'open', session, catalog, schema });
  }

  async closeSession(session: string): Promise<void> {
    await this.request({ op: 'close', session });
  }

  /** Runs one statement in a session; named (`:name`) or ordinal (`?`) arguments are bound by Spark itself. */
  async sql(
    session: string,
    sql: string,
    args: { named?: Record<string, SparkArg>; ordinal?: SparkArg[]; tag?: string } = {},
  ): Promise<SparkResult> {
    return (await this.request({ op: 'sql', session, sql, ...args })) as SparkResult;
  }

  /** JDBC-shaped metadata (GetCatalogs/GetSchemas/GetTables/GetColumns) from Spark's catalog. */
  async meta(
    session: string,
    kind: 'catalogs' | 'schemas' | 'tables' | 'columns',
    filter: { catalog?: string; schema?: string; table?: string; column?: string; tableTypes?: string[] } = {},
  ): Promise<SparkResult> {
    return (await this.request({ op: 'meta', session, kind, ...filter })) as SparkResult;
  }

  /** Creates (or replaces) a managed table from a Parquet file; returns its row count. */
  async load(table: string, path: string): Promise<number> {
    return Number((await this.request({ op: 'load', table, path })).rows);
  }

  async cancel(tag: string): Promise<void> {
    await this.request({ op: 'cancel', tag });
  }

  async close(): Promise<void> {
    if (!this.exited) {
      const gone = new Promise((r) => this.child.once('exit', r));
      this.child.stdin.end();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
