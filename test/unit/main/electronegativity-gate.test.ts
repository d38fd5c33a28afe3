import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run electronegativity` passes on our sources (the `electronegativity` gate of `npm test` proves
// that) and must fail on a copy of them with a planted insecure window, or with the allowlist emptied:
// the gate is not vacuous. Both scans run in parallel (≈6 s each).
const root = join(__dirname, '..', '..', '..');
const script = join(root, 'scripts', 'electronegativity.mjs');
const work = mkdtempSync(join(tmpdir(), 'medallion-electronegativity-'));

interface Run {
  code: number;
  output: string;
}

function scan(input: string, allowlist?: string): Promise<Run> {
  const args = [script, '--input', input, ...(allowlist ? ['--allowlist', allowlist] : [])];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: root, timeout: 90_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

let planted: Run;
let noAllowlist: Run;

beforeAll(async () => {
  const copy = (name: string) => {
    const dir = join(work, name);
    cpSync(join(root, 'src'), dir, { recursive: true });
    return dir;
  };
  const cleanDir = copy('clean');
  const plantedDir = copy('planted');
  cpSync(join(root, 'test', 'support', 'electronegativity', 'insecure-window.ts'), join(plantedDir, 'main', 'insecure-window.ts'));
  const empty = join(work, 'empty-allowlist.json');
  writeFileSync(empty, '[]');
  [planted, noAllowlist] = await Promise.all([scan(plantedDir), scan(cleanDir, empty)]);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run electronegativity', () => {
  it('fails when a window with nodeIntegration: true is added, naming the check and the file', () => {
    expect(planted.code).toBe(1);
    expect(planted.output).toMatch(/✘ NODE_INTEGRATION_JS_CHECK \w+\/\w+ main\/insecure-window\.ts:5/);
    expect(planted.output).toMatch(/✘ CONTEXT_ISOLATION_JS_CHECK HIGH\/\w+ main\/insecure-window\.ts/);
    // The rest of the copied sources still pass: only the planted file is to blame.
    expect(planted.output).toContain('≈ PRELOAD_JS_CHECK');
  });

  it('fails without the allowlist: each accepted finding needs its written reason', () => {
    expect(noAllowlist.code).toBe(1);
    expect(noAllowlist.output).toContain('✘ PRELOAD_JS_CHECK');
    expect(noAllowlist.output).toContain('✘ OPEN_EXTERNAL_JS_CHECK');
    expect(noAllowlist.output).toContain('0 unparsed file(s), 0 stale');
  });
});
