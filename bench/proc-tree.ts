// Peak resident memory of a process and all its descendants (Linux /proc), sampled on a timer: a
// Spark run is a JVM with a Python driver under it, so one process's own peak says too little.
import { readdirSync, readFileSync } from 'node:fs';

/** Parent pid of `pid` from /proc/PID/stat (the field after the parenthesised command name). */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Resident set of `pid` in bytes (VmRSS), 0 when it has gone. */
function rssOf(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/mu.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Number(kb[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** `root` and every process below it, now. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/u.test(name)) continue;
    const pid = Number(name);
    const parent = parentOf(pid);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** Sum of the resident sets of a process tree (shared pages count once per process, as `ps` would). */
export const treeRss = (root: number): number => processTree(root).reduce((sum, pid) => sum + rssOf(pid), 0);

/** Samples the tree under `root` every `everyMs` until stop(), which returns the peak in MB and the process count seen. */
export function watchPeakRss(root: number, everyMs = 200): { stop: () => { peak_rss_mb: number; max_processes: number } } {
  let peak = 0;
  let processes = 0;
  const sample = () => {
    const tree = processTree(root);
    processes = Math.max(processes, tree.length);
    peak = Math.max(
      peak,
      tree.reduce((sum, pid) => sum + rssOf(pid), 0),
    );
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { peak_rss_mb: Math.round(peak / 2 ** 20), max_processes: processes };
    },
  };
}
