import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/http-server';
import { httpCaller } from '../../support/http-caller';
import { createTestCore } from '../../support/test-core';

let core: Awaited<ReturnType<typeof createTestCore>>;
let server: RunningServer;
let base: string;

beforeAll(async () => {
  core = await createTestCore();
  server = await startServer({ core });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await core.dispose();
});

async function exportCsv(exportId: string): Promise<string> {
  const call = httpCaller(base, server.token);
  const run = await call('sqlwb.execute', { sql: "SELECT range AS n, 'x' || range AS label FROM range(3)" });
  if (!run.ok) throw new Error(run.error.message);
  const resultId = (run.data as { resultId: string }).resultId;
  const out = await call('sqlwb.export', { resultId, format: 'csv', exportId });
  if (!out.ok) throw new Error(out.error.message);
  return (out.data as { downloadPath: string }).downloadPath;
}

describe('export downloads through medallion serve', () => {
  it('serves the file once as an attachment to a holder of the token, then forgets it', async () => {
    const path = await exportCsv('download-ok-1');
    const r = await fetch(`${base}${path}?token=${server.token}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="result-.*\.csv"/);
    expect(await r.text()).toBe('n,label\n0,x0\n1,x1\n2,x2\n');
    await expect.poll(async () => (await fetch(`${base}${path}?token=${server.token}`)).status).toBe(404);
  });

  it('refuses a download without the token or with a wrong one', async () => {
    const path = await exportCsv('download-no-token-1');
    expect((await fetch(`${base}${path}`)).status).toBe(401);
    expect((await fetch(`${base}${path}?token=wrong-token`)).status).toBe(401);
    expect((await fetch(`${base}${path}?token=${server.token}`)).status).toBe(200);
  });
});
