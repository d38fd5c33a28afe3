import { existsSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CleanableEntry, DataFolder } from '../../shared/api/domains/settings';

/** Bytes under a path (files and folders; links are not followed). */
export function sizeOf(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

/** Named parts of the data folder a person recognises; everything else is summed as "other". */
const KNOWN: { name: string; label: string; cleanable: CleanableEntry | null }[] = [
  { name: 'sqlwb', label: 'SQL tabs, history and saved queries', cleanable: null },
  { name: 'ask', label: 'Ask conversations, verified answers, LLM endpoint', cleanable: null },
  { name: 'models', label: 'Trained models', cleanable: null },
  { name: 'dashboards', label: 'Imported dashboards', cleanable: null },
  { name: 'bundles', label: 'Copies of packaged dashboards (.mdash) made here', cleanable: 'packaged-bundles' },
  { name: 'tmp', label: 'Model scratch files', cleanable: 'model-scratch' },
];

/**
 * The data folder at a glance. The database is listed with its write-ahead log; secrets and profiles
 * are counted under "Settings and secrets" and never offered for clean-up.
 */
export function describeDataFolder(userDataDir: string, databasePath: string): DataFolder {
  const dir = resolve(userDataDir);
  const db = resolve(databasePath);
  const entries: DataFolder['entries'] = [];
  const dbInside = dirname(db) === dir;
  entries.push({
    name: basename(db),
    label: dbInside ? 'Database' : `Database (outside the data folder)`,
    bytes: sizeOf(db) + sizeOf(`${db}.wal`),
    cleanable: null,
  });
  const listed = new Set([basename(db), `${basename(db)}.wal`]);
  for (const k of KNOWN) {
    listed.add(k.name);
    const bytes = sizeOf(join(dir, k.name));
    if (bytes > 0 || k.cleanable) entries.push({ name: k.name, label: k.label, bytes, cleanable: k.cleanable });
  }
  const others = existsSync(dir) ? readdirSync(dir).filter((n) => !listed.has(n)) : [];
  const otherBytes = others.reduce((sum, n) => sum + sizeOf(join(dir, n)), 0);
  if (otherBytes > 0)
    entries.push({ name: 'other', label: 'Settings and secrets (profiles, schedules)', bytes: otherBytes, cleanable: null });
  const totalBytes = entries.reduce((sum, e) => sum + (e.name === basename(db) && !dbInside ? 0 : e.bytes), 0);
  return { path: dir, databasePath: db, totalBytes, entries };
}

/**
 * Removes the chosen cleanable entries. Only the folders of the allowlist above can go; packaged
 * bundles are removed file by file (only `.mdash` files), model scratch as a whole folder.
 */
export function cleanUpDataFolder(userDataDir: string, chosen: CleanableEntry[]): number {
  let freed = 0;
  for (const k of KNOWN) {
    if (!k.cleanable || !chosen.includes(k.cleanable)) continue;
    const path = join(resolve(userDataDir), k.name);
    if (!existsSync(path) || !lstatSync(path).isDirectory()) continue;
    if (k.cleanable === 'packaged-bundles') {
      for (const name of readdirSync(path).filter((n) => n.endsWith('.mdash'))) {
        const file = join(path, name);
        if (!lstatSync(file).isFile()) continue;
        freed += sizeOf(file);
        rmSync(file, { force: true });
      }
    } else {
      freed += sizeOf(path);
      rmSync(path, { recursive: true, force: true });
    }
  }
  return freed;
}
