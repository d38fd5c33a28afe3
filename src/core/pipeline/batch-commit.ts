import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { BIGINT, LIST, VARCHAR, listValue, timestampValue } from '@duckdb/node-api';
import insertBatchSql from './batch/insert_batch.sql?raw';
import insertBronzeSql from './batch/insert_bronze.sql?raw';
import insertExpectationSql from './batch/insert_expectation.sql?raw';
import insertGoldPartialsSql from './batch/insert_gold_partials.sql?raw';
import compactGoldPartialsSql from './batch/compact_gold_partials.sql?raw';
import insertQuarantineSql from './batch/insert_quarantine.sql?raw';
import insertSilverSql from './batch/insert_silver.sql?raw';
import markSilverDuplicatesSql from './batch/mark_silver_duplicates.sql?raw';
import addStageRetryReasonSql from './batch/add_stage_retry_reason.sql?raw';
import resolveStageRetriesSql from './batch/resolve_stage_retry_reasons.sql?raw';
import resolveRetriesSql from './batch/resolve_retry_reasons.sql?raw';
import stageStatsSql from './batch/stage_stats.sql?raw';
import deliverDueRetriesSql from './batch/deliver_due_retries.sql?raw';
import dropDeliveredRetriesSql from './batch/drop_delivered_retries.sql?raw';
import deferFutureRetriesSql from './batch/defer_future_retries.sql?raw';
import dropFutureFromStageSql from './batch/drop_future_from_stage.sql?raw';
import { runWith } from './param-types';

/** Every this many folds the gold partials are compacted (live streams commit thousands of batches). */
const COMPACT_EVERY = 200;

/** Identifies one batch of one run; (runKey, batchNo) is what makes a rerun skip it. */
export interface BatchMeta {
  runKey: string;
  batchNo: number;
  source: string;
  slotLo: number;
  slotHi: number;
  /** Also drop rows whose transaction_id is already in silver (files, overlapping runs). */
  dedupeAgainstSilver: boolean;
  /**
   * Records the source could not even read (file parse errors, wrong types): quarantined in
   * this batch's transaction by SQL given $batch_id, $ingested_at and $source.
   */
  unreadable?: { sql: string; rows: number };
  /**
   * Fold silver into gold_partials in this transaction (default). A live stream folds only now
   * and then: a fold has a fixed cost (one GROUP BY per family) whatever the batch size.
   */
  foldGold?: boolean;
  /**
   * Live streams: the batch's time (µs). Staged retries stamped after it move to
   * pipeline_pending_retries, and pending ones now due join the batch, in its transaction.
   */
  deferRetriesAfterUs?: bigint;
}

/** What one committed batch did, as the expectations report and the progress events show it. */
export interface BatchResult {
  batchId: number;
  delivered: number;
  silver: number;
  /** Approved events among the batch's silver rows (for live KPIs without a rescan). */
  approved: number;
  quarantined: { valid_transaction_id: number; valid_amount: number; duplicate: number; unreadable: number };
  warned: number;
  minTs: Date | null;
  maxTs: Date | null;
  committedAt: Date;
}

/**
 * Moves the staged batch (temp table `pipeline_stage`) into bronze, quarantine and silver and
 * records its expectations and its commit row, all in ONE transaction: after a crash the batch
 * is either entirely there or entirely absent, and (runKey, batchNo) is unique, so a rerun
 * that regenerates the same batch cannot add it twice.
 */
