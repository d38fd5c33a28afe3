import { AppError } from '../../shared/errors';

/**
 * A first-come, first-served limit on how many queries run at once. DuckDB shares its threads
 * among every running statement, so 300 dashboard queries at once leave a live stream's commit
 * a 1/300 share of the CPU; queued here instead, writers keep their turn.
 */
export class QuerySlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  /** Runs `work` once a slot is free; a cancel while waiting leaves the queue without running it. */
  async run<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await this.wait(signal);
    else this.running += 1;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  /** Resolves holding a slot handed over by a finishing query (`running` stays the same). */
  private wait(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new AppError('CANCELLED', 'The statement was cancelled before it started.'));
      };
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }
}
