import type { Job, MethodInput, MethodName, MethodOutput } from '../../src/shared/api';
import { AppError, appErrorFrom, type ApiError } from '../../src/shared/errors';
import type { DispatchOptions } from '../../src/core/api/dispatcher';
import type { createTestCore } from './test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
/** Anything with the contract's dispatcher: a test core, or one built with other dependencies. */
type Dispatching = Pick<TestCore, 'dispatcher'>;

/**
 * Calls an API method through the core's dispatcher, as every client does; a refusal throws an AppError
 * with its code, message and details (the contract's field issues for INVALID_INPUT).
 */
export async function call<M extends MethodName>(
  core: Dispatching,
  method: M,
  input: MethodInput<M>,
  options: DispatchOptions = {},
): Promise<MethodOutput<M>> {
  const result = await core.dispatcher.dispatch(method, input, options);
  if (!result.ok) throw appErrorFrom(result.error);
  return result.data as MethodOutput<M>;
}

/** The refusal of a call that is expected to fail (input may be off-contract on purpose). */
export async function failure(core: Dispatching, method: MethodName, input: unknown): Promise<ApiError> {
  const result = await core.dispatcher.dispatch(method, input);
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
  return result.error;
}

/** The AppError a promise rejects with (a call's refusal); fails the test when it resolves or throws anything else. */
export async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Polls jobs.list until the job has left queued/running. */
export async function ended(core: Dispatching, id: string, timeoutMs = 60_000): Promise<Job> {
  const started = Date.now();
  for (;;) {
    const job = (await call(core, 'jobs.list', {})).jobs.find((j) => j.id === id);
    if (job && !['queued', 'running'].includes(job.state)) return job;
    if (Date.now() - started > timeoutMs) throw new Error(`job ${id} still ${job?.state}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
