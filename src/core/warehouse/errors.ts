import type { ConnectionVerdict } from '../../shared/api';
import { AppError, type ErrorCode } from '../../shared/errors';
import { redact } from './redact';

type Verdict = ConnectionVerdict['verdict'];

/** A driver failure read as what a user can act on. */
export interface Diagnosis {
  verdict: Verdict;
  code: ErrorCode;
  message: string;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
]);

interface DriverErrorShape {
  message?: string;
  code?: string | number;
  errno?: string | number;
  statusCode?: number;
  errorCode?: string;
  response?: { errorMessage?: string; displayMessage?: string };
  payload?: unknown;
  cause?: unknown;
}

function findCode(error: DriverErrorShape, depth = 0): string | undefined {
  if (!error || depth > 4) return undefined;
  for (const c of [error.code, error.errno]) if (typeof c === 'string' && (TLS_CODES.has(c) || NETWORK_CODES.has(c))) return c;
  const m =
    /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID|EPROTO)\b/.exec(
      error.message ?? '',
    );
  if (m) return m[1];
  if (/self[- ]signed certificate|unable to verify the first certificate|certificate/i.test(error.message ?? '')) return 'CERT';
  return findCode((error.cause ?? error.payload) as DriverErrorShape, depth + 1);
}

function httpStatus(error: DriverErrorShape): number | undefined {
  if (typeof error.statusCode === 'number') return error.statusCode;
  const m = /bad HTTP status code: (\d{3})|\b(\d{3}) when connecting/.exec(error.message ?? '');
  return m ? Number(m[1] ?? m[2]) : undefined;
}

/** Reads any driver/network error; the message never contains a secret. */
export function diagnose(error: unknown, where: { host: string; path: string }, secrets: string[] = []): Diagnosis {
  if (error instanceof AppError)
    return { verdict: error.code === 'UNAUTHORIZED' ? 'no_secret' : 'error', code: error.code, message: error.message };
  const e = (error ?? {}) as DriverErrorShape;
  const raw = redact(e.message ?? String(error), secrets);
  const status = httpStatus(e);
  const code = findCode(e);
  if (status === 401) {
    return {
      verdict: 'token_rejected',
      code: 'UNAUTHORIZED',
      message: `The warehouse at ${where.host} rejected the credentials (HTTP 401). The token may be wrong, expired or revoked: create a new one (or log in again) and save it in the profile.`,
    };
  }
  if (status === 403) {
    // 403 means the identity is known but not allowed: a permission or a network policy, not a bad token.
    return {
      verdict: 'token_rejected',
      code: 'FORBIDDEN',
      message: `The warehouse at ${where.host} refused access (HTTP 403): the credentials are valid, but this identity may not use the warehouse, or the workspace does not accept connections from your network. Ask a workspace admin to grant CAN USE on the SQL warehouse, and to check the workspace's IP access list (or private-link settings) for your network.`,
    };
  }
  if (status === 404) {
    return {
      verdict: 'wrong_path',
      code: 'NOT_FOUND',
      message: `${where.host} answered 404 for the HTTP path ${where.path}. Copy the HTTP path (or the warehouse id) from the warehouse's Connection details tab.`,
    };
  }
  if (status === 503 || status === 502 || status === 504 || /Max retry count exceeded/i.test(raw)) {
    return {
      verdict: 'warehouse_stopped',
      code: 'UNAVAILABLE',
      message: `The SQL warehouse is stopped or still starting (HTTP ${status ?? 503}). Start it in the Databricks UI (or enable auto-start) and try again in a minute.`,
    };
  }
  if (code && (TLS_CODES.has(code) || code === 'CERT')) {
    return {
      verdict: 'tls',
      code: 'UNAVAILABLE',
      message: `The TLS connection to ${where.host} failed (${code === 'CERT' ? raw : code}): the server's certificate is not trusted. If a proxy or private CA signs it, set its CA certificate file in the profile.`,
    };
  }
  if ((code && NETWORK_CODES.has(code)) || /Request timed out|socket hang up|network timeout|premature close/i.test(raw)) {
    return {
      verdict: 'unreachable',
      code: 'UNAVAILABLE',
      message: `Could not reach ${where.host} (${code ?? 'timed out'}). Check the host name, your network or VPN, and any proxy.`,
    };
  }
  if (e.errorCode === 'TIMEOUT')
    return { verdict: 'error', code: 'TIMEOUT', message: 'The statement ran longer than its time limit and was stopped on the warehouse.' };
  if (e.errorCode === 'CANCELED') return { verdict: 'error', code: 'CANCELLED', message: 'The statement was cancelled.' };
  if (e.errorCode === 'ERROR' || /StatusError/.test(String((error as { name?: string })?.name))) {
    const detail = redact(e.response?.displayMessage ?? e.response?.errorMessage ?? raw, secrets);
    return { verdict: 'error', code: 'SQL_ERROR', message: `The warehouse reported an error: ${detail}` };
  }
  return { verdict: 'error', code: 'INTERNAL', message: `The warehouse call failed: ${raw}` };
}

/**
 * The ways a warehouse says it no longer knows a session (expired after idling, warehouse
 * restarted): the current error class and the older Thrift server text. The caller reopens.
 */
const SESSION_LOST = [
  /\bINVALID_HANDLE\.SESSION_(NOT_FOUND|CLOSED|EXPIRED)\b/,
  /\bInvalid SessionHandle\b/i,
  /\bSession \[[^\]]+\] is closed\b/i,
];

/** True when the error says the server-side session is gone (so reopening one and retrying is right). */
export function isSessionLost(error: unknown): boolean {
  const message =
    error instanceof Error
      ? error.message
      : typeof (error as { message?: unknown })?.message === 'string'
        ? String((error as { message: string }).message)
        : String(error);
  return SESSION_LOST.some((re) => re.test(message));
}

/** A diagnosis as the AppError handlers throw. */
export function toWarehouseError(error: unknown, where: { host: string; path: string }, secrets: string[] = []): AppError {
  if (error instanceof AppError) return error;
  const d = diagnose(error, where, secrets);
  return new AppError(d.code, d.message, { details: { verdict: d.verdict } });
}
