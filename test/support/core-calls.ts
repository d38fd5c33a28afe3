import type { Job, MethodInput, MethodName, MethodOutput } from '../../src/shared/api';
import type { createTestCore } from './test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

/** Calls an API method through the core's dispatcher; a refusal throws with its code. */
export async function call<M extends MethodName>(core: TestCore, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await core.dispatcher.dispatch(method, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.data as MethodOutput<M>;
}

/** Polls jobs.list until the job has left queued/running. */
export async function ended(core: TestCore, id: string, timeoutMs = 60_000): Promise<Job> {
  const started = Date.now();
  for (;;) {
    const job = (await call(core, 'jobs.list', {})).jobs.find((j) => j.id === id);
    if (job && !['queued', 'running'].includes(job.state)) return job;
    if (Date.now() - started > timeoutMs) throw new Error(`job ${id} still ${job?.state}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
