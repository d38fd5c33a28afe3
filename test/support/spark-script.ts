// Runs a Databricks SQL script on local Apache Spark (PySpark, local mode, loopback only) through
// test/support/spark/run_script.py, after parsing every statement with sqlglot read='databricks'.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { requirePython, sparkEnv } from './python-env';

export interface SparkRelation {
  columns: { name: string; type: string }[];
  rows: unknown[][];
}

export interface SparkScriptResult {
  statements: number;
  parse_errors: { statement: string; error: string }[];
  errors: { statement: string; error: string }[];
  relations: Record<string, SparkRelation>;
  seconds: number;
}

/** Creates `tables` over Parquet files, runs `script` statement by statement, and returns the rows of `dump`. */
export async function runSparkScript(spec: { tables: Record<string, string>; script: string; dump: string[] }): Promise<SparkScriptResult> {
  const dir = mkdtempSync(join(tmpdir(), 'medallion-spark-'));
  const scriptPath = join(dir, 'script.sql');
  writeFileSync(scriptPath, spec.script);
  const out = join(dir, 'out.json');
  const specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify({ tables: spec.tables, script: scriptPath, dump: spec.dump, out }));
  await promisify(execFile)(requirePython(), [join(import.meta.dirname, 'spark', 'run_script.py'), specPath], {
    env: sparkEnv(),
    maxBuffer: 64 * 1024 * 1024,
    // A minute on a quiet 2-core machine; many more when eight Spark runs share it.
    timeout: 900_000,
  });
  return JSON.parse(readFileSync(out, 'utf8')) as SparkScriptResult;
}
