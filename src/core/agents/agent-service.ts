import type { AgentId, AgentRun, Recommendation, RunAgentsResult } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../api/event-bus';
import type { Engine } from '../engine/engine';
import { createContext, toObjects } from './context';
import { fmtMoney } from './format';
import { narrate, type ChatComplete } from './narrative';
import { dedupe, rank, summaryText, type AgentFinding } from './orchestrator';
import { AGENT_NAMES, SPECIALISTS } from './registry';
import extentSql from './sql/data_extent.sql?raw';
import summarySql from './sql/summary_by_run.sql?raw';
import { AgentStore } from './store';
import type { Agent, AgentContext, Finding } from './types';
import { num, str } from './types';
import type { JobRegistry } from '../jobs/job-registry';
import type { SqlTarget } from '../engine/sql-target';

/** Below this many events in silver the agents report "not enough data" instead of findings. */
export const MIN_EVENTS = 1000;

export interface RunOptions {
  trigger: AgentRun['trigger'];
  signal?: AbortSignal;
  noNarrative?: boolean;
  /** The job the run runs in (set by `run`). */
  jobId?: string;
}

export interface AgentServiceOptions {
  /** The chat model for narratives, looked up at each run so settings changes apply; undefined = offline. */
  chat?: () => Promise<ChatComplete | undefined> | ChatComplete | undefined;
  /** Where runs are tracked as jobs (single-flight per agent, jobs.cancel); without it runs are plain calls. */
  jobs?: JobRegistry;
  /** Where evidence queries run (the session's local target); the local database by default. */
  target?: SqlTarget;
}

class NotEnoughData extends Error {}

/** Runs agents, records their runs and findings, and lets a run be cancelled. */
export class AgentService {
  readonly store: AgentStore;
  private readonly running = new Map<string, { agent: AgentId; jobId?: string }>();

  constructor(
    private readonly engine: Engine,
    private readonly events: EventBus,
    private readonly options: AgentServiceOptions = {},
  ) {
    this.store = new AgentStore(engine);
  }

  isRunning(agent: AgentId): boolean {
    return [...this.running.values()].some((r) => r.agent === agent);
  }

  /** `run` with the job it runs in while it is running (cancel it with jobs.cancel). */
  withJob(run: AgentRun): AgentRun {
    const jobId = this.running.get(run.runId)?.jobId;
    return jobId ? { ...run, jobId } : run;
  }

  /**
   * Runs one specialist, or the orchestrator (all five, merged) when `agent` is omitted or 'orchestrator',
   * as a job: a second run of the same agent while one is going joins it (single-flight).
   */
  async run(agent: AgentId | undefined, options: RunOptions): Promise<RunAgentsResult> {
    const jobs = this.options.jobs;
    if (!jobs) return this.runNow(agent, options);
    const id = agent ?? 'orchestrator';
    const started = jobs.start(
      { kind: 'agents.run', key: `agents:${id}`, message: `Running ${id}` },
      (job) =>
        this.runNow(agent, {
          ...options,
          jobId: job.id,
          signal: options.signal ? AbortSignal.any([options.signal, job.signal]) : job.signal,
        }),
      (r) => ({
        state: r.run.status === 'cancelled' ? 'cancelled' : r.run.status === 'failed' ? 'failed' : 'succeeded',
        error: r.run.message,
      }),
    );
    return started.result;
  }

  private async runNow(agent: AgentId | undefined, options: RunOptions): Promise<RunAgentsResult> {
    const chat = options.noNarrative ? undefined : await this.options.chat?.();
    if (!agent || agent === 'orchestrator') return this.orchestrate(options, chat);
    const specialist = SPECIALISTS.find((s) => s.id === agent);
    if (!specialist) throw new AppError('NOT_FOUND', `There is no agent called "${agent}".`);
    const { run, findings } = await this.runSpecialist(specialist, options, null, chat);
    if (run.status === 'succeeded') await this.save(specialist.id, run.runId, findings);
    return { run, childRuns: [], recommendations: await this.store.recommendations({ runId: run.runId, limit: 1000 }), summary: null };
  }

