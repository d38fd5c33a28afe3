import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { datasetSql, type Dashboard } from '../../shared/dashboards/definition';
import { defaultFilters, filterParams, type FilterOptions, type Filters } from '../../shared/dashboards/filters';
import { AppError } from '../../shared/errors';
import { DRILL_COLUMNS } from '../dashboards/drill';
import type { OpenedDashboard } from '../dashboards/service';
import type { Engine } from '../engine/engine';
import { quoteIdent, quoteLiteral } from '../../shared/sql/quote';
import { APP_VERSION } from '../version';
import { aggregatesOnly } from './aggregates';
import { encodeBundle } from './format';
import { BUNDLE_FORMAT_VERSION, type BundleContent, type BundleManifest, type BundleTable } from './manifest';

export const BUNDLE_EXTENSION = '.mdash';
const SILVER = 'payments_enriched_silver';

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
}

/** The silver columns and gold views a dashboard's SQL (and its drill-down) reads. */
export async function neededRelations(engine: Engine, dashboard: Dashboard): Promise<{ columns: string[]; views: string[] }> {
  const text = [...dashboard.datasets.map(datasetSql), ...dashboard.widgets.map((w) => ('drill' in w && w.drill?.where) || '')].join('\n');
  const used = words(text);
  const silver = await engine.query(
    `SELECT column_name FROM duckdb_columns() WHERE table_name = '${SILVER}' AND schema_name = 'main' ORDER BY column_index`,
  );
  const drill = new Set<string>([...DRILL_COLUMNS, 'event_date']);
  const columns = silver.rows.map((r) => String(r[0])).filter((c) => used.has(c) || drill.has(c));
  const views = await engine.query("SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal");
  return { columns, views: views.rows.map((r) => String(r[0])).filter((v) => v !== SILVER && used.has(v.toLowerCase())) };
}

/** What an opened bundle offers to filter on: its own dates; an aggregates-only one only the packaged choices. */
function snapshotOptions(available: FilterOptions, filters: Filters, content: BundleContent): FilterOptions {
  const dates = { ...available, minDate: filters.dateFrom, maxDate: filters.dateTo };
  if (content === 'rows') return dates;
  const only = (v: string | null) => (v === null ? [] : [v]);
  return {
    ...dates,
    cardNetworks: only(filters.cardNetwork),
    merchantSegments: only(filters.merchantSegment),
    countries: only(filters.country),
  };
}

export interface CreateBundleOptions {
  opened: OpenedDashboard;
  /** The filter choices of the data it is packaged from. */
  available: FilterOptions;
  filters?: Filters;
  outPath: string;
  databaseName: string;
  /** `rows` (default): the silver rows, so filters and drill-downs keep working; `aggregates`: each widget's numbers only. */
  content?: BundleContent;
  /** A note for whoever opens the bundle, shown with the dashboard. */
  note?: string;
  /** Stops between tables (and aborts the running COPY); nothing is written then. */
  signal?: AbortSignal;
  /** Called before each table is copied and before the file is written: steps done of steps in all. */
  onProgress?: (done: number, total: number, message: string) => void;
}

/**
 * Writes a bundle: the dashboard, silver rows of the chosen period and the one before it (only
 * the columns its SQL and drill-down use), each gold view it reads as a table, metadata and checksums.
 * With `content: 'aggregates'` it carries each dataset's result under the chosen filters instead, and no rows.
 */
