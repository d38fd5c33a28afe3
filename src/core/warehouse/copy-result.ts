import { DuckDBDataChunk, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type IOperation from '@databricks/sql/dist/contracts/IOperation';
import { AppError } from '../../shared/errors';
import { nextArrowPage, rawArrowSource } from './arrow-pages';
import { quoteIdent } from '../../shared/sql/quote';
import { localColumn, type LocalColumn } from './local-types';
import { FETCH_ROWS } from './run-statement';
import { remoteColumns, type RemoteColumn } from './values';

/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;

type Appender = { appendDataChunk(c: DuckDBDataChunk): void };

/** Appends driver row objects through column-wise data chunks. */
function appendRows(appender: Appender, rows: Record<string, unknown>[], cols: LocalColumn[]): void {
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const slice = rows.slice(start, start + CHUNK_ROWS);
    const chunk = DuckDBDataChunk.create(
      cols.map((c) => c.duckType),
      slice.length,
    );
    cols.forEach((col, i) =>
      chunk.setColumnValues(
        i,
        slice.map((r) => col.convert(r[col.name])),
      ),
    );
    appender.appendDataChunk(chunk);
  }
}

/** Appends already-converted columns (the Arrow path); text the server sent for typed columns is parsed. */
function appendColumns(appender: Appender, columns: DuckDBValue[][], rowCount: number, cols: LocalColumn[]): void {
  const fixed = columns.map((values, i) => {
    const col = cols[i]!;
    if (col.sqlType === 'VARCHAR' || !values.some((v) => typeof v === 'string')) return values;
    return values.map((v) => (typeof v === 'string' ? col.convert(v) : v));
  });
  for (let start = 0; start < rowCount; start += CHUNK_ROWS) {
    const size = Math.min(CHUNK_ROWS, rowCount - start);
    const chunk = DuckDBDataChunk.create(
      cols.map((c) => c.duckType),
      size,
    );
    fixed.forEach((values, i) => chunk.setColumnValues(i, values.slice(start, start + size)));
    appender.appendDataChunk(chunk);
  }
}

export interface CopyOptions {
  /** The table the copy creates (catalog and schema default to the connection's). */
  table: { catalog?: string; schema?: string; name: string };
  limit?: number;
  /** 'auto' reads Arrow batches directly when it can; 'rows' always uses the driver's row API. */
  mode?: 'auto' | 'rows';
  signal?: AbortSignal;
  stopped?: () => unknown;
  onRows?: (copied: number) => void;
}

export interface CopyOutcome {
  columns: RemoteColumn[];
  rows: number;
  /** More rows were left on the warehouse because of `limit`. */
  truncated: boolean;
  reader: 'arrow' | 'rows';
}

/**
 * Streams an operation's result into a new local table with the exact local types: Arrow
 * batches read directly from the driver when possible, else fetchChunk pages of row objects.
 */
export async function copyResult(op: IOperation, conn: DuckDBConnection, options: CopyOptions): Promise<CopyOutcome> {
  const columns = remoteColumns(await op.getSchema());
  if (columns.length === 0) throw new AppError('INVALID_INPUT', 'The statement returned no columns, so there is nothing to copy.');
  const local = columns.map(localColumn);
  const { catalog, schema, name } = options.table;
  const qualified = [catalog, schema, name]
    .filter((p): p is string => Boolean(p))
    .map(quoteIdent)
    .join('.');
  await conn.run(`CREATE TABLE ${qualified} (${local.map((c) => `${quoteIdent(c.name)} ${c.sqlType}`).join(', ')})`);
  const appender = await conn.createAppender(name, schema ?? null, catalog ?? null);
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const check = () => {
    if (options.stopped?.() || options.signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.');
  };
  let copied = 0;
  let truncated = false;
  const arrowSource = options.mode === 'rows' ? undefined : await rawArrowSource(op);
  try {
    if (arrowSource) {
      for (;;) {
        const page = await nextArrowPage(arrowSource, Math.min(FETCH_ROWS, Math.max(1, limit - copied)));
        check();
        if (!page) break;
        const take = Math.min(page.rowCount, limit - copied);
        if (take > 0) appendColumns(appender, page.columns, take, local);
        copied += take;
        options.onRows?.(copied);
        if (copied >= limit) {
          truncated = page.rowCount > take || (await arrowSource.hasMore());
          break;
        }
      }
    } else {
      for (;;) {
        const rows = (await op.fetchChunk({ maxRows: Math.min(FETCH_ROWS, Math.max(1, limit - copied)) })) as Record<string, unknown>[];
        check();
        const take = Math.min(rows.length, limit - copied);
        appendRows(appender, take < rows.length ? rows.slice(0, take) : rows, local);
        copied += take;
        options.onRows?.(copied);
        const more = await op.hasMoreRows();
        if (copied >= limit) {
          truncated = take < rows.length || more;
          break;
        }
        if (!more) break;
      }
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return { columns, rows: copied, truncated, reader: arrowSource ? 'arrow' : 'rows' };
}
