import { readdirSync, readFileSync } from 'node:fs';

/** The engine child a `medallion serve` process forked (Linux /proc): the process a crash test ends. */
export function engineChildPid(serverPid: number): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (ppid === serverPid && cmd.includes('engine-child')) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  throw new Error(`No engine child of process ${serverPid}.`);
}
