/** Error codes every transport carries unchanged; the UI and the CLI turn them into messages. */
export const ERROR_CODES = [
  'UNKNOWN_METHOD',
  'INVALID_INPUT',
  'SQL_ERROR',
  'TIMEOUT',
  'CANCELLED',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'UNAVAILABLE',
  'INVALID_FILE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where in the SQL text an error points (1-based line and column, 0-based offset). */
export interface SqlPosition {
  line: number;
  column: number;
  offset: number;
}

/** The serialisable error shape of the API contract: never a raw Error. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  position?: SqlPosition;
  details?: unknown;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** An error a service throws on purpose; its code and message reach the user as they are. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly position?: SqlPosition;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, extra: { position?: SqlPosition; details?: unknown } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.position = extra.position;
    this.details = extra.details;
  }

  toApiError(): ApiError {
    const out: ApiError = { code: this.code, message: this.message };
    if (this.position) out.position = this.position;
    if (this.details !== undefined) out.details = this.details;
    return out;
  }
}

/** Rebuilds an AppError on the calling side of a transport. */
export function appErrorFrom(error: ApiError): AppError {
  return new AppError(error.code, error.message, { position: error.position, details: error.details });
}
