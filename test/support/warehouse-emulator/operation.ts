import type { DuckDBConnection, DuckDBInstance, DuckDBResult } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import { arrowSchemaBytes } from './encode';
import { encodePage, resultMetadata, type CloudFetchStore, type ResultFormat } from './pages';
import { int64, T } from './thrift-runtime';
import { normaliseValues, wireColumn, type WireColumn, type WireValue } from './wire-types';

export type { CloudFetchStore, ResultFormat } from './pages';

/** Encoded pages of a finished result, replayed for the same statement (like a warehouse's result cache). */
export interface CachedResult {
  columns: WireColumn[];
  pages: { hasMoreRows: boolean; results: unknown }[];
  complete: boolean;
}

/** Where an operation is in its life, as TOperationState. */
export type OpState = number;

/**
 * One running statement on its own DuckDB connection: streamed lazily page by page, so a
 * 1M-row result never sits whole in the emulator; cancel and time limits interrupt it.
 */
export class Operation {
  readonly id = Buffer.from(randomUUID().replace(/-/g, ''), 'hex');
  state: OpState = T.TOperationState.RUNNING_STATE;
  error?: { message: string; sqlState?: string };
  columns: WireColumn[] = [];
  private result?: DuckDBResult;
  private conn?: DuckDBConnection;
  private pending: WireValue[][] | undefined;
  private pendingOffset = 0;
  private exhausted = false;
  private rowOffset = 0;
  private schemaBytes?: Buffer;
  private timer?: NodeJS.Timeout;
  private stopReason?: 'cancel' | 'timeout';
  readonly ready: Promise<void>;

  constructor(
    instance: DuckDBInstance,
    readonly sql: string,
    readonly options: {
      setup: string[];
      timeoutSeconds: number;
      format: ResultFormat;
      delayMs: number;
      cache?: Map<string, CachedResult>;
      cloudFetch?: CloudFetchStore;
      /** The client can decode LZ4 frames (canDecompressLZ4Result): Arrow payloads are sent compressed. */
      lz4?: boolean;
    },
  ) {
    const key = `${options.format}|${options.lz4 === true}|${options.setup.join(';')}|${sql}`;
    const hit = options.cache?.get(key);
    if (hit?.complete) {
      this.replay = hit.pages.slice();
      this.columns = hit.columns;
      this.state = T.TOperationState.FINISHED_STATE;
      this.ready = Promise.resolve();
      return;
    }
    if (options.cache && options.format !== 'cloudfetch' && /^\s*(SELECT|WITH|FROM)\b/i.test(sql)) {
      this.recording = { columns: [], pages: [], complete: false };
      options.cache.set(key, this.recording);
    }
    this.ready = this.start(instance);
  }

  private replay?: { hasMoreRows: boolean; results: unknown }[];
  private recording?: CachedResult;

  private async start(instance: DuckDBInstance): Promise<void> {
    try {
      this.conn = await instance.connect();
      for (const s of this.options.setup) await this.conn.run(s);
      if (this.options.timeoutSeconds > 0) this.timer = setTimeout(() => this.stop('timeout'), this.options.timeoutSeconds * 1000);
      if (this.options.delayMs > 0) await new Promise((r) => setTimeout(r, this.options.delayMs));
      if (this.stopReason) throw new Error('INTERRUPT');
      this.result = await this.conn.stream(this.sql);
      this.columns = this.result.columnNames().map((name, i) => wireColumn(name, this.result!.columnTypes()[i]!));
      await this.fill();
      if (this.state === T.TOperationState.RUNNING_STATE) this.state = T.TOperationState.FINISHED_STATE;
    } catch (error) {
      this.fail(error);
    } finally {
      if (this.timer) clearTimeout(this.timer);
    }
  }

