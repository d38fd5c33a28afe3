import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BUILTIN_DASHBOARDS } from '../dashboards/builtin';
import { AppError } from '../../shared/errors';
import type { Engine } from '../engine/engine';
import { bundleFiles, type BundleProvenance } from './bundle-files';

export interface ExportBundleInput {
  out: string;
  catalog?: string;
  schema?: string;
  /** Write into a folder that already holds files (ours are replaced, others left alone). */
  force?: boolean;
}

export interface ExportBundleResult {
  out: string;
  catalog: string;
  schema: string;
  files: string[];
  silverRows: number;
}

/** A user mistake refused before anything is written: one line that says what to do. */
const refuse = (message: string) => new AppError('INVALID_INPUT', message);

/** Unity Catalog names we write unquoted into YAML and SQL: an allowlist, letters, digits and underscores. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/u;

function checkIdentifier(kind: string, value: string): string {
  if (!IDENTIFIER.test(value)) {
    throw refuse(`${kind} "${value}" is not an identifier: use letters, digits and underscores, not starting with a digit.`);
  }
  return value;
}

async function provenance(engine: Engine): Promise<BundleProvenance> {
  const runs = await engine
    .query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'pipeline_runs'`)
    .then((r) => Number(r.rows[0]?.[0] ?? 0));
  const rows = runs ? await engine.query(`SELECT count(*), max(event_timestamp)::VARCHAR FROM payments_enriched_silver`) : undefined;
  const silverRows = Number(rows?.rows[0]?.[0] ?? 0);
  if (!silverRows) {
    throw refuse('This database has no pipeline run yet: replay or stream some events first (medallion replay), then export.');
  }
  return { silverRows, newestEvent: (rows?.rows[0]?.[1] as string | null) ?? null };
}

/**
 * Writes the Databricks Asset Bundle of the local medallion (pipeline, gold views, dashboards)
 * to `out`. Every check runs first; the files are written to a staging folder next to `out` and
 * only then moved into place, so a failure leaves `out` as it was.
 */
export async function exportDatabricksBundle(engine: Engine, input: ExportBundleInput): Promise<ExportBundleResult> {
  const catalog = checkIdentifier('Catalog', input.catalog ?? 'main');
  const schema = checkIdentifier('Schema', input.schema ?? 'payments');
  const out = resolve(input.out);
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw refuse(`${out} is a file, not a folder: choose a folder for the bundle.`);
    if (readdirSync(out).length > 0 && !input.force) {
      // CONFLICT, not a mistake: the app offers to replace (its handler remembers this folder), the CLI names its flag.
      throw new AppError('CONFLICT', `${out} is not empty: choose an empty folder, or replace the bundle's files there.`, {
        details: { folder: out },
      });
    }
  }
  const from = await provenance(engine);
  const files = bundleFiles({ catalog, schema }, BUILTIN_DASHBOARDS, from);
  mkdirSync(dirname(out), { recursive: true });
  const staging = mkdtempSync(join(dirname(out), '.medallion-bundle-'));
  try {
    for (const [path, text] of files) {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      writeFileSync(join(staging, path), text);
    }
    if (!existsSync(out)) {
      renameSync(staging, out);
    } else {
      for (const path of files.keys()) {
        mkdirSync(dirname(join(out, path)), { recursive: true });
        renameSync(join(staging, path), join(out, path));
      }
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { out, catalog, schema, files: [...files.keys()].sort(), silverRows: from.silverRows };
}
