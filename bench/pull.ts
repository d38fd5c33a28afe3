import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DBSQLClient } from '@databricks/sql';
import { createCore } from '../src/core/core';
import { pullToLocal } from '../src/core/warehouse/pull';
import { benchDataDir, machine, round } from './support';

interface EmulatorInfo {
  host: string;
  port: number;
  path: string;
  token: string;
  caCertFile: string;
}

/** Starts `npm run warehouse-emulator` in its own process (so client and server do not share an event loop). */
async function startEmulator(rows: number): Promise<{ info: EmulatorInfo; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(process.cwd(), 'scripts', 'warehouse-emulator.mjs'), '--bench-rows', String(rows), '--events', '10', '--result-cache'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the emulator exited with code ${code}`)));
  });
  return { info: JSON.parse(line) as EmulatorInfo, child };
}

/**
 * Pull-to-local throughput: 1M rows × 10 mixed columns (BIGINT, STRING, TIMESTAMP, DATE,
 * DECIMAL(12,2), STRING, BOOLEAN, DOUBLE, INT, BIGINT) from the warehouse emulator over
 * HTTPS with the real driver into a local DuckDB file, once through Arrow batches read
 * directly and once through the driver's row API. Also times a fetchChunk drain of the row API
 * without DuckDB, and the emulator's own first pass, to show where the time goes.
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const rows = Number(args[0] ?? 1_000_000);
  const dir = join(benchDataDir(), 'pull');
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const { info, child } = await startEmulator(rows);
  const emulatorStartMs = performance.now() - started;
  const core = await createCore({
    mode: 'cli',
    userDataDir: dir,
    databasePath: join(dir, 'pull-bench.duckdb'),
    warehouseLog: () => undefined,
  });
  const results: Record<string, unknown> = {};
  try {
    const profile = await core.warehouse.saveProfile({
      name: 'bench',
      host: `${info.host}:${info.port}`,
      httpPath: info.path,
      catalog: 'memory',
      schema: 'main',
      authType: 'pat',
      secret: info.token,
      caCertPath: info.caCertFile,
    });
    const resolved = await core.warehouse.profiles.resolve(profile.id);
    const client = new DBSQLClient({ logger: { log: () => undefined } as never });
    const { readFileSync } = await import('node:fs');
    await client.connect({
      host: info.host,
      port: info.port,
      path: info.path,
      token: info.token,
      customCaCert: readFileSync(info.caCertFile, 'utf8'),
      preserveBigNumericPrecision: true,
      telemetryEnabled: false,
    } as never);
    const session = await client.openSession({ initialCatalog: 'memory', initialSchema: 'main' });
    // First pass: the emulator queries DuckDB and encodes Arrow (its own cost); later passes replay
    // its result cache, so they measure the client: driver, conversion and the local DuckDB.
    const cold = performance.now();
    const warm = await session.executeStatement('SELECT * FROM `memory`.`main`.`bench_pull`');
    let warmed = 0;
    do warmed += (await warm.fetchChunk({ maxRows: 50_000 })).length;
    while (await warm.hasMoreRows());
    await warm.close();
    const coldSeconds = (performance.now() - cold) / 1000;
    results.emulator_first_pass = { rows: warmed, seconds: round(coldSeconds), rows_per_second: Math.round(warmed / coldSeconds) };
    for (const mode of ['auto', 'rows'] as const) {
      const t = performance.now();
      const r = await pullToLocal(session, core.engine, {
        profile: resolved,
        source: { kind: 'table', catalog: 'memory', schema: 'main', table: 'bench_pull' },
        target: `bench_pull_${mode}`,
        replace: true,
        mode,
        onProgress: () => undefined,
      });
      const check = await core.engine.query(
        `SELECT count(*), sum(amount)::VARCHAR, max(big_id)::VARCHAR, typeof(any_value(amount)), typeof(any_value(event_date)), typeof(any_value(event_timestamp)) FROM bench_pull_${mode}`,
      );
      results[r.reader === 'arrow' ? 'pull_arrow_batches' : 'pull_driver_row_api'] = {
        rows: r.rows,
        seconds: round((performance.now() - t) / 1000),
        rows_per_second: Math.round(r.rowsPerSecond),
        check: check.rows[0],
      };
    }
    const t = performance.now();
    const op = await session.executeStatement('SELECT * FROM `memory`.`main`.`bench_pull`');
    let drained = 0;
    do drained += (await op.fetchChunk({ maxRows: 50_000 })).length;
    while (await op.hasMoreRows());
    await op.close();
    const drainSeconds = (performance.now() - t) / 1000;
    results.drain_driver_row_api_no_duckdb = {
      rows: drained,
      seconds: round(drainSeconds),
      rows_per_second: Math.round(drained / drainSeconds),
    };
    await session.close();
    await client.close();
  } finally {
    await core.close();
    child.kill('SIGTERM');
  }
  return {
    benchmark: 'pull',
    rows,
    columns: 10,
    target_rows_per_second: 100_000,
    emulator_start_ms: round(emulatorStartMs),
    ...results,
    note: 'emulator (DuckDB + Arrow encoding) runs in a separate process on the same 2-core machine',
    machine: machine(),
  };
}
