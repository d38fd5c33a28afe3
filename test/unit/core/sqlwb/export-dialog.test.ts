import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialogPort, FileFilter } from '../../../../src/core/ports';
import { createTestCore } from '../../../support/test-core';
import { call } from '../../../support/core-calls';

/** Stands in for Electron's save dialog: answers with the next queued choice and records what it was asked. */
class FakeDialogs implements DialogPort {
  readonly asked: { defaultName: string; filters: FileFilter[] }[] = [];
  readonly answers: (string | undefined)[] = [];
  chooseSavePath(defaultName: string, filters: FileFilter[]): Promise<string | undefined> {
    this.asked.push({ defaultName, filters });
    return Promise.resolve(this.answers.shift());
  }
}

const dialogs = new FakeDialogs();
const outDir = mkdtempSync(join(tmpdir(), 'sqlwb-dialog-'));
let core: Awaited<ReturnType<typeof createTestCore>>;

beforeAll(async () => {
  core = await createTestCore({ dialogs });
  await core.engine.run(`CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) v(n, s)`);
});
afterAll(async () => {
  await core.dispose();
});

describe('desktop export through the save dialog', () => {
  it('writes the whole result to the path the user chose', async () => {
    const r = await call(core, 'sqlwb.execute', { sql: 'SELECT * FROM t ORDER BY n' });
    const chosen = join(outDir, 'chosen.csv');
    dialogs.answers.push(chosen);
    const out = await call(core, 'sqlwb.export', { resultId: r.resultId!, format: 'csv', exportId: 'dlg-ok-1', toDownloads: true });
    expect(out).toMatchObject({ cancelled: false, path: chosen, fileName: 'chosen.csv', rows: 3, downloadPath: null });
    expect(readFileSync(chosen, 'utf8').trim().split('\n')).toEqual(['n,s', '1,a', '2,b', '3,c']);
    const asked = dialogs.asked.at(-1)!;
    expect(asked.defaultName).toMatch(/^result-.*\.csv$/);
    expect(asked.filters).toEqual([{ name: 'CSV', extensions: ['csv'] }]);
  });

  it('writes nothing and reports no error when the user cancels', async () => {
    const r = await call(core, 'sqlwb.execute', { sql: 'SELECT * FROM t' });
    const before = readdirSync(outDir);
    dialogs.answers.push(undefined);
    const out = await call(core, 'sqlwb.export', { resultId: r.resultId!, format: 'parquet', exportId: 'dlg-cancel-1', toDownloads: true });
    expect(out).toMatchObject({ cancelled: true, path: null, downloadPath: null, rows: 0, bytes: 0 });
    expect(readdirSync(outDir)).toEqual(before);
    expect(core.downloads.get('dlg-cancel-1')).toBeUndefined();
    expect(dialogs.asked.at(-1)!.filters).toEqual([{ name: 'Parquet', extensions: ['parquet'] }]);
  });

  it('does not ask when the caller gives a path (CLI) or wants a browser download', async () => {
    const r = await call(core, 'sqlwb.execute', { sql: 'SELECT * FROM t' });
    const asked = dialogs.asked.length;
    const path = join(outDir, 'given.csv');
    await call(core, 'sqlwb.export', { resultId: r.resultId!, format: 'csv', exportId: 'dlg-path-1', path });
    expect(existsSync(path)).toBe(true);
    const download = await call(core, 'sqlwb.export', { resultId: r.resultId!, format: 'csv', exportId: 'dlg-dl-1' });
    expect(download.downloadPath).toBe('/api/download/dlg-dl-1');
    expect(dialogs.asked.length).toBe(asked);
  });
});
