import type { BatchResult, ModelMetrics } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { Engine } from '../engine/engine';
import type { CohortFrame } from './cohort';
import { computeMetrics } from './metrics';
import type { Scorer } from './registry';
import { argmax, scoreFrame, type FrameScores } from './scoring';
import { quoteIdent } from '../../shared/sql/quote';

/** The score shown in distributions: the positive class's probability, or the winning class's. */
export function scoreOf(scorer: Scorer, probs: Float64Array, i: number): number {
  const k = scorer.classes.length;
  const pos = scorer.info.positiveClass && k === 2 ? scorer.classes.indexOf(scorer.info.positiveClass) : -1;
  return pos >= 0 ? probs[i * k + pos]! : probs[i * k + argmax(probs, i, k)]!;
}

/** Metrics over the rows that have a known label and were scored; null when none do. */
export function cohortMetrics(scorer: Scorer, frame: CohortFrame, s: FrameScores): ModelMetrics | null {
  const k = scorer.classes.length;
  const truth: number[] = [];
  const probs: number[] = [];
  for (let i = 0; i < frame.n; i++) {
    if (!s.valid[i] || frame.label[i]! < 0) continue;
    truth.push(frame.label[i]!);
    for (let c = 0; c < k; c++) probs.push(s.probs[i * k + c]!);
  }
  if (!truth.length) return null;
  const pos = scorer.info.positiveClass && k === 2 ? scorer.classes.indexOf(scorer.info.positiveClass) : null;
  return computeMetrics(scorer.classes, Int32Array.from(truth), Float64Array.from(probs), pos);
}

/** Scores a cohort, summarises it and optionally writes the scores to a DuckDB table. */
export async function scoreBatch(
  engine: Engine,
  scorer: Scorer,
  frame: CohortFrame,
  saveAs: string | undefined,
  signal?: AbortSignal,
): Promise<BatchResult> {
  const started = performance.now();
  if (saveAs) {
    const bad = checkTableName(saveAs);
    if (bad)
      throw new AppError('INVALID_INPUT', `Table name "${saveAs}": ${bad}`, { details: [{ row: 0, field: 'saveAs', message: bad }] });
  }
  if (frame.n === 0) throw new AppError('INVALID_INPUT', 'The cohort is empty: no silver rows match the filter (for this model kind).');
  const s = await scoreFrame(scorer, frame, signal);
  const k = scorer.classes.length;
  const classCounts: Record<string, number> = Object.fromEntries(scorer.classes.map((c) => [c, 0]));
  const histogram = Array.from({ length: 20 }, (_, b) => ({ from: b / 20, to: (b + 1) / 20, count: 0 }));
  for (let i = 0; i < frame.n; i++) {
    if (!s.valid[i]) continue;
    classCounts[scorer.classes[argmax(s.probs, i, k)]!]!++;
    const score = scoreOf(scorer, s.probs, i);
    histogram[Math.min(19, Math.max(0, Math.floor(score * 20)))]!.count++;
  }
  const elapsedMs = performance.now() - started;
  const metrics = cohortMetrics(scorer, frame, s);
  if (saveAs) await saveScores(engine, saveAs, scorer, frame, s);
  const preview = { columns: ['transaction_id', 'predicted', 'score', 'actual'], rows: [] as unknown[][] };
  for (let i = 0; i < frame.n && preview.rows.length < 50; i++) {
    if (!s.valid[i]) continue;
    preview.rows.push([
      frame.ids[i],
      scorer.classes[argmax(s.probs, i, k)],
      round(scoreOf(scorer, s.probs, i)),
      frame.label[i]! >= 0 ? scorer.classes[frame.label[i]!] : null,
    ]);
  }
  return { rows: frame.n - s.skipped, elapsedMs, classCounts, histogram, metrics, savedTable: saveAs ?? null, preview };
}

/** Writes transaction_id, model, predicted label, score and class probabilities with the Appender. */
async function saveScores(engine: Engine, table: string, scorer: Scorer, frame: CohortFrame, s: FrameScores): Promise<void> {
  const k = scorer.classes.length;
  const probCols = scorer.classes.map((c) => `${quoteIdent(`p_${c.toLowerCase()}`)} DOUBLE`).join(', ');
  const ddl = `CREATE OR REPLACE TABLE ${quoteIdent(table)} (transaction_id VARCHAR, model_id VARCHAR, predicted_label VARCHAR, score DOUBLE, ${probCols}, actual_label VARCHAR, scored_at TIMESTAMP DEFAULT current_timestamp)`;
  await engine.withConnection(ddl, {}, async (conn) => {
    await conn.run(ddl);
    const appender = await conn.createAppender(table);
    for (let i = 0; i < frame.n; i++) {
      if (!s.valid[i]) continue;
      appender.appendVarchar(frame.ids[i]!);
      appender.appendVarchar(scorer.info.id);
      appender.appendVarchar(scorer.classes[argmax(s.probs, i, k)]!);
      appender.appendDouble(scoreOf(scorer, s.probs, i));
      for (let c = 0; c < k; c++) appender.appendDouble(s.probs[i * k + c]!);
      if (frame.label[i]! >= 0) appender.appendVarchar(scorer.classes[frame.label[i]!]!);
      else appender.appendNull();
      appender.appendDefault();
      appender.endRow();
    }
    appender.closeSync();
  });
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** A table name a user may pick for saved scores: letters, digits and underscores. */
function checkTableName(name: string): string | null {
  return /^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)
    ? null
    : 'Use letters, digits and underscores (start with a letter), at most 63 characters.';
}