export async function commitStagedBatch(conn: DuckDBConnection, meta: BatchMeta): Promise<BatchResult> {
  // Before the transaction: DuckDB refuses to commit a transaction that both updated and altered a table.
  await conn.run(addStageRetryReasonSql);
  await conn.run('BEGIN TRANSACTION');
  try {
    const result = await commitInTransaction(conn, meta);
    await conn.run('COMMIT');
    return result;
  } catch (error) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function commitInTransaction(conn: DuckDBConnection, meta: BatchMeta): Promise<BatchResult> {
  const next = await conn.runAndReadAll('SELECT coalesce(max(batch_id), 0) + 1 FROM pipeline_batches');
  const batchId = Number(next.getRows()[0]?.[0] ?? 1);
  const committedAt = new Date();
  const common: Record<string, DuckDBValue> = {
    batch_id: BigInt(batchId),
    ingested_at: timestampValue(BigInt(committedAt.getTime()) * 1000n),
    source: meta.source,
  };
  if (meta.dedupeAgainstSilver) await conn.run(markSilverDuplicatesSql);
  // A retry whose first attempt is staged with it takes its reason from the stage (cheap); only
  // the rest need the lookup in silver below.
  await conn.run(resolveStageRetriesSql);
  if (meta.deferRetriesAfterUs !== undefined) {
    const due = { due_us: meta.deferRetriesAfterUs };
    for (const sql of [deferFutureRetriesSql, dropFutureFromStageSql, deliverDueRetriesSql, dropDeliveredRetriesSql])
      await runWith(conn, sql, due);
  }
  const stats = (await conn.runAndReadAll(stageStatsSql)).getRowObjects()[0] ?? {};
  const n = (k: string) => Number(stats[k] ?? 0);
  await runWith(conn, insertBronzeSql, common);
  await runWith(conn, insertQuarantineSql, common);
  const unreadable = meta.unreadable?.rows ?? 0;
  if (meta.unreadable && unreadable > 0) await runWith(conn, meta.unreadable.sql, common);
  await runWith(conn, insertSilverSql, common);
  if (n('unresolved_retries') > 0) await runWith(conn, resolveRetriesSql, common);
  if (meta.foldGold ?? true) await foldGoldPartials(conn, batchId, common);

  const delivered = n('delivered');
  const quarantined = { valid_transaction_id: n('null_id'), valid_amount: n('bad_amount'), duplicate: n('duplicates'), unreadable };
  const silver = delivered - quarantined.valid_transaction_id - quarantined.valid_amount - quarantined.duplicate;
  const dropped = delivered - silver + unreadable;
  const warned = n('bad_fraud_score');
  const expectations: [string, string, number, number][] = [
    ['readable_record', 'drop', delivered, unreadable],
    ['valid_transaction_id', 'drop', delivered - quarantined.valid_transaction_id, quarantined.valid_transaction_id],
    ['valid_amount', 'drop', delivered - quarantined.valid_transaction_id - quarantined.valid_amount, quarantined.valid_amount],
    ['unique_transaction_id', 'drop', silver, quarantined.duplicate],
    ['valid_fraud_score', 'warn', silver - warned, warned],
  ];
  await runWith(
    conn,
    insertExpectationSql,
    {
      ...common,
      expectations: listValue(expectations.map((e) => e[0])),
      actions: listValue(expectations.map((e) => e[1])),
      passed: listValue(expectations.map((e) => BigInt(e[2]))),
      failed: listValue(expectations.map((e) => BigInt(e[3]))),
    },
    { expectations: LIST(VARCHAR), actions: LIST(VARCHAR), passed: LIST(BIGINT), failed: LIST(BIGINT) },
  );
  const minTs = toDate(stats.min_ts);
  const maxTs = toDate(stats.max_ts);
  const batchParams: Record<string, DuckDBValue> = {
    ...common,
    run_key: meta.runKey,
    batch_no: BigInt(meta.batchNo),
    slot_lo: BigInt(meta.slotLo),
    slot_hi: BigInt(meta.slotHi),
    bronze_rows: BigInt(delivered),
    silver_rows: BigInt(silver),
    quarantined_rows: BigInt(dropped),
    warned_rows: BigInt(warned),
    min_ts: minTs ? timestampValue(BigInt(minTs.getTime()) * 1000n) : null,
    max_ts: maxTs ? timestampValue(BigInt(maxTs.getTime()) * 1000n) : null,
  };
  await runWith(conn, insertBatchSql, batchParams);
  return { batchId, delivered, silver, approved: n('approved'), quarantined, warned, minTs, maxTs, committedAt };
}

/**
 * Adds every silver batch after the watermark up to `batchId` to gold_partials and moves the
 * watermark, inside the caller's transaction; compacts the partials every COMPACT_EVERY folds.
 */
async function foldGoldPartials(conn: DuckDBConnection, batchId: number, common: Record<string, DuckDBValue>): Promise<void> {
  const r = await conn.runAndReadAll('SELECT coalesce(max(watermark), 0), count(*) FROM gold_partials_state');
  const [watermark, folds] = (r.getRows()[0] ?? [0, 0]).map(Number);
  if ((watermark ?? 0) >= batchId) return;
  await runWith(conn, insertGoldPartialsSql, { ...common, batch_id: BigInt(batchId), watermark: BigInt(watermark ?? 0) });
  await runWith(conn, 'INSERT INTO gold_partials_state VALUES ($batch_id, $ingested_at)', { ...common, batch_id: BigInt(batchId) });
  if (((folds ?? 0) + 1) % COMPACT_EVERY === 0) await conn.run(compactGoldPartialsSql);
}

/** Folds whatever silver batches are not yet in gold_partials, in a transaction of its own. */
export async function foldPendingGold(conn: DuckDBConnection): Promise<void> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const r = await conn.runAndReadAll('SELECT coalesce(max(batch_id), 0) FROM pipeline_batches');
    const last = Number(r.getRows()[0]?.[0] ?? 0);
    await foldGoldPartials(conn, last, { ingested_at: timestampValue(BigInt(Date.now()) * 1000n) });
    await conn.run('COMMIT');
  } catch (error) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const micros = (value as { micros?: bigint }).micros;
  if (typeof micros === 'bigint') return new Date(Number(micros / 1000n));
  return new Date(String(value));
}
