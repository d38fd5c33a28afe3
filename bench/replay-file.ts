import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../src/core/engine/engine';
import { replay } from '../src/core/pipeline/replay';
import { dataFile, machine, round } from './support';

const EVENT_COLUMNS = `transaction_id, event_timestamp, merchant_id, merchant_name, merchant_segment, merchant_country, issuer_country,
  card_network, card_type, channel, payment_solution, processor, amount, currency, uses_3ds, three_ds_outcome, is_network_token,
  fraud_score, aml_risk_score, device_trust_score, velocity_score, is_approved, decline_reason, response_code, is_retry,
  retry_attempt, original_transaction_id, seconds_since_decline, processing_latency_ms, is_fraud`;

/**
 * `medallion replay --file` speed: 3M recorded events (simulated once, exported as CSV and
 * Parquet from bronze) replayed into fresh database files, bronze and silver persisted. Each
 * replay runs as its own `medallion replay` process, so its peak RSS is the replay's alone.
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const events = Number(args[0] ?? 3_000_000);
  const source = dataFile('replay-file-source.duckdb');
  const csv = dataFile('recorded.csv');
  const parquet = dataFile('recorded.parquet');
  fresh(source);
  const engine = await Engine.open({ path: source });
  await replay(engine, { events, days: 30, seed: 11, faultRate: 0.002 });
  await engine.run(`COPY (SELECT ${EVENT_COLUMNS} FROM payments_raw_bronze) TO '${csv}' (HEADER)`);
  await engine.run(`COPY (SELECT ${EVENT_COLUMNS} FROM payments_raw_bronze) TO '${parquet}' (FORMAT parquet)`);
  engine.close();
  const results: Record<string, unknown> = {};
  for (const [format, file] of [['csv', csv], ['parquet', parquet]] as const) {
    const target = dataFile(`replay-file-${format}.duckdb`);
    fresh(target);
    const cli = spawnSync(process.execPath, [join(process.cwd(), 'bin', 'medallion.cjs'), 'replay', '--db', target, '--file', file], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (cli.status !== 0) throw new Error(`medallion replay --file ${file} failed: ${cli.stderr}`);
    const summary = JSON.parse(cli.stdout) as { events_generated: number; silver: number; quarantined: unknown; elapsed_seconds: number; peak_rss_mb: number };
    results[format] = {
      records: summary.events_generated,
      silver: summary.silver,
      quarantined: summary.quarantined,
      seconds: round(summary.elapsed_seconds),
      events_per_second: Math.round(summary.events_generated / summary.elapsed_seconds),
      peak_rss_mb: summary.peak_rss_mb,
    };
  }
  return { benchmark: 'replay-file', events, ...results, machine: machine() };
}

function fresh(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
}
