import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { HandlerGroup } from '../api/handlers';
import type { Engine } from '../engine/engine';
import type { DialogPort } from '../ports';
import { exportDatabricksBundle } from './export-bundle';

/** A new folder name for an export nobody chose a place for: the time it was made. */
const stamp = (d: Date) => d.toISOString().replace(/[-:]/gu, '').replace(/\..*$/u, '');

/** The folder a bundle for `catalog.schema` goes to when there is no save dialog (the browser build): one per target. */
function defaultFolder(userDataDir: string, catalog: string | undefined, schema: string | undefined): string {
  const name = [catalog ?? 'main', schema ?? 'payments'];
  // Names are checked again by the export; here they only must not leave the bundles folder.
  if (!name.every((n) => /^[A-Za-z_][A-Za-z0-9_]{0,254}$/u.test(n)))
    return join(userDataDir, 'databricks-bundles', `medallion-${stamp(new Date())}`);
  return join(userDataDir, 'databricks-bundles', `medallion-${name.join('.')}`);
}

/**
 * warehouse.exportBundle: the Pipeline page's "Deploy to Databricks…". Callers cannot name a path:
 * the bundle goes where the user points the save dialog, or into the target's folder under user
 * data. A folder that is not empty is refused (CONFLICT) and remembered; `replace: true` then
 * writes into that same folder, the bundle's files replaced and any other file left alone.
 */
export function databricksBundleHandlers(
  engine: Engine,
  userDataDir: string,
  dialogs?: DialogPort,
): HandlerGroup<'warehouse.exportBundle'> {
  let refused: string | undefined;
  return {
    'warehouse.exportBundle': async ({ replace, ...input }) => {
      let out: string | undefined;
      if (replace) {
        if (!refused) throw new AppError('INVALID_INPUT', 'There is no refused export to replace: choose Deploy to Databricks… again.');
        out = refused;
      } else if (dialogs) {
        out = await dialogs.chooseSavePath('medallion-databricks-bundle', []);
        if (!out) throw new AppError('CANCELLED', 'Export cancelled.');
      }
      out ??= defaultFolder(userDataDir, input.catalog, input.schema);
      refused = undefined;
      try {
        return await exportDatabricksBundle(engine, { ...input, out, force: Boolean(replace) });
      } catch (error) {
        if (error instanceof AppError && error.code === 'CONFLICT') refused = out;
        throw error;
      }
    },
  };
}
