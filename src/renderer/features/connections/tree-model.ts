import type { BrowseItem, Job } from '../../../shared/api';
import { jobRate } from '../../../shared/jobs/job-rate';

/** A node of the lazily loaded catalog tree; its key is its path joined with '/'. */
export interface TreeNode {
  key: string;
  path: string[];
  item: BrowseItem;
}

export const nodeKey = (path: string[]) => path.join('/');

/** The browse call that lists a node's children. */
export function childQuery(path: string[]): { catalog?: string; schema?: string; table?: string } {
  const [catalog, schema, table] = path;
  return { catalog, schema, table };
}

/**
 * The visible rows: children of expanded nodes, depth-first. With a search, a loaded node is
 * shown when it or any loaded descendant matches, so matches deep in the tree stay reachable.
 */
export function visibleRows(
  children: Record<string, BrowseItem[]>,
  expanded: Record<string, boolean>,
  search: string,
): { node: TreeNode; depth: number }[] {
  const needle = search.trim().toLowerCase();
  const matches = (path: string[], item: BrowseItem): boolean => {
    if (!needle || item.name.toLowerCase().includes(needle)) return true;
    return (children[nodeKey(path)] ?? []).some((c) => matches([...path, c.name], c));
  };
  const out: { node: TreeNode; depth: number }[] = [];
  const walk = (parent: string[], depth: number) => {
    for (const item of children[nodeKey(parent)] ?? []) {
      const path = [...parent, item.name];
      if (!matches(path, item)) continue;
      out.push({ node: { key: nodeKey(path), path, item }, depth });
      if (expanded[nodeKey(path)] || (needle && (children[nodeKey(path)] ?? []).length > 0)) walk(path, depth + 1);
    }
  };
  walk([], 0);
  return out;
}

/** A pull job's rows, speed and ETA as a person reads them (speed since the job started). */
export function describeProgress(job: Pick<Job, 'startedAt' | 'endedAt' | 'progress'>, nowMs: number = Date.now()): string {
  const { done, total } = job.progress;
  const { perSecond, etaSeconds } = jobRate(job, nowMs);
  const parts = [
    `${done.toLocaleString()}${total !== null ? ` / ${total.toLocaleString()}` : ''} rows`,
    `${Math.round(perSecond).toLocaleString()} rows/s`,
  ];
  if (etaSeconds !== null) parts.push(`ETA ${etaSeconds < 1 ? '<1' : Math.round(etaSeconds)} s`);
  return parts.join(' · ');
}
