import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DispatchOptions } from '../api/dispatcher';
import { EventBus } from '../api/event-bus';
import type { DialogPort, SecretStore } from '../ports';
import type { EventName, EventPayload } from '../../shared/api';
import type { ApiError, ApiResult } from '../../shared/errors';
import type { DownloadSource, EngineApi } from './engine-api';
import { JobWatch } from './job-watch';
import { isChildMessage, PORT_OPS, type ChildMessage, type DownloadFile, type EngineChildInit, type HostMessage } from './protocol';
import { describeCall, restartError, type RestartReason } from './restart-error';

/** A started engine child as the host sees it. */
export interface ChildHandle {
  readonly pid: number | undefined;
  send(message: HostMessage): void;
  /** Ends the process at once (SIGKILL): a statement that ignores interrupt cannot hold it. */
  kill(): void;
}

/**
 * Starts one engine child (fork under Node, a utility process in Electron) and reports its messages and
 * exit; `env` is added to the child's environment (its own temp folder).
 */
export type ChildLauncher = (
  on: {
    message(message: unknown): void;
    exit(code: number | null, signal: string | null): void;
  },
  env?: Record<string, string>,
) => ChildHandle;

export interface EngineHostOptions {
  launch: ChildLauncher;
  init: EngineChildInit;
  /** Kept in the host and answered over the channel (the desktop's safeStorage). */
  secrets?: SecretStore;
  dialogs?: DialogPort;
  /** How long a cancelled call or job may take to stop before the host ends the child. */
  cancelGraceMs?: number;
  /** The child must answer a ping within this time, else it is ended and restarted. */
  unresponsiveMs?: number;
  /** More crashes than this within a minute and the host stops restarting. */
  maxRestartsPerMinute?: number;
  /**
   * Each child gets a temp folder of its own under this one (TMPDIR), removed when it exits: a child
   * that crashes leaves no temp copy behind (a bundle's data, an upload).
   */
  scratchDir?: string;
}

interface InFlight {
  method: string;
  input: unknown;
  callId?: string;
  resolve(result: ApiResult<unknown>): void;
  graceTimer?: NodeJS.Timeout;
  /** Its statement reached this time limit (ms): if the process is ended under it, it answers TIMEOUT. */
  timedOutMs?: number;
}

/**
 * Core in a child process, behind the same dispatcher, events and downloads as core in process.
 * When the child dies (a crash, an out-of-memory, a statement that ignored cancel), the host
 * answers the calls it was running with a typed error naming them, starts a new child on the same
 * database (DuckDB replays its WAL: nothing committed is lost) and emits `engine.restarted`.
 */
export class EngineHost implements EngineApi {
  readonly events = new EventBus();
  readonly dispatcher = { dispatch: (method: string, input: unknown, options?: DispatchOptions) => this.dispatch(method, input, options) };
  readonly downloads: DownloadSource = {
    get: (id) => this.download('get', id),
    remove: (id) => void this.download('remove', id),
  };
  readonly databasePath: string;
  /** How many times the child was restarted. */
  restarts = 0;

  private child: ChildHandle | undefined;
  private generation = 0;
  private ready: Promise<void> = Promise.resolve();
  private dead: ApiError | undefined;
  private closing = false;
  private next = 1;
  private readonly calls = new Map<number, InFlight>();
  private readonly downloadReplies = new Map<number, (file: DownloadFile | undefined) => void>();
  private killReason: RestartReason | undefined;
  private readonly crashes: number[] = [];
  private readonly jobs = new JobWatch();
  private heartbeat: NodeJS.Timeout | undefined;
  private lastPong = Date.now();
  /** A child is opening core: the watchdog waits (opening has its own failure path). */
  private starting = false;

  private constructor(private readonly options: EngineHostOptions) {
    this.databasePath = options.init.databasePath;
  }

  /** Starts the child and resolves once core is open in it (rejects with its error when it cannot open). */
  static async start(options: EngineHostOptions): Promise<EngineHost> {
    const host = new EngineHost(options);
    host.ready = host.launch();
    await host.ready;
    host.startHeartbeat();
    return host;
  }

