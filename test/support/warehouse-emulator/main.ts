import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Engine } from '../../../src/core/engine/engine';
import { fillWithReplayFixture } from '../replay-fixture';
import { seedEvents } from '../warehouse-fixture';
import { startWarehouseEmulator } from './server';

/**
 * `npm run warehouse-emulator -- [--port N] [--token T] [--events N] [--replay N] [--bench-rows N] [--format arrow|columnar|cloudfetch]`:
 * a local Databricks SQL warehouse for trying the Connections page, the e2e tests and the
 * pull benchmark. `--replay N` serves the medallion tables and gold views of N replayed events
 * (the dashboards' data; use it with `--events 0`, whose toy view would clash). Prints one JSON line with where it listens and the CA file to trust.
 */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      token: { type: 'string' },
      path: { type: 'string' },
      events: { type: 'string', default: '1000' },
      replay: { type: 'string', default: '0' },
      'bench-rows': { type: 'string', default: '0' },
      format: { type: 'string', default: 'arrow' },
      'ca-out': { type: 'string' },
      'result-cache': { type: 'boolean', default: false },
    },
  });
  const benchRows = Number(values['bench-rows']);
  const replayEvents = Number(values.replay);
  // A file named memory.duckdb keeps the catalog name `memory`, as for the in-memory warehouse.
  const replayDir = replayEvents > 0 ? mkdtempSync(join(tmpdir(), 'warehouse-emulator-')) : undefined;
  if (replayDir) {
    const engine = await Engine.open({ path: join(replayDir, 'memory.duckdb'), threads: 2 });
    await fillWithReplayFixture(engine, { events: replayEvents, days: 3, incidents: true });
    engine.close();
  }
  const emulator = await startWarehouseEmulator({
    databasePath: replayDir ? join(replayDir, 'memory.duckdb') : undefined,
    port: Number(values.port),
    token: values.token,
    path: values.path,
    resultFormat: values.format === 'columnar' || values.format === 'cloudfetch' ? values.format : 'arrow',
    resultCache: values['result-cache'],
    init: async (conn) => {
      if (Number(values.events) > 0) await seedEvents(conn, Number(values.events));
      if (benchRows > 0) {
        await conn.run(`CREATE TABLE bench_pull AS SELECT i AS id, 'tx-' || i AS transaction_id,
          TIMESTAMP '2026-01-01' + to_seconds(i) AS event_timestamp, DATE '2026-01-01' + (i % 365)::INT AS event_date,
          ((i * 7919) % 1000000 / 100)::DECIMAL(12,2) AS amount, ['Visa','Mastercard','Amex','Elo','Discover'][1 + i % 5] AS card_network,
          i % 10 <> 0 AS is_approved, ((i * 31) % 1000 / 1000.0)::DOUBLE AS fraud_score, (i % 4)::INTEGER AS retry_attempt,
          9007199254740993 + i AS big_id
          FROM range(${benchRows}) t(i)`);
      }
    },
  });
  const caFile = values['ca-out'] ?? join(tmpdir(), `warehouse-emulator-${emulator.port}.pem`);
  writeFileSync(caFile, emulator.caCert);
  process.stdout.write(
    JSON.stringify({
      host: emulator.host,
      port: emulator.port,
      path: emulator.path,
      token: emulator.token,
      caCertFile: caFile,
      catalog: 'memory',
      schema: 'main',
    }) + '\n',
  );
  const stop = () =>
    void emulator.close().then(() => {
      if (replayDir) rmSync(replayDir, { recursive: true, force: true });
      process.exit(0);
    });
  // A control line on stdin, `starting <ms>`, makes the warehouse answer 503 + Retry-After: 1 for that long (auto-start).
  createInterface({ input: process.stdin }).on('line', (line) => {
    const ms = /^starting (\d+)$/.exec(line.trim())?.[1];
    if (ms) emulator.startFor(Number(ms), 1);
  });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
