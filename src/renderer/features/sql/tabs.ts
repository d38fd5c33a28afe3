import type { SqlTab } from '../../../shared/api';

/** Pure tab operations: (tabs, input) → tabs, tested without React. */
export function newTab(tabs: SqlTab[], target: string, sql = '', title?: string): SqlTab {
  const used = new Set(tabs.map((t) => t.title));
  let n = tabs.length + 1;
  while (used.has(`Query ${n}`)) n++;
  return { id: `tab-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, title: title ?? `Query ${n}`, sql, target };
}

export function closeTab(tabs: SqlTab[], activeId: string | null, id: string): { tabs: SqlTab[]; activeId: string | null } {
  const index = tabs.findIndex((t) => t.id === id);
  if (index < 0) return { tabs, activeId };
  const rest = tabs.filter((t) => t.id !== id);
  if (activeId !== id) return { tabs: rest, activeId };
  const next = rest[Math.min(index, rest.length - 1)];
  return { tabs: rest, activeId: next?.id ?? null };
}

export function updateTab(tabs: SqlTab[], id: string, change: Partial<Omit<SqlTab, 'id'>>): SqlTab[] {
  return tabs.map((t) => (t.id === id ? { ...t, ...change } : t));
}
