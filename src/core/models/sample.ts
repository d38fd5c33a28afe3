import { AppError } from '../../shared/errors';
import type { FeatureRecord } from '../../shared/models/schema';
import type { SqlTarget } from '../engine/sql-target';
import { sqlCohortFrame } from './cohort';
import type { Scorer } from './registry';
import { recordAt } from './scoring';

/** A real silver row as a model's inputs: by transaction_id, or a random eligible one. */
export async function sampleRow(
  target: SqlTarget,
  scorer: Scorer,
  transactionId?: string,
): Promise<{ transactionId: string; record: FeatureRecord; actual: string | null }> {
  const kind = scorer.info.schemaOf;
  for (let attempt = 0; attempt < 5; attempt++) {
    const frame = transactionId
      ? await sqlCohortFrame(target, kind, 'transaction_id = $tid', 1, undefined, { params: { tid: transactionId } })
      : await sqlCohortFrame(target, kind, '', 1, undefined, { sample: true });
    if (frame.n > 0) {
      return {
        transactionId: frame.ids[0]!,
        record: recordAt(frame, 0),
        actual: frame.label[0]! >= 0 ? (scorer.classes[frame.label[0]!] ?? null) : null,
      };
    }
    if (transactionId) break;
  }
  const what = kind === 'smart_retry' ? ' (this model scores retries: pick a transaction with is_retry = true)' : '';
  throw new AppError(
    'NOT_FOUND',
    transactionId
      ? `No silver row with transaction_id "${transactionId}" that ${scorer.info.id} can score${what}.`
      : `Silver has no rows ${scorer.info.id} can score${what}; replay some events first.`,
  );
}
