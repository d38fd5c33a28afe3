import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cohort } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { validateRecord, type FeatureRecord, type FeatureSpec, type ModelName } from '../../shared/models/schema';
import type { SqlTarget } from '../engine/sql-target';
import { DEFINITIONS } from './definitions';
import { frameSql, readFrame, type ColumnarRead, type Frame, type FrameFeature } from './frame';
import { requireSilver, splitParams } from './trainer';

/** Far enough in the future that routing labels use every silver row as one window. */
export const NO_SPLIT = '9999-12-31 00:00:00';
export const MAX_CSV_ROWS = 200_000;

export interface CohortFrame extends Frame {
  features: FrameFeature[];
}

/**
 * Gates a filter someone typed or saved (a model cohort's or a policy run's `where`) on `target`:
 * judged as the SELECT over silver it becomes, so its functions and relations meet the same
 * allowlist, before it is spliced into a frame query. Not planned: `$name` parameters are bound later.
 */
export async function checkFilter(target: SqlTarget, where: string, origin: string): Promise<void> {
  if (!where.trim()) return;
  try {
    await target.gate(`SELECT * FROM payments_enriched_silver WHERE (${where}\n) LIMIT 1`, { origin, plan: false });
  } catch (error) {
    if (error instanceof AppError && error.code === 'SQL_ERROR') {
      throw new AppError('INVALID_INPUT', `The filter is not a valid SQL expression over silver columns: ${error.message}`);
    }
    throw error;
  }
}

/** The target's frame reader; models score rows of the local database only. */
export function columnarOf(target: SqlTarget): ColumnarRead {
  const columnar = target.columnar;
  if (!columnar) throw new AppError('UNAVAILABLE', `Models read their rows from the local database, not ${target.info.place}.`);
  return (sql, options) => columnar(sql, options);
}

/** Silver rows a model of this kind scores, filtered by the user's expression (checked as above). */
export async function sqlCohortFrame(
  target: SqlTarget,
  schemaOf: ModelName,
  where: string,
  limit: number,
  signal?: AbortSignal,
  options: { params?: Record<string, string>; sample?: boolean; features?: readonly FrameFeature[] } = {},
): Promise<CohortFrame> {
  await requireSilver(target);
  await checkFilter(target, where, 'The cohort filter');
  const def = DEFINITIONS[schemaOf];
  const features = options.features ?? def.features;
  const filter = where.trim() ? `(${where})` : 'TRUE';
  const rows = `SELECT * FROM payments_enriched_silver WHERE (${def.eligible}) AND ${filter}`;
  const silver = options.sample
    ? `SELECT * FROM (${rows}) USING SAMPLE reservoir(${Math.floor(limit)} ROWS)`
    : `${rows} LIMIT ${Math.floor(limit)}`;
  const sql = frameSql(def.sql, features, silver, def.classes);
  const params = { ...splitParams(def.sql, NO_SPLIT), ...options.params };
  const frame = await readFrame(columnarOf(target), sql, params, features, { ids: true, signal, timeoutMs: 5 * 60_000 });
  return { ...frame, features: [...features] };
}

/**
 * Rows from CSV text: every feature column must be there (the message names the missing
 * ones) and every value valid for `features`; a `label` column, if any, gives metrics.
 */
export async function csvCohortFrame(
  target: SqlTarget,
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
    const result = await target.query(source, { params: { path }, maxRows: MAX_CSV_ROWS }).catch((e: unknown) => {
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
  target: SqlTarget,
  tmpDir: string,
  schemaOf: ModelName,
  cohort: Cohort,
  features: FeatureSpec[],
  signal?: AbortSignal,
): Promise<CohortFrame> {
  if (cohort.kind === 'csv') return csvCohortFrame(target, tmpDir, schemaOf, cohort.csv, features);
  return sqlCohortFrame(target, schemaOf, cohort.where, cohort.limit, signal, { features });
}
