import { methods, type Job, type MethodInput, type MethodName, type MethodOutput } from '../shared/api';
import { AppError, appErrorFrom, type ApiResult } from '../shared/errors';
import type { Core } from '../core/core';
import type { DispatchOptions } from '../core/api/dispatcher';

/**
 * What a CLI command needs of core: the contract's dispatcher and its events — core in process, or
 * in an engine child (EngineHost), which has the same two.
 */
export interface ApiCore {
  dispatcher: { dispatch(method: string, input: unknown, options?: DispatchOptions): Promise<ApiResult<unknown>> };
  events: Pick<Core['events'], 'subscribe'>;
}

/** Which command-line flag an input field came from, so a refusal names the flag the user typed. */
export type FlagNames = Record<string, string>;

/**
 * Checks a command's input against the contract before anything is opened (the same schema the
 * dispatcher applies), so a refused setting never touches the database.
 */
export function checkInput<M extends MethodName>(method: M, input: MethodInput<M>, flags: FlagNames = {}): void {
  const parsed = methods[method].input.safeParse(input);
  if (parsed.success) return;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw (
    refusal(issues, flags) ?? new AppError('INVALID_INPUT', issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '))
  );
}

/**
 * Calls an API method through the dispatcher, as every client does; input is validated once, by the
 * contract. A refused field is reported under its flag: `speed: must be…` becomes `--speed must be…`.
 * `signal` cancels the call (Ctrl-C during a pull).
 */
export async function callApi<M extends MethodName>(
  core: ApiCore,
  method: M,
  input: MethodInput<M>,
  flags: FlagNames = {},
  options: { signal?: AbortSignal } = {},
): Promise<MethodOutput<M>> {
  const r = await core.dispatcher.dispatch(method, input, options);
  if (r.ok) return r.data as MethodOutput<M>;
  const issues = r.error.code === 'INVALID_INPUT' && Array.isArray(r.error.details) ? (r.error.details as Issue[]) : [];
  throw refusal(issues, flags) ?? appErrorFrom(r.error);
}

interface Issue {
  path?: unknown;
  message?: unknown;
}

/** The contract's refusal with each field named by its flag; undefined when a field has no flag. */
function refusal(issues: Issue[], flags: FlagNames): AppError | undefined {
  const named = issues.filter((i) => typeof i.path === 'string' && typeof i.message === 'string' && flags[i.path]);
  if (named.length === 0 || named.length !== issues.length) return undefined;
  return new AppError('INVALID_INPUT', named.map((i) => said(flags[i.path as string]!, String(i.message))).join('; '));
}

/** A message under the flag it is about: `--speed must be…` for a clause; `--http-path: Enter the HTTP path…` for a sentence. */
function said(flag: string, message: string): string {
  return /^[A-Z]/.test(message) ? `${flag}: ${message}` : `${flag} ${message}`;
}

/** Runs a core check of one flag's text (core names the thing, not the flag); its refusal comes back under the flag. */
export function underFlag<T>(flag: string, check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof AppError && e.code === 'INVALID_INPUT')
      throw new AppError('INVALID_INPUT', said(flag, e.message), { details: e.details });
    throw e;
  }
}

/**
 * Follows a job to its end through `job.progressed`; Ctrl-C (SIGINT) cancels it through `jobs.cancel`.
 * Resolves with the job's last state (succeeded, failed or cancelled).
 */
export async function followJob(core: ApiCore, job: Job, onProgress: (job: Job) => void = () => undefined): Promise<Job> {
  const cancel = () => void core.dispatcher.dispatch('jobs.cancel', { id: job.id }).catch(() => undefined);
  process.once('SIGINT', cancel);
  let off: () => void = () => undefined;
  try {
    return await new Promise<Job>((resolve, reject) => {
      const settle = (j: Job) => {
        if (j.id !== job.id) return;
        onProgress(j);
        if (j.state !== 'queued' && j.state !== 'running') resolve(j);
      };
      off = core.events.subscribe((name, payload) => {
        if (name === 'job.progressed') settle(payload as Job);
      });
      // The job may have ended before we subscribed: read its state once.
      callApi(core, 'jobs.list', { kind: job.kind }).then((r) => {
        const now = r.jobs.find((j) => j.id === job.id);
        if (now) settle(now);
      }, reject);
    });
  } finally {
    off();
    process.off('SIGINT', cancel);
  }
}
