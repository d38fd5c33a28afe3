import { statSync } from 'node:fs';
import type { DuckDBValue } from '@duckdb/node-api';
import type { Cell, Column, ColumnSummary, ExportFormat, SortKey, SqlParams } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { quoteIdent, quoteLiteral } from '../../shared/sql/quote';
import type { Engine } from '../engine/engine';
import type { ProgressFn, ResultHandle } from '../engine/sql-target';
import { asSource, fillTemplate } from './sql-template';
import copySql from './sql/copy.sql?raw';
import countSql from './sql/count.sql?raw';
import histogramSql from './sql/histogram.sql?raw';
import materialiseSql from './sql/materialise.sql?raw';
import rangeSql from './sql/numeric_range.sql?raw';
import pageSql from './sql/page.sql?raw';
import summarySql from './sql/summary.sql?raw';

/** Results up to this many rows are copied into memory once, so paging them is stable and cheap. */
export const MATERIALISE_MAX_ROWS = 100_000;
export const RESULTS_DB = 'sqlwb_results';
const HISTOGRAM_BINS = 20;
const attached = new WeakMap<Engine, Promise<void>>();

/** Attaches the in-memory database SQL page results live in (visible to every connection, never in the user's file), once per engine. */
export function attachResultsDb(engine: Engine): Promise<void> {
  let done = attached.get(engine);
  if (!done) {
    done = engine.run(`ATTACH IF NOT EXISTS ':memory:' AS ${RESULTS_DB}`);
    attached.set(engine, done);
  }
  return done;
}
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;
const COPY_OPTIONS: Record<ExportFormat, string> = { csv: 'FORMAT csv, HEADER true', parquet: 'FORMAT parquet', json: 'FORMAT json' };

/**
 * A SELECT result of the local database. Pages re-run the statement with LIMIT/OFFSET
 * (DuckDB streams a scan and stops early, so a page of a 10M-row table costs a page);
 * once counted, small results are materialised in an in-memory database so their order is
 * stable and sorting them does not re-run the query.
 */
export class LocalResult implements ResultHandle {
  private table: string | undefined;
  private total: number | undefined;
  private counting: Promise<number> | undefined;

  constructor(
    private readonly engine: Engine,
    readonly id: string,
    private readonly sql: string,
    private readonly params: SqlParams | undefined,
    readonly columns: Column[],
    knownTotal: number | null,
  ) {
    if (knownTotal !== null) this.total = knownTotal;
  }

  private source(): string {
    return this.table ?? asSource(this.sql);
  }

  /** The user's parameters are needed only while the source is still their statement. */
  private bind(): SqlParams | undefined {
    return this.table ? undefined : this.params;
  }

  private orderBy(sort: SortKey[] | undefined): string {
    if (!sort?.length) return '';
    const names = new Set(this.columns.map((c) => c.name));
    for (const key of sort) {
      if (!names.has(key.column)) throw new AppError('INVALID_INPUT', `The result has no column "${key.column}" to sort by.`);
    }
    return 'ORDER BY ' + sort.map((k) => `${quoteIdent(k.column)} ${k.desc ? 'DESC' : 'ASC'} NULLS LAST`).join(', ');
  }

  async page(offset: number, limit: number, sort: SortKey[] | undefined, signal: AbortSignal): Promise<Cell[][]> {
    const sql = fillTemplate(pageSql, { source: this.source(), order: this.orderBy(sort), limit, offset });
    const result = await this.engine.query(sql, { params: this.bind(), maxRows: limit, signal });
    return result.rows;
  }

  /** One count at a time: the grid may ask again (re-mounted) while the first still runs. */
  count(signal: AbortSignal): Promise<number> {
    if (this.total !== undefined) return Promise.resolve(this.total);
    this.counting ??= this.countOnce(signal).finally(() => {
      this.counting = undefined;
    });
    return this.counting;
  }

  private get tableName(): string {
    return `${RESULTS_DB}.${quoteIdent(`r_${this.id}`)}`;
  }