  private async runSpecialist(agent: Agent, options: RunOptions, parent: AgentRun | null, chat: ChatComplete | undefined) {
    const begun = await this.begin(agent.id, options, parent?.runId ?? null);
    const controller = begun.controller;
    let run = begun.run;
    let findings: Finding[] = [];
    try {
      const ctx = await this.context(controller.signal);
      findings = await agent.analyze(ctx);
      const notes = chat ? await this.narrateAll(findings, chat, controller.signal) : [];
      run = await this.finish(run, 'succeeded', findings.length, notes.length ? notes.join(' ') : null);
    } catch (error) {
      run = await this.fail(run, error, controller.signal);
    } finally {
      this.running.delete(run.runId);
    }
    return { run, findings };
  }

  private async orchestrate(options: RunOptions, chat: ChatComplete | undefined): Promise<RunAgentsResult> {
    const begun = await this.begin('orchestrator', options, null);
    const controller = begun.controller;
    let run = begun.run;
    const childRuns: AgentRun[] = [];
    let summary: string | null = null;
    try {
      const ctx = await this.context(controller.signal);
      const found: (AgentFinding & { runId: string })[] = [];
      for (const specialist of SPECIALISTS) {
        if (controller.signal.aborted) break;
        const child = await this.runSpecialist(specialist, { ...options, signal: controller.signal }, run, chat);
        childRuns.push(child.run);
        found.push(...child.findings.map((finding) => ({ agent: specialist.id, finding, runId: child.run.runId })));
      }
      if (controller.signal.aborted) throw new AppError('CANCELLED', 'Cancelled.');
      const { kept, removed } = dedupe(found, AGENT_NAMES);
      for (const child of childRuns) {
        await this.save(
          child.agent,
          child.runId,
          kept.filter((k) => k.runId === child.runId).map((k) => k.finding),
        );
      }
      const summaryFinding = await this.summarise(ctx, run.runId, rank(kept), chat, controller.signal);
      await this.save('orchestrator', run.runId, [summaryFinding]);
      summary = summaryFinding.recommendation;
      const failed = childRuns.filter((c) => c.status === 'failed').map((c) => AGENT_NAMES[c.agent]);
      const message = [
        removed ? `Removed ${removed} overlapping finding${removed === 1 ? '' : 's'}.` : '',
        failed.length ? `Failed: ${failed.join(', ')}.` : '',
      ]
        .filter(Boolean)
        .join(' ');
      run = await this.finish(run, 'succeeded', kept.length, message || null);
    } catch (error) {
      run = await this.fail(run, error, controller.signal);
    } finally {
      this.running.delete(run.runId);
    }
    const ids = [run.runId, ...childRuns.map((c) => c.runId)];
    const recommendations: Recommendation[] = [];
    for (const id of ids) recommendations.push(...(await this.store.recommendations({ runId: id, limit: 1000 })));
    const order = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
    recommendations.sort((a, b) => order[a.severity] - order[b.severity] || b.expectedImpactValue - a.expectedImpactValue);
    return { run, childRuns, recommendations, summary };
  }

  private async summarise(
    ctx: AgentContext,
    runId: string,
    kept: AgentFinding[],
    chat: ChatComplete | undefined,
    signal: AbortSignal,
  ): Promise<Finding> {
    const text = summaryText(kept, AGENT_NAMES);
    const ev = await ctx.evidence(summarySql, { run_id: runId });
    const finding: Finding = {
      fingerprint: 'executive-summary',
      subject: { key: 'summary' },
      severity: 'info',
      title: text.title,
      recommendation: text.recommendation,
      evidence: { sql: ev.sql, table: ev.table },
      expectedImpact: `≈ ${fmtMoney(text.total)} in value across ${kept.length} findings`,
      expectedImpactValue: Math.round(text.total * 100) / 100,
    };
    if (chat) await this.narrateAll([finding], chat, signal);
    return finding;
  }

