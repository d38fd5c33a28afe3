import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted reply of the fake model endpoint. */
export type FakeReply =
  | { kind: 'content'; content: string }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'malformed' }
  | { kind: 'hang' };

/** A request as the fake server saw it. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: { model?: string; stream?: boolean; messages?: { role: string; content: string }[] } & Record<string, unknown>;
}

/**
 * A real OpenAI-compatible chat-completions server on 127.0.0.1 for tests: replies from a
 * script (one reply per request, the last one repeating), streams SSE when asked, and
 * records every request.
 */
export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  private script: FakeReply[] = [];
  private readonly server: Server;
  private readonly hanging = new Set<() => void>();

  private constructor() {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (d: Buffer) => (raw += d.toString()));
      req.on('end', () => {
        const body = parseBody(raw);
        this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        const reply = this.script.length > 1 ? (this.script.shift() as FakeReply) : (this.script[0] ?? { kind: 'content', content: '' });
        if (reply.kind === 'hang') {
          const end = () => res.destroy();
          this.hanging.add(end);
          res.on('close', () => this.hanging.delete(end));
          return;
        }
        if (reply.kind === 'malformed') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"id": "x", "choices": [ {"message": ');
          return;
        }
        if (reply.kind === 'status') {
          res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
          res.end(JSON.stringify(reply.body ?? { error: { message: `status ${reply.status}`, type: 'error' } }));
          return;
        }
        const model = body.model ?? 'fake';
        if (body.stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
          const pieces = reply.content.match(/[\s\S]{1,12}/g) ?? [''];
          for (const piece of pieces) {
            res.write(
              `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`,
            );
          }
          res.write(
            `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`,
          );
          res.end('data: [DONE]\n\n');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'c1',
            object: 'chat.completion',
            created: 1,
            model,
            choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
          }),
        );
      });
    });
  }

  static async start(): Promise<FakeOpenAiServer> {
    const fake = new FakeOpenAiServer();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Replies for the next requests, in order; the last one repeats. */
  reply(...replies: FakeReply[]): void {
    this.script = replies;
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    for (const end of this.hanging) end();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function parseBody(raw: string): RecordedRequest['body'] {
  try {
    return JSON.parse(raw || '{}') as RecordedRequest['body'];
  } catch {
    return {};
  }
}

/** A model reply holding SQL the way models usually write it. */
export const sqlReply = (sql: string): FakeReply => ({ kind: 'content', content: 'Here is the query:\n```sql\n' + sql + '\n```' });
