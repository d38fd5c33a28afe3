import type { ApiError } from '../../shared/errors';

/** Why the host ended or lost its engine child. */
export type RestartReason =
  | { kind: 'crashed'; code: number | null; signal: string | null; calls?: string | null }
  | { kind: 'cancel-ignored'; call: string; callId?: string }
  | { kind: 'timeout-ignored'; call: string; timeoutMs: number }
  | { kind: 'unresponsive'; call: string | null };

const SHOWN = 160;

/** A call as a person recognises it: the method and, when it has one, its SQL or question. */
export function describeCall(method: string, input: unknown): string {
  const fields = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const text = [fields.sql, fields.question, fields.where].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (!text) return method;
  const flat = text.replace(/\s+/g, ' ').trim();
  return `${method} "${flat.length > SHOWN ? `${flat.slice(0, SHOWN)}…` : flat}"`;
}

/**
 * The typed error a call gets when the engine process under it ended: UNAVAILABLE (or CANCELLED
 * for the call whose cancel ended it), naming what was running, with `details.engineRestarted`.
 */
export function restartError(
  reason: RestartReason,
  method: string,
  input: unknown,
  closing: boolean,
  callId?: string,
  timedOutMs?: number,
): ApiError {
  const what = describeCall(method, input);
  if (closing) return { code: 'UNAVAILABLE', message: `The engine shut down while running ${what}.` };
  const details = { engineRestarted: true, reason: reason.kind, method, statement: what };
  if (reason.kind === 'cancel-ignored' && reason.callId !== undefined && reason.callId === callId) {
    return {
      code: 'CANCELLED',
      message: `${what} did not stop when cancelled, so the engine process was ended and restarted. Nothing committed was lost.`,
      details,
    };
  }
  if (timedOutMs !== undefined) {
    return {
      code: 'TIMEOUT',
      message: `${what} ran longer than its time limit of ${formatMs(timedOutMs)} and did not stop when interrupted, so the engine process was ended and restarted. Nothing committed was lost.`,
      details,
    };
  }
  const cause =
    reason.kind === 'crashed'
      ? `the engine process stopped (${reason.signal ? `signal ${reason.signal}` : `exit code ${reason.code}`})`
      : reason.kind === 'unresponsive'
        ? 'the engine process stopped answering'
        : reason.kind === 'timeout-ignored'
          ? `the engine was restarted to stop ${reason.call}, which ran past its time limit`
          : `the engine was restarted to stop ${reason.call}`;
  return {
    code: 'UNAVAILABLE',
    message: `${what} failed: ${cause} while it ran. The engine was restarted and nothing committed was lost; run it again, or change it if it caused this.`,
    details,
  };
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms} ms`;
}
