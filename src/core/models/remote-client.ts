import { AppError } from '../../shared/errors';
import type { FeatureRecord } from '../../shared/models/schema';
import { redact } from '../warehouse/redact';
import { postText } from './http-post';

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  ECONNRESET: 'the connection was reset',
  UND_ERR_SOCKET: 'the connection was closed',
  EHOSTUNREACH: 'host unreachable',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
};

export type RemoteFormat = 'dataframe_records' | 'dataframe_split';

/** The MLflow scoring request body for records in either pandas orientation. */
export function invocationBody(records: FeatureRecord[], columns: string[], format: RemoteFormat): unknown {
  if (format === 'dataframe_records') return { dataframe_records: records };
  return { dataframe_split: { columns, data: records.map((r) => columns.map((c) => r[c] ?? null)) } };
}

/**
 * POSTs records to an MLflow / Databricks Model Serving `…/invocations` URL and returns the
 * `predictions` array. Every failure (unreachable, HTTP error, slow, malformed reply, wrong
 * count) becomes an AppError that says which, within `timeoutMs`.
 */
export async function invokeRemote(
  url: string,
  records: FeatureRecord[],
  options: {
    columns: string[];
    format: RemoteFormat;
    timeoutMs: number;
    token?: string;
    signal?: AbortSignal;
    /** Extra CA certificate (PEM) to trust, e.g. from a Databricks connection profile. */
    ca?: string;
    /** How messages name the target, e.g. `the serving endpoint "x" on host`; defaults to the URL. */
    target?: string;
  },
): Promise<unknown[]> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const target = options.target ?? describe(url);
  const where = target[0]!.toUpperCase() + target.slice(1);
  let text: string;
  let status: number;
  try {
    const body = JSON.stringify(invocationBody(records, options.columns, options.format));
    ({ status, text } = await postText(url, body, { headers, signal, ca: options.ca }));
  } catch (error) {
    if (options.signal?.aborted) throw new AppError('CANCELLED', 'The request to the remote model was cancelled.');
    if (timeout.aborted)
      throw new AppError(
        'TIMEOUT',
        `${where} did not answer within ${(options.timeoutMs / 1000).toFixed(1)} s; it may be starting up (scale-from-zero) or overloaded. Try again or raise the time limit.`,
      );
    const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
    const code = e.code ?? e.cause?.code ?? '';
    const why = NETWORK_ERRORS[code] ? `${NETWORK_ERRORS[code]} (${code})` : (e.cause?.message ?? e.message ?? String(error));
    throw new AppError('UNAVAILABLE', `Could not reach ${target}: ${why}. Check the URL and that the server is running.`);
  }
  // A server may echo the request's headers; the token must not reach an error message.
  const snippet = redact(text.slice(0, 300).replace(/\s+/g, ' '), options.token ? [options.token] : []);
  if (status === 401 || status === 403)
    throw new AppError(
      'UNAUTHORIZED',
      `${where} rejected the token (HTTP ${status}): check the token and that it may query this model. ${snippet}`,
    );
  if (status === 404) throw new AppError('NOT_FOUND', `${where} answered 404: no model is served there. ${snippet}`);
  if (status >= 400 && status < 500) throw new AppError('INVALID_INPUT', `${where} rejected the input (HTTP ${status}): ${snippet}`);
  if (status >= 500) throw new AppError('UNAVAILABLE', `${where} failed (HTTP ${status}): ${snippet}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('UNAVAILABLE', `${where} replied with something that is not JSON: ${snippet || '(empty body)'}`);
  }
  const predictions = (body as { predictions?: unknown } | null)?.predictions;
  if (!Array.isArray(predictions)) throw new AppError('UNAVAILABLE', `${where} replied without a "predictions" array: ${snippet}`);
  if (predictions.length !== records.length) {
    throw new AppError(
      'UNAVAILABLE',
      `${where} returned ${predictions.length} prediction${predictions.length === 1 ? '' : 's'} for ${records.length} record${records.length === 1 ? '' : 's'}.`,
    );
  }
  return predictions;
}

function describe(url: string): string {
  try {
    const u = new URL(url);
    return `the remote model at ${u.host}${u.pathname}`;
  } catch {
    return `the remote model at ${url}`;
  }
}

/** One remote prediction, normalised to class probabilities over `classes`. */
export function normalisePrediction(
  raw: unknown,
  classes: string[],
  positive: string | null,
): { probabilities: number[]; wait: number | null } {
  const k = classes.length;
  const onehot = (label: string) => classes.map((c) => (c === label ? 1 : 0));
  const fail = () =>
    new AppError(
      'UNAVAILABLE',
      `The remote model returned a prediction this model kind cannot read: ${JSON.stringify(raw).slice(0, 200)}.`,
    );
  if (typeof raw === 'number' && k === 2 && raw >= 0 && raw <= 1) {
    const pi = classes.indexOf(positive ?? classes[1]!);
    return { probabilities: classes.map((_, i) => (i === pi ? raw : 1 - raw)), wait: null };
  }
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw < k) return { probabilities: onehot(classes[raw]!), wait: null };
  if (typeof raw === 'boolean' && k === 2)
    return { probabilities: onehot(raw ? (positive ?? classes[1]!) : classes.find((c) => c !== positive)!), wait: null };
  if (typeof raw === 'string') {
    if (!classes.includes(raw)) throw fail();
    return { probabilities: onehot(raw), wait: null };
  }
  if (Array.isArray(raw) && raw.length === k && raw.every((v) => typeof v === 'number'))
    return { probabilities: raw as number[], wait: null };
  if (raw && typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    const wait = typeof o.recommended_wait_seconds === 'number' ? o.recommended_wait_seconds : null;
    if (o.probabilities && typeof o.probabilities === 'object') {
      const probs = Array.isArray(o.probabilities)
        ? (o.probabilities as number[])
        : classes.map((c) => Number((o.probabilities as Record<string, unknown>)[c] ?? 0));
      if (probs.length === k && probs.every((v) => Number.isFinite(v))) return { probabilities: probs, wait };
    }
    const label = o.prediction ?? o.label;
    if (label !== undefined) return { ...normalisePrediction(label, classes, positive), wait };
  }
  throw fail();
}
