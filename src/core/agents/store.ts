import { randomUUID } from 'node:crypto';
import type { AgentId, AgentRun, Recommendation, RecommendationStatus, RunStatus, Severity } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { Engine } from '../engine/engine';
import { toObjects } from './context';
import type { Finding } from './types';
import addFingerprintSql from './sql/add_fingerprint_column.sql?raw';
import createRecommendationsSql from './sql/create_recommendations.sql?raw';
import createRunsSql from './sql/create_runs.sql?raw';
import getRecommendationSql from './sql/get_recommendation.sql?raw';
import finishRunSql from './sql/finish_run.sql?raw';
import insertRecommendationSql from './sql/insert_recommendation.sql?raw';
import insertRunSql from './sql/insert_run.sql?raw';
import listRecommendationsSql from './sql/list_recommendations.sql?raw';
import listRunsSql from './sql/list_runs.sql?raw';
import markInterruptedSql from './sql/mark_interrupted_runs.sql?raw';
import setStatusSql from './sql/set_status.sql?raw';

const nowSql = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '');

/** agent_recommendations and agent_runs: where findings and run history are kept (insert-only, an audit trail). */
export class AgentStore {
  private ready?: Promise<void>;

  constructor(private readonly engine: Engine) {}

  /** Creates the tables when missing and closes runs a previous session left open. */
  ensure(): Promise<void> {
    this.ready ??= this.createTables().catch((error: unknown) => {
      // Let the next call try again rather than failing forever.
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async createTables(): Promise<void> {
    for (const sql of [createRecommendationsSql, addFingerprintSql, createRunsSql, markInterruptedSql]) {
      // DDL can collide with another connection creating the pipeline schema at the same moment.
      for (let attempt = 1; ; attempt++) {
        try {
          await this.engine.run(sql);
          break;
        } catch (error) {
          if (attempt >= 3 || !(error instanceof Error && /write-write conflict/i.test(error.message))) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        }
      }
    }
  }

  async startRun(agent: AgentId, trigger: AgentRun['trigger'], parentRunId: string | null): Promise<AgentRun> {
    await this.ensure();
    const started = new Date();
    const run: AgentRun = {
      runId: `run-${randomUUID()}`,
      agent,
      parentRunId,
      trigger,
      startedAt: started.toISOString(),
      finishedAt: null,
      durationMs: null,
      status: 'running',
      findings: 0,
      message: null,
    };
    await this.engine.run(insertRunSql, {
      params: { run_id: run.runId, agent, parent_run_id: parentRunId, trigger, started_at: nowSql(started) },
    });
    return run;
  }

  async finishRun(run: AgentRun, status: RunStatus, findings: number, message: string | null): Promise<AgentRun> {
    const finished = new Date();
    const done: AgentRun = {
      ...run,
      status,
      findings,
      message,
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - Date.parse(run.startedAt),
    };
    await this.engine.run(finishRunSql, {
      params: { run_id: run.runId, finished_at: nowSql(finished), duration_ms: done.durationMs, status, findings, message },
    });
    return done;
  }

  async runs(agent: AgentId | undefined, limit: number): Promise<AgentRun[]> {
    await this.ensure();
    const result = await this.engine.query(listRunsSql, { params: { agent: agent ?? null, limit }, maxRows: limit });
    return toObjects(result).map((r) => ({
      runId: String(r.run_id),
      agent: r.agent as AgentId,
      parentRunId: (r.parent_run_id as string | null) ?? null,
      trigger: r.trigger as AgentRun['trigger'],
      startedAt: String(r.started_at),
      finishedAt: (r.finished_at as string | null) ?? null,
      durationMs: r.duration_ms === null || r.duration_ms === undefined ? null : Number(r.duration_ms),
      status: r.status as RunStatus,
      findings: Number(r.findings ?? 0),
      message: (r.message as string | null) ?? null,
    }));
  }

  /** Stores findings of one run; each inherits the status a person gave the same finding earlier. */
  async saveFindings(agent: AgentId, runId: string, findings: Finding[]): Promise<void> {
    await this.ensure();
    const created = nowSql(new Date());
    for (const f of findings) {
      await this.engine.run(insertRecommendationSql, {
        params: {
          recommendation_id: `rec-${randomUUID()}`,
          agent,
          run_id: runId,
          created_at: created,
          severity: f.severity,
          title: f.title,
          recommendation: f.recommendation,
          evidence_sql: f.evidence.sql,
          evidence_json: JSON.stringify(f.evidence.table),
          expected_impact: f.expectedImpact,
          expected_impact_value: f.expectedImpactValue,
          narrative: f.narrative ?? null,
          fingerprint: f.fingerprint,
        },
      });
    }
  }

  async recommendations(filter: {
    agent?: AgentId;
    severity?: Severity;
    status?: RecommendationStatus;
    runId?: string;
    limit?: number;
  }): Promise<Recommendation[]> {
    await this.ensure();
    const limit = filter.limit ?? 200;
    const result = await this.engine.query(listRecommendationsSql, {
      params: {
        agent: filter.agent ?? null,
        severity: filter.severity ?? null,
        status: filter.status ?? null,
        run_id: filter.runId ?? null,
        limit,
      },
      maxRows: limit,
    });
    return toObjects(result).map(toRecommendation);
  }

  async setStatus(recommendationId: string, status: RecommendationStatus): Promise<Recommendation> {
    await this.ensure();
    await this.engine.run(setStatusSql, { params: { recommendation_id: recommendationId, status } });
    const result = await this.engine.query(getRecommendationSql, { params: { recommendation_id: recommendationId } });
    const row = toObjects(result)[0];
    if (!row)
      throw new AppError(
        'NOT_FOUND',
        `There is no recommendation ${recommendationId}. Refresh the list; it may come from another database.`,
      );
    return toRecommendation(row);
  }
}

function toRecommendation(r: Record<string, unknown>): Recommendation {
  let evidence: Recommendation['evidence'] = { columns: [], rows: [] };
  try {
    if (typeof r.evidence_json === 'string') evidence = JSON.parse(r.evidence_json) as Recommendation['evidence'];
  } catch {
    // A row written by something else may carry evidence in another shape; show the SQL alone.
  }
  return {
    recommendationId: String(r.recommendation_id),
    agent: r.agent as AgentId,
    runId: String(r.run_id ?? ''),
    createdAt: String(r.created_at ?? ''),
    severity: (r.severity as Severity) ?? 'info',
    title: String(r.title ?? ''),
    recommendation: String(r.recommendation ?? ''),
    evidenceSql: String(r.evidence_sql ?? ''),
    evidence,
    expectedImpact: String(r.expected_impact ?? ''),
    expectedImpactValue: Number(r.expected_impact_value ?? 0),
    narrative: (r.narrative as string | null) ?? null,
    status: (r.status as RecommendationStatus) ?? 'open',
  };
}