  /** The running child's process id. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async dispatch(method: string, input: unknown, options: DispatchOptions = {}): Promise<ApiResult<unknown>> {
    if (method === 'app.cancel') return this.cancelCall(input);
    try {
      await this.ready;
    } catch {
      // answered below with the reason the engine is down
    }
    if (this.dead || !this.child) return { ok: false, error: this.dead ?? { code: 'UNAVAILABLE', message: 'The engine is not running.' } };
    const id = this.next++;
    const child = this.child;
    const result = new Promise<ApiResult<unknown>>((resolve) => {
      this.calls.set(id, { method, input, callId: options.callId, resolve });
    });
    options.signal?.addEventListener('abort', () => child.send({ type: 'abort', id }), { once: true });
    child.send({ type: 'call', id, method, input, callId: options.callId });
    const answer = await result;
    if (method === 'jobs.cancel' && answer.ok && (answer.data as { cancelled?: boolean }).cancelled) this.watchJobCancel(input);
    return answer;
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => (this.onExitWaiters = resolve));
    child.send({ type: 'close' });
    const timer = setTimeout(() => child.kill(), 10_000);
    await exited;
    clearTimeout(timer);
  }

  private onExitWaiters: (() => void) | undefined;

  /** `app.cancel`: aborts the call in the child; if it is still running after the grace period, ends the child. */
  private cancelCall(input: unknown): ApiResult<unknown> {
    const callId = (input as { callId?: unknown } | null)?.callId;
    if (typeof callId !== 'string' || !callId)
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'app.cancel needs a callId.' } };
    for (const [id, call] of this.calls) {
      if (call.callId !== callId) continue;
      this.child?.send({ type: 'abort', id });
      call.graceTimer ??= setTimeout(
        () => this.end({ kind: 'cancel-ignored', call: describeCall(call.method, call.input), callId }),
        this.grace,
      );
      return { ok: true, data: { cancelled: true } };
    }
    return { ok: true, data: { cancelled: false } };
  }

  /**
   * A statement reached its time limit and was interrupted. DuckDB checks the interrupt only between
   * chunks, so one long scalar call runs on: if the call still runs after the grace period, the
   * child is ended as for an ignored cancel, and the call answers TIMEOUT.
   */
  private watchTimeout(id: number, timeoutMs: number): void {
    const call = this.calls.get(id);
    if (!call) return;
    call.timedOutMs = timeoutMs;
    call.graceTimer ??= setTimeout(
      () => this.end({ kind: 'timeout-ignored', call: describeCall(call.method, call.input), timeoutMs }),
      this.grace,
    );
  }

  private watchJobCancel(input: unknown): void {
    const id = (input as { id?: unknown }).id;
    if (typeof id !== 'string') return;
    setTimeout(() => {
      const job = this.jobs.running(id);
      if (job) this.end({ kind: 'cancel-ignored', call: `the ${job.kind} job` });
    }, this.grace).unref();
  }

  private get grace(): number {
    return this.options.cancelGraceMs ?? 3000;
  }

  /** Ends the child on purpose; its exit handler restarts it and answers the calls. */
  private end(reason: RestartReason): void {
    if (this.closing || !this.child) return;
    this.killReason ??= reason;
    this.child.kill();
  }

  private launch(): Promise<void> {
    const generation = ++this.generation;
    this.starting = true;
    const scratch = this.options.scratchDir && join(this.options.scratchDir, `engine-${generation}`);
    if (scratch) mkdirSync(scratch, { recursive: true, mode: 0o700 });
    const env = scratch ? { TMPDIR: scratch, TMP: scratch, TEMP: scratch } : undefined;
    const removeScratch = () => {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    };
    return new Promise<void>((resolve, reject) => {
      let started = false;
      this.child = this.options.launch(
        {
          message: (message) => {
            if (generation !== this.generation || !isChildMessage(message)) return;
            if (message.type === 'ready') {
              started = true;
              this.starting = false;
              this.lastPong = Date.now();
              resolve();
            } else if (message.type === 'failed') reject(new Error(message.error.message));
            else this.onMessage(message);
          },
          exit: (code, signal) => {
            removeScratch();
            if (generation !== this.generation) return;
            if (started) return this.onExit(code, signal);
            // A child that could not open core is not restarted in a loop: start() or the restart reports it.
            this.child = undefined;
            reject(new Error(`The engine process exited while opening the database (code ${code}, signal ${signal}).`));
          },
        },
        env,
      );
      this.child.send({ type: 'init', init: this.options.init });
    });
  }

  private onMessage(message: ChildMessage): void {
    if (message.type === 'result') {
      const call = this.calls.get(message.id);
      this.calls.delete(message.id);
      if (call?.graceTimer) clearTimeout(call.graceTimer);
      call?.resolve(message.result);
    } else if (message.type === 'event') {
      this.jobs.observe(message.name, message.payload);
      this.events.emit(message.name as EventName, message.payload as never);
    } else if (message.type === 'download-reply') {
      this.downloadReplies.get(message.id)?.(message.file ?? undefined);
      this.downloadReplies.delete(message.id);
    } else if (message.type === 'timeout') this.watchTimeout(message.id, message.timeoutMs);
    else if (message.type === 'port') void this.answerPort(message);
    else if (message.type === 'pong') this.lastPong = Date.now();
  }

  private onExit(code: number | null, signal: string | null): void {
    const running = [...this.calls.values()].map((c) => describeCall(c.method, c.input));
    const reason: RestartReason = this.killReason ?? { kind: 'crashed', code, signal, calls: running.join('; ') || null };
    this.killReason = undefined;
    this.child = undefined;
    for (const [, call] of this.calls) {
      if (call.graceTimer) clearTimeout(call.graceTimer);
      call.resolve({ ok: false, error: restartError(reason, call.method, call.input, this.closing, call.callId, call.timedOutMs) });
    }
    this.calls.clear();
    for (const reply of this.downloadReplies.values()) reply(undefined);
    this.downloadReplies.clear();
    if (this.closing) return this.onExitWaiters?.();
    for (const job of this.jobs.takeRunning()) this.events.emit('job.progressed', job);
    // Only crashes count towards the stop: an end on purpose (a cancel or a time limit the statement
    // ignored) is bounded by that limit, and counting it would let six slow untrusted calls stop the engine.
    if (reason.kind === 'crashed' || reason.kind === 'unresponsive') this.crashes.push(Date.now());
    while (this.crashes.length && this.crashes[0]! < Date.now() - 60_000) this.crashes.shift();
    if (this.crashes.length > (this.options.maxRestartsPerMinute ?? 5)) {
      this.dead = {
        code: 'UNAVAILABLE',
        message: 'The engine crashed too often in the last minute and was not restarted. Restart the app.',
      };
      return;
    }
    this.restarts++;
    this.ready = this.launch().then(
      () => this.emitRestarted(reason),
      (error: Error) => {
        this.dead = { code: 'UNAVAILABLE', message: `The engine could not restart: ${error.message}` };
      },
    );
  }

  private emitRestarted(reason: RestartReason): void {
    const payload: EventPayload<'engine.restarted'> = {
      reason: reason.kind,
      statement: reason.kind === 'crashed' ? (reason.calls ?? null) : reason.call,
      restarts: this.restarts,
      at: new Date().toISOString(),
    };
    this.events.emit('engine.restarted', payload);
  }

  private download(op: 'get' | 'remove', downloadId: string): Promise<DownloadFile | undefined> {
    const child = this.child;
    if (!child) return Promise.resolve(undefined);
    const id = this.next++;
    return new Promise((resolve) => {
      this.downloadReplies.set(id, resolve);
      child.send({ type: 'download', id, op, downloadId });
    });
  }

  private async answerPort(message: Extract<ChildMessage, { type: 'port' }>): Promise<void> {
    const reply = (value: HostMessage) => this.child?.send(value);
    const target = message.port === 'secrets' ? this.options.secrets : this.options.dialogs;
    const allowed = (PORT_OPS[message.port] as readonly string[] | undefined)?.includes(message.op);
    if (!target || !allowed)
      return reply({ type: 'port-reply', id: message.id, ok: false, message: `No ${message.port}.${message.op} here.` });
    try {
      const fn = (target as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[message.op]!;
      const value = await fn.apply(target, message.args);
      reply({ type: 'port-reply', id: message.id, ok: true, value });
    } catch (error) {
      reply({ type: 'port-reply', id: message.id, ok: false, message: (error as Error).message });
    }
  }

  /** Pings the child; one that does not answer within `unresponsiveMs` (its event loop is stuck) is ended. */
  private startHeartbeat(): void {
    const limit = this.options.unresponsiveMs ?? 45_000;
    this.heartbeat = setInterval(
      () => {
        if (!this.child || this.closing || this.starting) return;
        if (Date.now() - this.lastPong > limit) {
          const running = [...this.calls.values()].map((c) => describeCall(c.method, c.input));
          return this.end({ kind: 'unresponsive', call: running.join('; ') || null });
        }
        this.child.send({ type: 'ping', id: this.next++ });
      },
      Math.max(50, Math.floor(limit / 4)),
    );
    this.heartbeat.unref();
  }
}
