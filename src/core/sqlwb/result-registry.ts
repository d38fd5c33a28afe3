import { AppError } from '../../shared/errors';
import type { ResultHandle } from '../engine/sql-target';

const MAX_RESULTS = 40;

/** Open results by id, oldest dropped first so memory stays bounded however much a user runs. */
export class ResultRegistry {
  private readonly results = new Map<string, ResultHandle>();

  add(id: string, handle: ResultHandle): void {
    this.results.set(id, handle);
    while (this.results.size > MAX_RESULTS) {
      const oldest = this.results.keys().next().value as string;
      void this.results.get(oldest)?.dispose();
      this.results.delete(oldest);
    }
  }

  get(id: string): ResultHandle {
    const handle = this.results.get(id);
    if (!handle)
      throw new AppError(
        'NOT_FOUND',
        'This result is no longer available (too many newer results, or the app restarted). Run the statement again.',
      );
    // Touch: most recently used results are the last to go.
    this.results.delete(id);
    this.results.set(id, handle);
    return handle;
  }

  async clear(): Promise<void> {
    await Promise.all([...this.results.values()].map((h) => h.dispose()));
    this.results.clear();
  }
}
