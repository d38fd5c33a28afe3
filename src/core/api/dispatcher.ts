import { isMethodName, methods } from '../../shared/api';
import { AppError, type ApiResult } from '../../shared/errors';
import type { Handlers } from './handlers';

export interface DispatchOptions {
  callId?: string;
  signal?: AbortSignal;
}

/**
 * The single entry point every transport calls: checks the method name, parses the input
 * with the contract's schema, runs the handler and always answers with an ApiResult.
 */
export class Dispatcher {
  private readonly running = new Map<string, AbortController>();

  private readonly handlers: Partial<Handlers>;

  /** Every method's handler: the whole app. */
  constructor(handlers: Handlers) {
    this.handlers = handlers;
  }

  /** A dispatcher for a session that answers only some methods (a CLI command that opens only what it needs); others are UNAVAILABLE. */
  static partial(handlers: Partial<Handlers>): Dispatcher {
    return new Dispatcher(handlers as Handlers);
  }

  async dispatch(method: string, rawInput: unknown, options: DispatchOptions = {}): Promise<ApiResult<unknown>> {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `There is no API method called "${method}".` } };
    }
    const parsed = methods[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
      return { ok: false, error: { code: 'INVALID_INPUT', message: `Invalid input for ${method}: ${summary}`, details: issues } };
    }
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort();
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    if (options.callId) this.running.set(options.callId, controller);
    try {
      if (method === 'app.cancel') {
        const target = this.running.get((parsed.data as { callId: string }).callId);
        target?.abort();
        return { ok: true, data: { cancelled: Boolean(target) } };
      }
      const handler = this.handlers[method] as ((input: unknown, ctx: { signal: AbortSignal; callId?: string }) => unknown) | undefined;
      if (!handler) throw new AppError('UNAVAILABLE', `${method} is not available in this session.`);
      const data = await handler(parsed.data, { signal: controller.signal, callId: options.callId });
      return { ok: true, data };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toApiError() };
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'INTERNAL', message: `Unexpected error in ${method}: ${message}` } };
    } finally {
      options.signal?.removeEventListener('abort', onOuterAbort);
      if (options.callId) this.running.delete(options.callId);
    }
  }

  /** Aborts every running call (shutdown). */
  abortAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}
