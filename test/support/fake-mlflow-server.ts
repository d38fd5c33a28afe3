import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export type FakeBehaviour = (body: unknown, req: IncomingMessage, res: ServerResponse) => void;

/**
 * A tiny HTTP server on 127.0.0.1 that misbehaves on purpose (slow, 5xx, bad JSON, wrong
 * count…) to test the remote-model client against real sockets. With `tls` it speaks HTTPS
 * with that certificate (see warehouse-emulator/certs.ts).
 */
export async function startFakeMlflow(
  behaviour: FakeBehaviour,
  options: { tls?: { key: string; cert: string } } = {},
): Promise<{ url: string; origin: string; requests: unknown[]; close(): Promise<void> }> {
  const requests: unknown[] = [];
  const sockets = new Set<Socket>();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      requests.push(body);
      behaviour(body, req, res);
    });
  };
  const server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, handle) : createServer(handle);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/invocations`,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}