  private fail(error: unknown): void {
    if (this.stopReason === 'cancel') this.state = T.TOperationState.CANCELED_STATE;
    else if (this.stopReason === 'timeout') {
      this.state = T.TOperationState.TIMEDOUT_STATE;
      this.error = { message: `Query timed out after ${this.options.timeoutSeconds} seconds` };
    } else {
      this.state = T.TOperationState.ERROR_STATE;
      const message = error instanceof Error ? error.message : String(error);
      this.error = { message, sqlState: '42000' };
    }
    this.release();
  }

  /** Reads the next DuckDB chunk into `pending`; marks the end of the stream. */
  private async fill(): Promise<void> {
    if (this.exhausted || !this.result) {
      this.exhausted = true;
      this.pending = undefined;
      return;
    }
    const chunk = await this.result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) {
      this.exhausted = true;
      this.pending = undefined;
      this.release();
      return;
    }
    this.pending = this.columns.map((col, i) => normaliseValues(chunk.getColumnValues(i), col));
    this.pendingOffset = 0;
  }

  stop(reason: 'cancel' | 'timeout'): void {
    if (this.state !== T.TOperationState.RUNNING_STATE && this.state !== T.TOperationState.FINISHED_STATE) return;
    this.stopReason ??= reason;
    if (this.state === T.TOperationState.FINISHED_STATE) {
      this.state = reason === 'cancel' ? T.TOperationState.CANCELED_STATE : T.TOperationState.TIMEDOUT_STATE;
      this.release();
      return;
    }
    this.conn?.interrupt();
  }

  private release(): void {
    if (this.timer) clearTimeout(this.timer);
    this.result = undefined;
    this.conn?.closeSync();
    this.conn = undefined;
  }

  close(): void {
    if (this.state === T.TOperationState.RUNNING_STATE) this.stop('cancel');
    this.release();
    this.state = T.TOperationState.CLOSED_STATE;
  }

  get hasMoreRows(): boolean {
    if (this.replay) return this.replay.length > 0;
    return !this.exhausted || this.pending !== undefined;
  }

  metadata(): Record<string, unknown> {
    if (this.options.format !== 'columnar') this.schemaBytes ??= arrowSchemaBytes(this.columns);
    return resultMetadata(this.columns, this.options, this.schemaBytes);
  }

  /** The next page of at most maxRows rows, in this operation's result format. */
  async fetch(maxRows: number): Promise<{ hasMoreRows: boolean; results: unknown }> {
    if (this.replay)
      return this.replay.shift() ?? { hasMoreRows: false, results: { startRowOffset: int64(this.rowOffset), rows: [], arrowBatches: [] } };
    const page = await this.fetchFresh(maxRows);
    if (this.recording) {
      this.recording.columns = this.columns;
      this.recording.pages.push(page);
      this.recording.complete = !page.hasMoreRows;
    }
    return page;
  }

  private async fetchFresh(maxRows: number): Promise<{ hasMoreRows: boolean; results: unknown }> {
    const parts: WireValue[][][] = [];
    let count = 0;
    while (count < maxRows && this.pending) {
      const available = (this.pending[0]?.length ?? 0) - this.pendingOffset;
      const take = Math.min(available, maxRows - count);
      parts.push(this.pending.map((col) => col.slice(this.pendingOffset, this.pendingOffset + take)));
      this.pendingOffset += take;
      count += take;
      if (this.pendingOffset >= (this.pending[0]?.length ?? 0)) await this.fill();
    }
    const data = this.columns.map((_, c) => (parts.length === 1 ? parts[0]![c]! : parts.flatMap((p) => p[c]!)));
    const start = this.rowOffset;
    this.rowOffset += count;
    if (this.options.format !== 'columnar') this.schemaBytes ??= arrowSchemaBytes(this.columns);
    return encodePage(
      this.options.format,
      this.columns,
      data,
      count,
      start,
      this.hasMoreRows,
      this.schemaBytes ?? Buffer.alloc(0),
      this.options.cloudFetch,
      this.options.lz4 === true,
    );
  }
}