  private async countOnce(signal: AbortSignal): Promise<number> {
    const table = this.tableName;
    await this.engine.run(`DROP TABLE IF EXISTS ${table}`);
    await this.engine.run(fillTemplate(materialiseSql, { table, source: asSource(this.sql), limit: MATERIALISE_MAX_ROWS + 1 }), {
      params: this.bind(),
      signal,
    });
    const kept = Number((await this.engine.query(fillTemplate(countSql, { source: table }), { signal })).rows[0]?.[0] ?? 0);
    if (kept <= MATERIALISE_MAX_ROWS) {
      this.table = table;
      this.total = kept;
      return kept;
    }
    await this.engine.run(`DROP TABLE ${table}`);
    const counted = await this.engine.query(fillTemplate(countSql, { source: asSource(this.sql) }), { params: this.bind(), signal });
    this.total = Number(counted.rows[0]?.[0] ?? 0);
    return this.total;
  }

  async summary(column: string, signal: AbortSignal): Promise<ColumnSummary> {
    const col = this.columns.find((c) => c.name === column);
    if (!col) throw new AppError('INVALID_INPUT', `The result has no column "${column}".`);
    const slots = { source: this.source(), column: quoteIdent(column) };
    const stats = await this.engine.query(fillTemplate(summarySql, slots), { params: this.bind(), signal });
    const [total, nulls, distinct, min, max] = stats.rows[0] ?? [];
    let histogram: ColumnSummary['histogram'] = null;
    if (NUMERIC.test(col.type)) histogram = await this.histogram(slots, signal);
    return {
      column,
      type: col.type,
      total: Number(total ?? 0),
      nulls: Number(nulls ?? 0),
      distinct: Number(distinct ?? 0),
      min: min ?? null,
      max: max ?? null,
      histogram,
    };
  }

  private async histogram(slots: { source: string; column: string }, signal: AbortSignal): Promise<ColumnSummary['histogram']> {
    const range = await this.engine.query(fillTemplate(rangeSql, slots), { params: this.bind(), signal });
    const lo = range.rows[0]?.[0];
    const hi = range.rows[0]?.[1];
    if (typeof lo !== 'number' || typeof hi !== 'number') return [];
    const bins = lo === hi ? 1 : HISTOGRAM_BINS;
    const width = lo === hi ? 1 : (hi - lo) / bins;
    const params = { ...(this.bind() ?? {}), lo, width, bins };
    const counts = await this.engine.query(fillTemplate(histogramSql, slots), { params, signal });
    const byBin = new Map(counts.rows.map((r) => [Number(r[0]), Number(r[1])]));
    return Array.from({ length: bins }, (_, i) => ({ from: lo + i * width, to: lo + (i + 1) * width, count: byBin.get(i) ?? 0 }));
  }

  async exportTo(
    path: string,
    format: ExportFormat,
    sort: SortKey[] | undefined,
    progress: ProgressFn,
    signal: AbortSignal,
  ): Promise<number> {
    const sql = fillTemplate(copySql, {
      source: this.source(),
      order: this.orderBy(sort),
      path: quoteLiteral(path),
      options: COPY_OPTIONS[format],
    });
    try {
      return await this.engine.withConnection(sql, { signal }, async (conn) => {
        await conn.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
        const timer = setInterval(() => {
          const p = conn.progress;
          if (p.percentage >= 0) progress(Math.min(99, p.percentage), Number(p.rows_processed));
        }, 200);
        try {
          const reader = await conn.runAndReadAll(sql, this.bind() as Record<string, DuckDBValue> | undefined);
          return Number(reader.getRowsJson()[0]?.[0] ?? 0);
        } finally {
          clearInterval(timer);
        }
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'SQL_ERROR' && /IO Error|Permission denied|Cannot open file/i.test(error.message)) {
        throw new AppError('FORBIDDEN', `Could not write ${path}: ${error.message}. Choose a folder you can write to.`);
      }
      throw error;
    } finally {
      progress(100, null);
    }
  }

  async dispose(): Promise<void> {
    // Also covers a materialisation that was cancelled before it was adopted.
    await this.engine.run(`DROP TABLE IF EXISTS ${this.tableName}`).catch(() => undefined);
    this.table = undefined;
  }
}

/** Bytes of a written file, 0 when it is missing. */
export function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
