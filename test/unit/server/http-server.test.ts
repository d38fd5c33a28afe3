import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../../../src/server/http-server';
import { resolveStatic } from '../../../src/server/static-files';
import { createTestCore } from '../../support/test-core';

let core: Awaited<ReturnType<typeof createTestCore>>;
let server: RunningServer;
let staticDir: string;

function raw(
  path: string,
  headers: Record<string, string>,
  method = 'POST',
  body = '{}',
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let data = '';
        res.on('data', (d: Buffer) => (data += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (method === 'POST') req.write(body);
    req.end();
  });
}

beforeAll(async () => {
  core = await createTestCore();
  staticDir = mkdtempSync(join(tmpdir(), 'medallion-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<html>workbench</html>');
  server = await startServer({ core, staticDir });
});
afterAll(async () => {
  await server.close();
  await core.dispose();
});

describe('medallion serve transport', () => {
  it('listens on 127.0.0.1 only, with a random token in the printed URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('answers a call that carries the token', async () => {
    const r = await raw(
      '/api/call/engine.query',
      { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}` },
      'POST',
      '{"sql":"SELECT 1"}',
    );
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, data: { rows: [[1]] } });
  });

  it('refuses a call without the token or with a wrong one: 401', async () => {
    expect((await raw('/api/call/app.info', { host: `127.0.0.1:${server.port}` })).status).toBe(401);
    expect((await raw('/api/call/app.info', { host: `127.0.0.1:${server.port}`, authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('refuses a foreign Origin: 403, even with the token', async () => {
    const r = await raw('/api/call/app.info', {
      host: `127.0.0.1:${server.port}`,
      origin: 'https://evil.example',
      authorization: `Bearer ${server.token}`,
    });
    expect(r.status).toBe(403);
  });

  it('refuses a rebound Host name: 403', async () => {
    const r = await raw('/api/call/app.info', { host: `evil.example:${server.port}`, authorization: `Bearer ${server.token}` });
    expect(r.status).toBe(403);
    expect((await raw('/', { host: `evil.example:${server.port}` }, 'GET')).status).toBe(403);
  });

  it('sends no CORS headers', async () => {
    const r = await raw('/api/call/app.info', { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}` });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers malformed JSON with INVALID_INPUT, and keeps serving', async () => {
    const r = await raw(
      '/api/call/engine.query',
      { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}` },
      'POST',
      '{"sql":',
    );
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers a malformed percent-encoding in the path with a typed 400 on every route, and keeps serving', async () => {
    const headers = { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}` };
    const cases: [string, string][] = [
      ['/api/call/app.%E0%A4%A', 'POST'],
      ['/api/call/%ZZinfo', 'POST'],
      [`/api/download/%C0%AF?token=${server.token}`, 'GET'],
      ['/assets/%E0%A4%A.js', 'GET'],
      ['/%', 'GET'],
    ];
    for (const [path, method] of cases) {
      const r = await raw(path, headers, method);
      expect(r.status, path).toBe(400);
      expect(JSON.parse(r.body), path).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(r.body).not.toMatch(/URIError/);
    }
    expect((await raw('/api/call/app.info', headers)).status).toBe(200);
  });

  it('serves the UI with a strict CSP and refuses paths outside it', async () => {
    const page = await raw('/', { host: `127.0.0.1:${server.port}` }, 'GET');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(resolveStatic(staticDir, '/../../etc/passwd')).toBe(join(staticDir, 'etc/passwd'));
    expect(resolveStatic(staticDir, '/%2e%2e/%2e%2e/etc/passwd')).toBe(join(staticDir, 'etc/passwd'));
  });

  it('pushes core events over the WebSocket only with the token', async () => {
    const refused = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=wrong`);
    await new Promise<void>((resolve) => refused.on('error', () => resolve()));

    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=${server.token}`);
    await new Promise((r) => ws.on('open', r));
    const got = new Promise<string>((r) => ws.on('message', (d) => r(String(d))));
    core.events.emit('engine.changed', { reason: 'test', relations: ['t'] });
    expect(JSON.parse(await got)).toEqual({ event: 'engine.changed', payload: { reason: 'test', relations: ['t'] } });
    ws.close();
  });

  it('refuses a WebSocket from a foreign Origin', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=${server.token}`, { origin: 'https://evil.example' });
    const outcome = await new Promise<string>((resolve) => {
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });
});
