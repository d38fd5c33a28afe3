import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { methods } from '../../../src/shared/api';
import { startServer, type RunningServer } from '../../../src/server/http-server';
import { createTestCore } from '../../support/test-core';

// Browser mode (`medallion serve`) guarantees of SECURITY.md, each asserted from the outside:
// 127.0.0.1 only, the token on every call and socket, Host and Origin against DNS rebinding, no CORS.
let core: Awaited<ReturnType<typeof createTestCore>>;
let server: RunningServer;
let dispatched: string[] = [];

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(path: string, headers: Record<string, string>, method = 'POST', body = '{}'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method, headers: { host: `127.0.0.1:${server.port}`, ...headers } },
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

function socket(url: string, options: WebSocket.ClientOptions = {}): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, options);
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
    ws.on('error', () => resolve('refused'));
  });
}

beforeAll(async () => {
  core = await createTestCore();
  const dispatch = core.dispatcher.dispatch.bind(core.dispatcher);
  core.dispatcher.dispatch = ((method: string, ...rest: Parameters<typeof dispatch> extends [unknown, ...infer R] ? R : never) => {
    dispatched.push(method);
    return dispatch(method, ...rest);
  }) as typeof dispatch;
  server = await startServer({ core });
});
afterAll(async () => {
  await server.close();
  await core.dispose();
});

describe('the token guards every API method', () => {
  const names = Object.keys(methods);

  it('refuses each of the contract methods without the token, before any handler runs', async () => {
    dispatched = [];
    expect(names.length).toBeGreaterThan(40);
    for (const name of names) {
      const r = await send(`/api/call/${name}`, {});
      expect(r.status, name).toBe(401);
      expect(JSON.parse(r.body), name).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(dispatched).toEqual([]);
  });

  it('refuses a wrong token of the right length, a token in the query string and a non-Bearer scheme', async () => {
    dispatched = [];
    const sameLength = server.token.replace(/./g, 'a');
    expect((await send('/api/call/app.info', { authorization: `Bearer ${sameLength}` })).status).toBe(401);
    expect((await send(`/api/call/app.info?token=${server.token}`, {})).status).toBe(401);
    expect((await send('/api/call/app.info', { authorization: `Basic ${server.token}` })).status).toBe(401);
    expect((await send('/api/call/app.info', { authorization: `Bearer ${server.token}x` })).status).toBe(401);
    expect(dispatched).toEqual([]);
  });

  it('answers unknown /api paths and other verbs with 401 too, so nothing is learnt without the token', async () => {
    expect((await send('/api/secret-admin', {}, 'GET')).status).toBe(401);
    expect((await send('/api/call/app.info', {}, 'GET')).status).toBe(401);
    expect((await send('/api/call/app.info', {}, 'PUT')).status).toBe(401);
  });

  it('lets the token through (positive control)', async () => {
    dispatched = [];
    const r = await send('/api/call/app.info', { authorization: `Bearer ${server.token}` });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true });
    expect(dispatched).toEqual(['app.info']);
  });
});

describe('Host and Origin against DNS rebinding and foreign sites', () => {
  const auth = () => ({ authorization: `Bearer ${server.token}` });

  it.each(['evil.example', '127.0.0.1.evil.example', 'localhost.evil.example', '[::1]', '0.0.0.0'])(
    'refuses Host %s:<port> with the token: 403',
    async (host) => {
      expect((await send('/api/call/app.info', { ...auth(), host: `${host}:${server.port}` })).status).toBe(403);
    },
  );

  it('refuses the right host name on another port, and a missing port', async () => {
    expect((await send('/api/call/app.info', { ...auth(), host: `127.0.0.1:${server.port + 1}` })).status).toBe(403);
    expect((await send('/api/call/app.info', { ...auth(), host: '127.0.0.1' })).status).toBe(403);
  });

  it('accepts localhost:<port> as well as 127.0.0.1:<port>', async () => {
    expect((await send('/api/call/app.info', { ...auth(), host: `localhost:${server.port}` })).status).toBe(200);
  });

  it.each(['null', 'https://evil.example', 'http://127.0.0.1.evil.example', 'http://127.0.0.1:1', 'https://127.0.0.1:PORT', 'file://'])(
    'refuses Origin %s with the token: 403',
    async (origin) => {
      const r = await send('/api/call/app.info', { ...auth(), origin: origin.replace('PORT', String(server.port)) });
      expect(r.status).toBe(403);
    },
  );

  it('accepts its own origin (positive control)', async () => {
    expect((await send('/api/call/app.info', { ...auth(), origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });
});

describe('no CORS', () => {
  it('answers a preflight without any Access-Control-Allow header', async () => {
    const r = await send(
      '/api/call/engine.query',
      { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      'OPTIONS',
    );
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('sends no Access-Control-Allow header on answers, errors or the UI', async () => {
    const replies = [
      await send('/api/call/app.info', { authorization: `Bearer ${server.token}` }),
      await send('/api/call/app.info', {}),
      await send('/', {}, 'GET'),
    ];
    for (const r of replies) expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });
});

describe('the event WebSocket', () => {
  const url = (token?: string, path = '/api/events') =>
    `ws://127.0.0.1:${server.port}${path}${token === undefined ? '' : `?token=${token}`}`;

  it('refuses no token, a wrong token, the token on another path, a rebound Host and a foreign Origin', async () => {
    expect(await socket(url())).toMatch(/^refused/);
    expect(await socket(url('wrong'))).toMatch(/^refused/);
    expect(await socket(url(server.token, '/api/other'))).toMatch(/^refused/);
    expect(await socket(url(server.token), { headers: { host: `evil.example:${server.port}` } })).toMatch(/^refused/);
    expect(await socket(url(server.token), { origin: 'null' })).toMatch(/^refused/);
  });

  it('opens with the token from its own origin (positive control)', async () => {
    expect(await socket(url(server.token), { origin: `http://127.0.0.1:${server.port}` })).toBe('open');
  });
});

describe('127.0.0.1 only', () => {
  const reachable = (host: string) =>
    new Promise<boolean>((resolve) => {
      const s = connect({ host, port: server.port, timeout: 2000 });
      s.on('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
      s.on('timeout', () => {
        s.destroy();
        resolve(false);
      });
    });

  it('cannot be reached on the machine’s other addresses or on IPv6 loopback', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.address.startsWith('127.') && !a.address.startsWith('fe80'))
      .map((a) => a!.address);
    for (const address of [...others, '::1']) expect(await reachable(address), address).toBe(false);
    expect(await reachable('127.0.0.1')).toBe(true);
  });
});
