import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EngineApi } from '../core/host/engine-api';
import { bearerToken, hostAllowed, originAllowed, tokenMatches } from './guards';
import { serveDownload } from './download-route';
import { serveStatic } from './static-files';

export interface ServeOptions {
  /** Core in this process, or the engine host that forwards to core in its own process. */
  core: EngineApi;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token (tests); by default a new random one per start. */
  token?: string;
  /** The built renderer (out/renderer). */
  staticDir?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const API_PREFIX = '/api/call/';
const DOWNLOAD_PREFIX = '/api/download/';

/**
 * The browser transport: the same dispatcher as IPC, over HTTP (calls) and a WebSocket
 * (events), bound to 127.0.0.1, with a per-start token and Host/Origin checks.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { core } = options;
  let port = options.port ?? 0;

  const server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: String(error) } });
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, port))
      return sendJson(res, 403, forbidden('This server only answers requests addressed to 127.0.0.1 or localhost.'));
    if (!originAllowed(req, port)) return sendJson(res, 403, forbidden('Requests from other sites are refused.'));
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const decoded = decodePath(path);
    if (decoded === undefined) {
      return sendJson(res, 400, {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: 'The URL path has a malformed percent-encoding (a % not followed by a valid UTF-8 escape).',
        },
      });
    }
    if (path === '/api/health') return sendJson(res, 200, { ok: true });
    if (path.startsWith(DOWNLOAD_PREFIX) && req.method === 'GET') {
      // A plain link cannot send a header, so downloads take the token as ?token= (like /api/events).
      const given = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('token') ?? bearerToken(req);
      if (!tokenMatches(given, token))
        return sendJson(res, 401, {
          ok: false,
          error: { code: 'UNAUTHORIZED', message: 'Missing or wrong access token for this download.' },
        });
      return serveDownload(core.downloads, decoded.slice(DOWNLOAD_PREFIX.length), res);
    }
    if (path.startsWith('/api/')) {
      if (!tokenMatches(bearerToken(req), token)) {
        return sendJson(res, 401, {
          ok: false,
          error: { code: 'UNAUTHORIZED', message: 'Missing or wrong access token: open the URL that `medallion serve` printed.' },
        });
      }
      if (!path.startsWith(API_PREFIX) || req.method !== 'POST') {
        return sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: `No API endpoint ${req.method} ${path}.` } });
      }
      const body = await readBody(req);
      if (body === undefined)
        return sendJson(res, 413, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request body is too large.' } });
      let input: unknown;
      try {
        input = body.length ? (JSON.parse(body) as unknown) : {};
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request body is not valid JSON.' } });
      }
      const closed = new AbortController();
      res.on('close', () => {
        if (!res.writableEnded) closed.abort();
      });
      const callId = typeof req.headers['x-call-id'] === 'string' ? req.headers['x-call-id'] : undefined;
      const result = await core.dispatcher.dispatch(decoded.slice(API_PREFIX.length), input, { callId, signal: closed.signal });
      return sendJson(res, 200, result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    if (!options.staticDir) return void res.writeHead(404).end('No UI in this server.');
    serveStatic(options.staticDir, path, res);
  }

  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ok =
      url.pathname === '/api/events' &&
      hostAllowed(req, port) &&
      originAllowed(req, port) &&
      tokenMatches(url.searchParams.get('token'), token);
    if (!ok) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });
  const unsubscribe = core.events.subscribe((name, payload) => {
    const frame = JSON.stringify({ event: name, payload });
    for (const client of sockets.clients) if (client.readyState === 1) (client as WebSocket).send(frame);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    async close() {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function forbidden(message: string) {
  return { ok: false, error: { code: 'FORBIDDEN', message } };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The path with its percent-escapes decoded, or undefined when one is malformed (answered 400, not a 500 URIError). */
function decodePath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}
