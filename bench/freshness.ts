import { rmSync } from 'node:fs';
import { Engine } from '../src/core/engine/engine';
import { LiveStream } from '../src/core/pipeline/live';
import { dataFile, machine, round } from './support';

/**
 * Live freshness: a stream at 1,000 and at 100,000 events/s for 30 s each (args: seconds).
 * An event's delay is from its event_timestamp to the moment its micro-batch had committed and
 * the KPI totals were updated (what pipeline.progressed / kpis.changed then push). Target p95 < 1 s.
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const seconds = Number(args[0] ?? 30);
  const out: Record<string, unknown> = { benchmark: 'freshness', seconds_per_rate: seconds };
  for (const rate of [1_000, 100_000]) {
    const path = dataFile(`freshness-${rate}.duckdb`);
    rmSync(path, { force: true });
    rmSync(`${path}.wal`, { force: true });
    const engine = await Engine.open({ path });
    const visibleAt = new Map<number, number>();
    const stream = new LiveStream(engine, { rate, seed: 3 }, (s) => {
      if (s.lastBatch) visibleAt.set(s.lastBatch.batchId, Date.now());
    });
    await stream.start();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    await stream.stop();
    const status = stream.status();
    await engine.withConnection('-- visible', {}, async (conn) => {
      await conn.run('CREATE TEMP TABLE visible (batch_id BIGINT, visible_ms BIGINT)');
      const appender = await conn.createAppender('visible', 'main', 'temp');
      for (const [batch, at] of visibleAt) {
        appender.appendBigInt(BigInt(batch));
        appender.appendBigInt(BigInt(at));
        appender.endRow();
      }
      appender.closeSync();
      const r = await conn.runAndReadAll(`SELECT
          quantile_cont(v.visible_ms - epoch_ms(s.event_timestamp), 0.5), quantile_cont(v.visible_ms - epoch_ms(s.event_timestamp), 0.95),
          max(v.visible_ms - epoch_ms(s.event_timestamp)), count(*)
        FROM payments_enriched_silver s JOIN visible v ON v.batch_id = s._batch_id`);
      const [p50, p95, max, events] = r.getRows()[0]!.map(Number);
      out[`rate_${rate}`] = {
        target_rate: rate,
        achieved_events_per_second: Math.round(status.events / seconds),
        events_measured: events,
        batches: status.batches,
        delay_p50_ms: round(p50!),
        delay_p95_ms: round(p95!),
        delay_max_ms: round(max!),
      };
    });
    engine.close();
  }
  return { ...out, machine: machine() };
}
