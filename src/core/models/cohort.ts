import { StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cohort } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { validateRecord, type FeatureRecord, type FeatureSpec, type ModelName } from '../../shared/models/schema';
import type { Engine } from '../engine/engine';
import { checkUntrustedFilter } from '../security/untrusted-sql';
import { DEFINITIONS } from './definitions';
import { frameSql, readFrame, type Frame, type FrameFeature } from './frame';
import { requireSilver, splitParams } from './trainer';

/** Far enough in the future that routing labels use every silver row as one window. */
export const NO_SPLIT = '9999-12-31 00:00:00';
export const MAX_CSV_ROWS = 200_000;

export interface CohortFrame extends Frame {
  features: FrameFeature[];
}

/** Rejects anything but one SELECT, using DuckDB's own parser (a filter cannot smuggle in a second statement). */
export async function assertSingleSelect(conn: DuckDBConnection, sql: string): Promise<void> {
  const extracted = await conn.extractStatements(sql).catch((e: unknown) => {
    throw new AppError('INVALID_INPUT', `The filter is not a valid SQL expression over silver columns: ${(e as Error).message}`);
  });
  if (extracted.count !== 1)
    throw new AppError('INVALID_INPUT', 'The filter must be one boolean expression over silver columns, with no ";".');
  const prepared = await extracted.prepare(0);
  if (prepared.statementType !== StatementType.SELECT)
    throw new AppError('INVALID_INPUT', 'The filter must be a boolean expression, not a statement.');
}

/** Silver rows a model of this kind scores, filtered by the user's expression (checked as above). */
export async function sqlCohortFrame(
  engine: Engine,
  schemaOf: ModelName,
  where: string,
  limit: number,
  signal?: AbortSignal,
  options: { params?: Record<string, string>; sample?: boolean; features?: readonly FrameFeature[] } = {},
): Promise<CohortFrame> {
  await requireSilver(engine);
  await checkUntrustedFilter(engine, where, 'The cohort filter');
  const def = DEFINITIONS[schemaOf];
  const features = options.features ?? def.features;
  const filter = where.trim() ? `(${where})` : 'TRUE';
  const rows = `SELECT * FROM payments_enriched_silver WHERE (${def.eligible}) AND ${filter}`;
  const silver = options.sample
    ? `SELECT * FROM (${rows}) USING SAMPLE reservoir(${Math.floor(limit)} ROWS)`
    : `${rows} LIMIT ${Math.floor(limit)}`;
  const sql = frameSql(def.sql, features, silver, def.classes);
  const frame = await engine.withConnection(sql, { signal, timeoutMs: 5 * 60_000 }, async (conn) => {
    await assertSingleSelect(conn, sql);
    return readFrame(conn, sql, { ...splitParams(def.sql, NO_SPLIT), ...options.params }, features, { ids: true, signal });
  });
  return { ...frame, features: [...features] };
}

/**
 * Rows from CSV text: every feature column must be there (the message names the missing
 * ones) and every value valid for `features`; a `label` column, if any, gives metrics.
 */
export async function csvCohortFrame(
  engine: Engine,
  tmpDir: string,
  schemaOf: ModelName,
  csv: string,
  features: FeatureSpec[],
): Promise<CohortFrame> {
  mkdirSync(tmpDir, { recursive: true });
  const path = join(tmpDir, `cohort-${process.pid}-${Date.now()}.csv`);
  writeFileSync(path, csv);
  try {
    const source = `SELECT * FROM read_csv($path, header = true, sample_size = -1)`;
    const result = await engine.query(source, { params: { path }, maxRows: MAX_CSV_ROWS }).catch((e: unknown) => {
      throw new AppError('INVALID_FILE', `Could not read the CSV: ${(e as Error).message}`);
    });
    if (result.truncated)
      throw new AppError(
        'INVALID_INPUT',
        `The CSV has more than ${MAX_CSV_ROWS.toLocaleString('en-US')} rows; score larger cohorts with a filter over silver.`,
      );
    const names = result.columns.map((c) => c.name);
    const missing = features.filter((f) => !names.includes(f.name)).map((f) => f.name);
    if (missing.length) {
      throw new AppError(
        'INVALID_INPUT',
        `The CSV has no column ${missing.map((m) => `"${m}"`).join(', ')}; this model needs: ${features.map((f) => f.name).join(', ')}.`,
        {
          details: missing.map((m) => ({ row: 0, field: m, message: `Missing column ${m}.` })),
        },
      );
    }
    const def = DEFINITIONS[schemaOf];
    const labelAt = names.indexOf('label');
    const idAt = names.indexOf('transaction_id');
    const records: FeatureRecord[] = [];
    const errors: { row: number; field: string; message: string }[] = [];
    result.rows.forEach((row, r) => {
      const rec: Record<string, unknown> = {};
      for (const f of features) {
        const v = row[names.indexOf(f.name)];
        rec[f.name] = typeof v === 'string' && f.type !== 'category' ? v.trim() : v;
      }
      const checked = validateRecord(features, rec, r + 2);
      if (checked.ok) records.push(checked.value);
      else errors.push(...checked.errors);
    });
    if (errors.length) {
      const first = errors
        .slice(0, 5)
        .map((e) => `line ${e.row}: ${e.message}`)
        .join(' ');
      throw new AppError('INVALID_INPUT', `${errors.length} value${errors.length === 1 ? '' : 's'} in the CSV cannot be scored. ${first}`, {
        details: errors.slice(0, 100),
      });
    }
    const n = records.length;
    const frame = recordsToFrame(records, features);
    result.rows.forEach((row, r) => {
      frame.label[r] = labelAt >= 0 ? def.classes.indexOf(String(row[labelAt])) : -1;
      frame.ids[r] = idAt >= 0 ? String(row[idAt]) : `csv-line-${r + 2}`;
      const amount = records[r]!.amount;
      frame.amount[r] = typeof amount === 'number' ? amount : 0;
    });
    return { ...frame, n, features };
  } finally {
    rmSync(path, { force: true });
  }
}

/** Validated records as a frame coded against `features`. */
export function recordsToFrame(records: FeatureRecord[], features: FeatureSpec[]): Frame {
  const n = records.length;
  const cats = features.map((f) => new Map((f.categories ?? []).map((c, i) => [c, i])));
  const columns = features.map((f, j) =>
    Float64Array.from(records, (r) => {
      const v = r[f.name];
      if (f.type === 'category') return cats[j]!.get(String(v)) ?? -1;
      if (f.type === 'boolean') return v === true ? 1 : 0;
      return Number(v);
    }),
  );
  return {
    n,
    columns,
    label: new Int32Array(n).fill(-1),
    time: new Float64Array(n),
    amount: new Float64Array(n),
    ids: records.map((_, i) => `record-${i}`),
    categories: features.map((f) => [...(f.categories ?? [])]),
  };
}

export async function cohortFrame(
  engine: Engine,
  tmpDir: string,
  schemaOf: ModelName,
  cohort: Cohort,
  features: FeatureSpec[],
  signal?: AbortSignal,
): Promise<CohortFrame> {
  if (cohort.kind === 'csv') return csvCohortFrame(engine, tmpDir, schemaOf, cohort.csv, features);
  return sqlCohortFrame(engine, schemaOf, cohort.where, cohort.limit, signal, { features });
}
