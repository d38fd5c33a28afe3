import { randomUUID } from 'node:crypto';
import { SparkExecutionError, type SparkResult } from '../spark-executor';
import { arrowSchemaBytes } from './encode';
import { encodePage, resultMetadata, type CloudFetchStore, type Page, type ResultFormat } from './pages';
import { sparkValues, sparkWireColumn } from './spark-types';
import { T } from './thrift-runtime';
import type { WireColumn, WireValue } from './wire-types';

/** The Thrift status fields of a failed operation: Spark's message, its error class and SQLSTATE. */
export interface OperationError {
  message: string;
  sqlState?: string;
  errorClass?: string;
}

/**
 * One statement executed by Apache Spark SQL (through the Spark executor): the whole result is
 * read once (the Spark suite's results are small) and served page by page in the wire format.
 */
export class SparkOperation {
  readonly id = Buffer.from(randomUUID().replace(/-/g, ''), 'hex');
  readonly tag = `op-${this.id.toString('hex')}`;
  state: number = T.TOperationState.RUNNING_STATE;
  error?: OperationError;
  columns: WireColumn[] = [];
  readonly ready: Promise<void>;
  private data: WireValue[][] = [];
  private rows = 0;
  private offset = 0;
  private schemaBytes?: Buffer;
  private timer?: NodeJS.Timeout;

  constructor(
    run: (tag: string) => Promise<SparkResult>,
    private readonly options: {
      format: ResultFormat;
      timeoutSeconds: number;
      cloudFetch?: CloudFetchStore;
      cancel: (tag: string) => void;
      /** The client can decode LZ4 frames (canDecompressLZ4Result): Arrow payloads are sent compressed. */
      lz4?: boolean;
    },
  ) {
    if (options.timeoutSeconds > 0) this.timer = setTimeout(() => this.stop('timeout'), options.timeoutSeconds * 1000);
    this.ready = run(this.tag).then(
      (result) => this.finish(result),
      (error: unknown) => this.fail(error),
    );
  }

  private finish(result: SparkResult): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.state !== T.TOperationState.RUNNING_STATE) return;
    this.columns = result.columns.map((c) => sparkWireColumn(c.name, c.type));
    this.data = this.columns.map((col, i) => sparkValues(result.data[i] ?? [], col));
    this.rows = result.rows;
    this.state = T.TOperationState.FINISHED_STATE;
  }

  private fail(error: unknown): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.state !== T.TOperationState.RUNNING_STATE) return;
    this.state = T.TOperationState.ERROR_STATE;
    this.error =
      error instanceof SparkExecutionError
        ? { message: error.detail.message, sqlState: error.detail.sqlState, errorClass: error.detail.errorClass }
        : { message: error instanceof Error ? error.message : String(error), sqlState: 'XX000', errorClass: 'INTERNAL_ERROR' };
  }

  stop(reason: 'cancel' | 'timeout'): void {
    if (this.state !== T.TOperationState.RUNNING_STATE && this.state !== T.TOperationState.FINISHED_STATE) return;
    if (this.state === T.TOperationState.RUNNING_STATE) this.options.cancel(this.tag);
    if (this.timer) clearTimeout(this.timer);
    if (reason === 'cancel') this.state = T.TOperationState.CANCELED_STATE;
    else {
      this.state = T.TOperationState.TIMEDOUT_STATE;
      const seconds = this.options.timeoutSeconds;
      this.error = {
        message: `[QUERY_EXECUTION_TIMEOUT_EXCEEDED] Query execution was cancelled due to exceeding the timeout (${seconds}s).`,
        sqlState: '57KD0',
      };
    }
    this.data = [];
  }

  close(): void {
    if (this.state === T.TOperationState.RUNNING_STATE) this.stop('cancel');
    this.data = [];
    this.state = T.TOperationState.CLOSED_STATE;
  }

  get hasMoreRows(): boolean {
    return this.offset < this.rows;
  }

  metadata(): Record<string, unknown> {
    if (this.options.format !== 'columnar') this.schemaBytes ??= arrowSchemaBytes(this.columns);
    return resultMetadata(this.columns, this.options, this.schemaBytes);
  }

  async fetch(maxRows: number): Promise<Page> {
    const count = Math.max(0, Math.min(maxRows, this.rows - this.offset));
    const data = this.data.map((col) => col.slice(this.offset, this.offset + count));
    const start = this.offset;
    this.offset += count;
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
