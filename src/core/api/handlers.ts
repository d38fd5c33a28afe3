import type { MethodName, MethodOutput, MethodParsedInput } from '../../shared/api';

/** What every handler gets besides its input. */
export interface CallContext {
  /** Aborted when the caller cancels (app.cancel, a closed request) or the app shuts down. */
  signal: AbortSignal;
  callId?: string;
}

export type Handler<M extends MethodName> = (input: MethodParsedInput<M>, ctx: CallContext) => Promise<MethodOutput<M>> | MethodOutput<M>;

/** Every method of the contract, implemented once. */
export type Handlers = { [M in MethodName]: Handler<M> };

/** A domain's share of the handlers. */
export type HandlerGroup<M extends MethodName> = { [K in M]: Handler<K> };