export async function createBundle(engine: Engine, options: CreateBundleOptions): Promise<{ path: string; bytes: number; sha256: string }> {
  const { opened, available } = options;
  const dashboard = opened.definition;
  if (!available.maxDate)
    throw new AppError('NOT_FOUND', 'There is no data to package yet: replay events first (Pipeline page, or `medallion replay`).');
  const filters = options.filters ?? defaultFilters(dashboard.defaultDateRange, available);
  if (filters.dateFrom > filters.dateTo)
    throw new AppError(
      'INVALID_INPUT',
      `The date range runs backwards (${filters.dateFrom} to ${filters.dateTo}); pick a start before the end.`,
    );
  const p = filterParams(filters);
  const content = options.content ?? 'rows';
  const aggregated = content === 'aggregates' ? aggregatesOnly(dashboard, filters) : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'medallion-pack-'));
  try {
    const parts: { name: string; data: Buffer; rows: number; columns: { name: string; type: string }[] }[] = [];
    const { signal } = options;
    const needed = aggregated ? undefined : await neededRelations(engine, dashboard);
    const steps = (aggregated ? aggregated.tables.length : 1 + needed!.views.length) + 1;
    const step = (message: string) => {
      if (signal?.aborted) throw new AppError('CANCELLED', 'Packaging was cancelled; no bundle was written.');
      options.onProgress?.(parts.length, steps, message);
    };
    const copy = async (name: string, select: string) => {
      step(`Copying ${name}`);
      const file = join(dir, `${name}.parquet`);
      const described = await engine.query(`DESCRIBE ${select}`, { maxRows: 10_000, signal });
      const columns = described.rows.map((r) => ({ name: String(r[0]), type: String(r[1]) }));
      const r = await engine.query(`COPY (${select}) TO ${quoteLiteral(file)} (FORMAT parquet, COMPRESSION zstd)`, {
        timeoutMs: 10 * 60_000,
        signal,
      });
      parts.push({ name, data: readFileSync(file), rows: Number(r.rows[0]?.[0] ?? 0), columns });
    };
    if (aggregated) {
      // The dataset SQL is the dashboard's own: an imported dashboard's passes the same gate as when it runs.
      for (const t of aggregated.tables) {
        if (opened.source !== 'builtin')
          await opened.target.gate(t.select, { origin: `The SQL of the imported dashboard "${dashboard.title}"` });
        await copy(t.table, t.select);
      }
    } else {
      const { columns, views } = needed!;
      await copy(
        SILVER,
        `SELECT ${columns.map(quoteIdent).join(', ')} FROM ${SILVER} WHERE event_date BETWEEN DATE ${quoteLiteral(p.prev_from!)} AND DATE ${quoteLiteral(p.date_to!)}`,
      );
      for (const v of views) await copy(v, `SELECT * FROM ${quoteIdent(v)}`);
    }
    let offset = 0;
    const tables: BundleTable[] = parts.map((part) => {
      const t = {
        name: part.name,
        offset,
        length: part.data.length,
        rows: part.rows,
        columns: part.columns,
        sha256: createHash('sha256').update(part.data).digest('hex'),
      };
      offset += part.data.length;
      return t;
    });
    const newest = await engine.query(
      `SELECT max(event_timestamp)::VARCHAR FROM ${SILVER} WHERE event_date <= DATE ${quoteLiteral(p.date_to!)}`,
    );
    const manifest: BundleManifest = {
      formatVersion: BUNDLE_FORMAT_VERSION,
      title: dashboard.title,
      created: new Date().toISOString(),
      source: { database: options.databaseName, appVersion: APP_VERSION, newestEvent: (newest.rows[0]?.[0] as string | null) ?? null },
      filters: { options: snapshotOptions(available, filters, content), initial: filters },
      dashboard: aggregated?.dashboard ?? dashboard,
      tables,
      content,
      ...(options.note?.trim() ? { note: options.note.trim() } : {}),
    };
    step('Writing the bundle file');
    const file = encodeBundle(manifest, Buffer.concat(parts.map((x) => x.data)));
    mkdirSync(dirname(options.outPath), { recursive: true });
    const tmp = join(dirname(options.outPath), `.${basename(options.outPath)}.partial`);
    writeFileSync(tmp, file);
    renameSync(tmp, options.outPath);
    options.onProgress?.(steps, steps, 'Written');
    return {
      path: options.outPath,
      bytes: file.length,
      sha256: createHash('sha256')
        .update(file.subarray(0, file.length - 32))
        .digest('hex'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
