import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AgentScheduler } from '../../../../src/core/agents/scheduler';
import type { AgentService } from '../../../../src/core/agents/agent-service';
import { JsonStore, readJsonChecked, writeJsonAtomic } from '../../../../src/core/store/json-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'medallion-json-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const Doc = z.object({ name: z.string(), n: z.number() });

describe('the JSON store', () => {
  it('writes whole files through a temp file and leaves no temp file behind', () => {
    const file = join(dir, 'sub', 'doc.json');
    writeJsonAtomic(file, { name: 'a', n: 1 });
    writeJsonAtomic(file, { name: 'b', n: 2 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ name: 'b', n: 2 });
    expect(readdirSync(join(dir, 'sub'))).toEqual(['doc.json']);
  });

  it('makes secret files 0600 even when an older file was world-readable', () => {
    const file = join(dir, 'secrets.json');
    writeFileSync(file, '{}');
    chmodSync(file, 0o644);
    writeJsonAtomic(file, { k: 'v' }, { secret: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('checks what it reads: a file of the wrong shape is set aside, never trusted', () => {
    const file = join(dir, 'doc.json');
    writeFileSync(file, JSON.stringify({ name: 'x', n: 'not a number' }));
    const r = readJsonChecked(file, Doc);
    expect(r.state).toBe('damaged');
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).some((n) => n.startsWith('doc.json.damaged-'))).toBe(true);
    const store = new JsonStore(file, Doc, () => ({ name: 'fresh', n: 0 }));
    expect(store.read()).toEqual({ name: 'fresh', n: 0 });
    expect(store.update((d) => ({ ...d, n: d.n + 1 }))).toEqual({ name: 'fresh', n: 1 });
    expect(readJsonChecked(file, Doc)).toEqual({ state: 'ok', value: { name: 'fresh', n: 1 } });
  });

  it('a truncated file (a crash mid-write of an old version) reads as missing data, and keepDamaged leaves it in place', () => {
    const file = join(dir, 'doc.json');
    writeFileSync(file, '{"name": "half');
    expect(readJsonChecked(file, Doc, { keepDamaged: true })).toEqual({ state: 'damaged' });
    expect(existsSync(file)).toBe(true);
  });
});

describe("the agents' scheduler persists through the JSON store", () => {
  const service = {} as AgentService;

  it('keeps valid settings, ignores invalid ones, and rewrites the file whole', () => {
    const file = join(dir, 'agents-schedule.json');
    writeFileSync(
      file,
      JSON.stringify({ smart_routing: { enabled: false, intervalMs: 120_000 }, smart_retry: { enabled: true, intervalMs: 5 }, nope: {} }),
    );
    const scheduler = new AgentScheduler(service, file);
    expect(scheduler.get('smart_routing')).toMatchObject({ enabled: false, intervalMs: 120_000 });
    expect(scheduler.get('smart_retry').intervalMs).toBeGreaterThanOrEqual(60_000);
    scheduler.set('smart_retry', false, 180_000);
    expect(readdirSync(dir)).toEqual(['agents-schedule.json']);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { enabled: boolean; intervalMs: number }>;
    expect(saved.smart_retry).toEqual({ enabled: false, intervalMs: 180_000 });
    expect(new AgentScheduler(service, file).get('smart_retry')).toMatchObject({ enabled: false, intervalMs: 180_000 });
  });

  it('a damaged schedule file falls back to the defaults instead of failing the app', () => {
    const file = join(dir, 'agents-schedule.json');
    writeFileSync(file, '{"smart_routing": {"enab');
    expect(() => new AgentScheduler(service, file)).not.toThrow();
    expect(new AgentScheduler(service, file).get('smart_routing').enabled).toBe(true);
  });
});
