import { mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

/** Where benchmarks keep generated databases (gitignored). */
export function benchDataDir(): string {
  const dir = join(process.cwd(), 'bench', '.data');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Runs fn `repeat` times after `warmup` runs; returns the timings in milliseconds. */
export async function time(fn: () => Promise<unknown>, repeat = 5, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return out;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[index] ?? NaN);
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function machine(): Record<string, unknown> {
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: cpus().length,
    cpu_model: cpus()[0]?.model ?? null,
  };
}

export const dataFile = (name: string) => join(benchDataDir(), name);
