import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { HandlerGroup } from '../api/handlers';
import type { Engine } from '../engine/engine';
import type { DialogPort } from '../ports';
import { exportDatabricksBundle } from './export-bundle';

/** A new folder name for an export nobody chose a place for: the time it was made. */
const stamp = (d: Date) => d.toISOString().replace(/[-:]/gu, '').replace(/\..*$/u, '');

/**
 * warehouse.exportBundle: the Pipeline page's "Deploy to Databricks…". Callers cannot name a path:
 * the bundle goes where the user points the save dialog, or into a new folder under user data.
 */
export function databricksBundleHandlers(
  engine: Engine,
  userDataDir: string,
  dialogs?: DialogPort,
): HandlerGroup<'warehouse.exportBundle'> {
  return {
    'warehouse.exportBundle': async (input) => {
      let out: string | undefined;
      if (dialogs) {
        out = await dialogs.chooseSavePath('medallion-databricks-bundle', []);
        if (!out) throw new AppError('CANCELLED', 'Export cancelled.');
      }
      return exportDatabricksBundle(engine, {
        ...input,
        out: out ?? join(userDataDir, 'databricks-bundles', `medallion-${stamp(new Date())}`),
      });
    },
  };
}
