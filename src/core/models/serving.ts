import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Prediction } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { ModelRegistry, Scorer } from './registry';
import { predictRecords, validateAll } from './scoring';

export const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** Turns an MLflow request body (dataframe_records or dataframe_split) into records. */
export function parseInvocation(body: unknown): unknown[] {
  const b = body as Record<string, unknown> | null;
  if (b && Array.isArray(b.dataframe_records)) return b.dataframe_records;
  const split = b?.dataframe_split as { columns?: unknown; data?: unknown } | undefined;
  if (split && Array.isArray(split.columns) && Array.isArray(split.data)) {
    const cols = split.columns as string[];
    return (split.data as unknown[]).map((row, i) => {
      if (!Array.isArray(row) || row.length !== cols.length)
        throw new AppError(
          'INVALID_INPUT',
          `dataframe_split row ${i} has ${Array.isArray(row) ? row.length : 0} values for ${cols.length} columns.`,
        );
      return Object.fromEntries(cols.map((c, j) => [c, row[j]]));
    });
  }
  throw new AppError(
    'INVALID_INPUT',
    'The body must be JSON with "dataframe_records" (a list of objects) or "dataframe_split" ({"columns": [...], "data": [[...]]}).',
  );
}

/** One prediction in the wire shape: approval probability as a number (like the platform), others as objects. */
export function wirePrediction(scorer: Scorer, p: Prediction): unknown {
  if (scorer.info.schemaOf === 'approval_propensity' && scorer.info.positiveClass) return p.probabilities[scorer.info.positiveClass];
  const out: Record<string, unknown> = { prediction: p.label, probabilities: p.probabilities };
  if (p.recommendedWaitSeconds !== null) out.recommended_wait_seconds = p.recommendedWaitSeconds;
  return out;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new AppError('INVALID_INPUT', `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new AppError('INVALID_INPUT', 'The request body is not valid JSON.');
  }
}

const STATUS: Partial<Record<string, number>> = { INVALID_INPUT: 400, NOT_FOUND: 404 };

/**
 * Serves local models over the MLflow scoring protocol on 127.0.0.1: `POST /invocations`
 * (the default model), `POST /serving-endpoints/<model>/invocations` (any model or version),
 * `GET /health`, `GET /models`.
 */
export async function startModelServer(
  registry: ModelRegistry,
  options: { port?: number; defaultModel?: string },
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
        if (req.method === 'GET' && (path === '/health' || path === '/ping')) return send(res, 200, { status: 'ok' });
        if (req.method === 'GET' && path === '/models') {
          const models = (await registry.list()).filter((m) => m.kind === 'local');
          return send(res, 200, { models: models.map((m) => ({ id: m.id, features: m.features, classes: m.classes })) });
        }
        const m = /^\/serving-endpoints\/([^/]+)\/invocations$/.exec(path);
        if (req.method !== 'POST' || (path !== '/invocations' && !m)) {
          return send(res, 404, {
            error_code: 'ENDPOINT_NOT_FOUND',
            message: `No route ${req.method} ${path}; POST /invocations or /serving-endpoints/<model>/invocations.`,
          });
        }
        const id = m ? decodeURIComponent(m[1]!) : options.defaultModel;
        if (!id)
          throw new AppError(
            'INVALID_INPUT',
            'This server has no default model: POST to /serving-endpoints/<model>/invocations, or start it with a default model.',
          );
        const scorer = await registry.load(id);
        if (scorer.info.kind !== 'local') throw new AppError('NOT_FOUND', `${id} is a remote model; this server serves local models only.`);
        const records = validateAll(scorer, parseInvocation(await readBody(req)));
        const predictions = await predictRecords(scorer, records, false);
        send(res, 200, { predictions: predictions.map((p) => wirePrediction(scorer, p)) });
      } catch (error) {
        const e = error instanceof AppError ? error : new AppError('INTERNAL', error instanceof Error ? error.message : String(error));
        send(res, STATUS[e.code] ?? 500, {
          error_code: e.code === 'INVALID_INPUT' ? 'BAD_REQUEST' : e.code,
          message: e.message,
          details: e.details,
        });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new AppError('UNAVAILABLE', `Port ${options.port} is already in use: pick another port.`, { details: { port: options.port } })
          : new AppError('UNAVAILABLE', `Could not start the model server: ${e.message}`),
      ),
    );
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
