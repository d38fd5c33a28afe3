import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { HistoryEntry, SavedQuery, Workspace, type SqlTab } from '../../shared/api';
import { JsonStore as JsonFile } from '../store/json-store';

const MAX_HISTORY = 5_000;

/**
 * What the SQL page keeps between runs, in the user-data folder (not the user's database, so
 * it never shows up in the catalog): open tabs, history per target, saved queries.
 */
export class WorkspaceStore {
  private readonly workspace: JsonFile<Workspace>;
  private readonly history: JsonFile<HistoryEntry[]>;
  private readonly saved: JsonFile<SavedQuery[]>;

  constructor(dir: string) {
    this.workspace = new JsonFile(join(dir, 'workspace.json'), Workspace, () => ({ tabs: [], activeTabId: null }));
    this.history = new JsonFile(join(dir, 'history.json'), z.array(HistoryEntry), () => []);
    this.saved = new JsonFile(join(dir, 'saved-queries.json'), z.array(SavedQuery), () => []);
  }

  getWorkspace(): Workspace {
    return this.workspace.read();
  }

  saveWorkspace(value: { tabs: SqlTab[]; activeTabId: string | null }): void {
    this.workspace.write(value);
  }

  record(entry: Omit<HistoryEntry, 'id' | 'ranAt'>): HistoryEntry {
    const full: HistoryEntry = { ...entry, id: randomUUID(), ranAt: new Date().toISOString() };
    this.history.update((all) => [full, ...all].slice(0, MAX_HISTORY));
    return full;
  }

  /** Newest first; `search` matches any part of the SQL, ignoring case. */
  listHistory(options: { target?: string; search?: string; limit: number }): HistoryEntry[] {
    const needle = options.search?.trim().toLowerCase();
    const out: HistoryEntry[] = [];
    for (const entry of this.history.read()) {
      if (options.target && entry.target !== options.target) continue;
      if (needle && !entry.sql.toLowerCase().includes(needle)) continue;
      out.push(entry);
      if (out.length >= options.limit) break;
    }
    return out;
  }

  listSaved(): SavedQuery[] {
    return [...this.saved.read()].sort((a, b) => a.name.localeCompare(b.name));
  }

  saveQuery(input: { name: string; sql: string; target: string }): SavedQuery {
    const existing = this.saved.read().find((q) => q.name === input.name);
    const query: SavedQuery = { id: existing?.id ?? randomUUID(), ...input, savedAt: new Date().toISOString() };
    this.saved.update((all) => [...all.filter((q) => q.id !== query.id), query]);
    return query;
  }

  deleteQuery(id: string): boolean {
    const before = this.saved.read().length;
    return this.saved.update((all) => all.filter((q) => q.id !== id)).length < before;
  }
}
