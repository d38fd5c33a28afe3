import type { SqlTarget as SqlPageEntry } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { SqlTarget, SqlWorkbench } from '../engine/sql-target';

/** A target the SQL page picked by id, with its SQL page side. */
export interface PickedTarget {
  id: string;
  target: SqlTarget;
  workbench: SqlWorkbench;
}

/**
 * The targets the SQL page can choose from (src/core/engine/sql-target.ts says what a target is):
 * the local database, and one per warehouse profile, registered with `register`. A target is
 * resolved on each call, so a warehouse's schema listing is read afresh.
 */
export class TargetRegistry {
  private readonly targets = new Map<string, { entry: SqlPageEntry; resolve: () => SqlTarget }>();

  register(entry: SqlPageEntry, resolve: () => SqlTarget): () => void {
    this.targets.set(entry.id, { entry, resolve });
    return () => this.targets.delete(entry.id);
  }

  list(): SqlPageEntry[] {
    return [...this.targets.values()].map((t) => t.entry);
  }

  get(id: string): PickedTarget {
    const found = this.targets.get(id);
    if (!found)
      throw new AppError('NOT_FOUND', `There is no SQL target "${id}". Pick one from the target selector (it may have been disconnected).`);
    const target = found.resolve();
    if (!target.workbench) throw new AppError('INTERNAL', `${target.info.label} has no SQL page side.`);
    return { id, target, workbench: target.workbench };
  }
}