  /** Adds narratives; returns notes for the run history when the model failed or its numbers were wrong. */
  private async narrateAll(findings: Finding[], chat: ChatComplete, signal: AbortSignal): Promise<string[]> {
    const notes: string[] = [];
    for (const f of findings) {
      try {
        const result = await narrate(f, chat, signal);
        f.narrative = result.narrative;
        if (result.rejected) notes.push(`Narrative rejected for "${f.title}": ${result.rejected}.`);
      } catch (error) {
        if (signal.aborted) throw error;
        notes.push(
          `No narrative: the language model failed (${error instanceof Error ? error.message : String(error)}); findings are kept without one.`,
        );
        break;
      }
    }
    return notes;
  }

  private async context(signal: AbortSignal): Promise<AgentContext> {
    let rows;
    try {
      rows = toObjects(await this.engine.query(extentSql, { signal }));
    } catch (error) {
      if (error instanceof AppError && error.code === 'SQL_ERROR' && /payments_enriched_silver/i.test(error.message)) {
        throw new NotEnoughData(
          'Not enough data: there is no payments_enriched_silver table yet. Replay some payments first (Pipeline page or `medallion replay`).',
        );
      }
      throw error;
    }
    const events = num(rows[0]?.events);
    if (events < MIN_EVENTS) {
      throw new NotEnoughData(
        `Not enough data: payments_enriched_silver has ${events.toLocaleString('en-US')} events and the agents need at least ${MIN_EVENTS.toLocaleString('en-US')}. Replay more payments first (Pipeline page or \`medallion replay\`).`,
      );
    }
    return createContext(
      this.engine,
      { anchor: str(rows[0]?.anchor), events, scanEvents: num(rows[0]?.scan_events), scanMinutes: num(rows[0]?.scan_minutes) },
      signal,
      this.options.target,
    );
  }

  private async save(agent: AgentId, runId: string, findings: Finding[]): Promise<void> {
    if (findings.length === 0) return;
    await this.store.saveFindings(agent, runId, findings);
    this.events.emit('agents.recommendationsChanged', { runId });
  }

  /** Records the run and makes it cancellable before anyone hears it started. */
  private async begin(agent: AgentId, options: RunOptions, parentRunId: string | null) {
    const started = await this.store.startRun(agent, options.trigger, parentRunId);
    const run = options.jobId ? { ...started, jobId: options.jobId } : started;
    const controller = this.track(run, options.signal);
    this.events.emit('agents.runUpdated', run);
    return { run, controller };
  }

  private async finish(run: AgentRun, status: AgentRun['status'], findings: number, message: string | null): Promise<AgentRun> {
    const done = await this.store.finishRun({ ...run, jobId: undefined }, status, findings, message);
    this.events.emit('agents.runUpdated', done);
    return done;
  }

  private fail(run: AgentRun, error: unknown, signal: AbortSignal): Promise<AgentRun> {
    if (error instanceof NotEnoughData) return this.finish(run, 'not_enough_data', 0, error.message);
    if (signal.aborted || (error instanceof AppError && error.code === 'CANCELLED'))
      return this.finish(run, 'cancelled', 0, 'Cancelled before it finished; nothing was stored.');
    const message = error instanceof Error ? error.message : String(error);
    return this.finish(run, 'failed', 0, message);
  }

  private track(run: AgentRun, outer?: AbortSignal): AbortController {
    const controller = new AbortController();
    if (outer?.aborted) controller.abort();
    outer?.addEventListener('abort', () => controller.abort(), { once: true });
    this.running.set(run.runId, { agent: run.agent, jobId: run.jobId });
    return controller;
  }
}
