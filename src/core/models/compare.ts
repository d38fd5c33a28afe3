import type { CompareResult } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { cohortMetrics, scoreOf } from './batch';
import type { CohortFrame } from './cohort';
import type { Scorer } from './registry';
import { argmax, recordAt, scoreFrame } from './scoring';

export const MAX_DISAGREEMENTS = 200;

/** Scores one cohort with two models of the same kind and lists where their labels differ. */
export async function compareModels(a: Scorer, b: Scorer, frame: CohortFrame, signal?: AbortSignal): Promise<CompareResult> {
  if (a.info.schemaOf !== b.info.schemaOf) {
    throw new AppError(
      'INVALID_INPUT',
      `${a.info.id} predicts ${a.info.schemaOf} and ${b.info.id} predicts ${b.info.schemaOf}; compare two models of the same kind.`,
    );
  }
  if (frame.n === 0) throw new AppError('INVALID_INPUT', 'The cohort is empty: no rows to compare on.');
  const [sa, sb] = [await scoreFrame(a, frame, signal), await scoreFrame(b, frame, signal)];
  const ka = a.classes.length;
  const kb = b.classes.length;
  const counts = (s: Scorer) => Object.fromEntries(s.classes.map((c) => [c, 0])) as Record<string, number>;
  const ca = counts(a);
  const cb = counts(b);
  let both = 0;
  let agree = 0;
  const disagreements: CompareResult['disagreements'] = [];
  for (let i = 0; i < frame.n; i++) {
    if (!sa.valid[i] || !sb.valid[i]) continue;
    both++;
    const la = a.classes[argmax(sa.probs, i, ka)]!;
    const lb = b.classes[argmax(sb.probs, i, kb)]!;
    ca[la]!++;
    cb[lb]!++;
    if (la === lb) agree++;
    else if (disagreements.length < MAX_DISAGREEMENTS) {
      disagreements.push({
        row: i,
        record: { transaction_id: frame.ids[i], ...recordAt(frame, i) },
        a: la,
        b: lb,
        aScore: Math.round(scoreOf(a, sa.probs, i) * 10_000) / 10_000,
        bScore: Math.round(scoreOf(b, sb.probs, i) * 10_000) / 10_000,
        actual: frame.label[i]! >= 0 ? a.classes[frame.label[i]!]! : null,
      });
    }
  }
  return {
    rows: both,
    agreement: both ? Math.round((agree / both) * 10_000) / 10_000 : 0,
    a: { id: a.info.id, metrics: cohortMetrics(a, frame, sa), classCounts: ca },
    b: { id: b.info.id, metrics: cohortMetrics(b, frame, sb), classCounts: cb },
    disagreements,
  };
}
