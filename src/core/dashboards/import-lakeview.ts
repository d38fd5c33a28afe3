import type { LakeviewImportResult } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { ImportedDashboards } from './imported-store';
import { fromLakeview } from './lakeview';
import { IMPORTED_PREFIX } from './service';

/** What to do when an imported dashboard with the same id exists; without a choice the import is refused. */
export type OnExisting = 'replace' | 'copy';

/**
 * Imports a .lvdash.json file. An existing imported dashboard is never overwritten silently: without
 * `onExisting` the import fails with CONFLICT (details: the existing id and the two choices).
 */
export function importLakeview(
  imported: ImportedDashboards,
  input: { fileName: string; content: string; onExisting?: OnExisting },
): LakeviewImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(input.content);
  } catch {
    throw new AppError('INVALID_FILE', `${input.fileName} is not valid JSON, so it cannot be a .lvdash.json file.`);
  }
  const { dashboard, unsupported } = fromLakeview(raw, input.fileName);
  const existing = imported.get(dashboard.id);
  if (existing && !input.onExisting) {
    throw new AppError(
      'CONFLICT',
      `A dashboard “${existing.title}” was already imported under the id "${dashboard.id}". Choose "replace" to overwrite it or "copy" to import this file as a copy.`,
      { details: { existingId: IMPORTED_PREFIX + dashboard.id, existingTitle: existing.title, choices: ['replace', 'copy'] } },
    );
  }
  const saved =
    existing && input.onExisting === 'copy' ? { ...dashboard, ...copyName(imported, dashboard.id, dashboard.title) } : dashboard;
  imported.save(saved);
  return {
    id: IMPORTED_PREFIX + saved.id,
    title: saved.title,
    widgetCount: saved.widgets.length,
    unsupported,
    replaced: Boolean(existing) && input.onExisting === 'replace',
  };
}

/** The first free `<id>-copy`, `<id>-copy-2`, … and a title that says it is a copy. */
function copyName(imported: ImportedDashboards, id: string, title: string): { id: string; title: string } {
  const taken = new Set(imported.list().map((d) => d.id));
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${id}-copy` : `${id}-copy-${n}`;
    if (!taken.has(candidate)) return { id: candidate, title: n === 1 ? `${title} (copy)` : `${title} (copy ${n})` };
  }
}
