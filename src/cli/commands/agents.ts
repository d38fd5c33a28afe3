import { Command } from 'commander';
import { AGENT_IDS, type AgentId, type RunAgentsResult } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { callApi } from '../api-client';
import { reportError } from '../errors';
import { openCore } from '../open-core';

/** Short names people type (`routing`, `smart-retry` …) for the agent ids. */
const ALIASES: Record<string, AgentId> = {
  routing: 'smart_routing',
  retry: 'smart_retry',
  decline: 'decline_analyst',
  declines: 'decline_analyst',
  risk: 'risk_assessor',
  performance: 'performance_recommender',
  all: 'orchestrator',
};

export function resolveAgentName(name: string | undefined): AgentId {
  if (!name) return 'orchestrator';
  const key = name.toLowerCase().replace(/-/g, '_');
  const id = (AGENT_IDS as readonly string[]).includes(key) ? (key as AgentId) : ALIASES[key];
  if (!id)
    throw new AppError(
      'INVALID_INPUT',
      `There is no agent called "${name}". Choose one of: ${AGENT_IDS.join(', ')} (or routing, retry, decline, risk, performance).`,
    );
  return id;
}

function printText(result: RunAgentsResult): void {
  const out: string[] = [];
  for (const run of [result.run, ...result.childRuns]) {
    const took = run.durationMs === null ? '' : ` in ${(run.durationMs / 1000).toFixed(1)} s`;
    out.push(
      `${run.agent.padEnd(24)} ${run.status.replace(/_/g, ' ')}${took}, ${run.findings} finding${run.findings === 1 ? '' : 's'}${run.message ? ` — ${run.message}` : ''}`,
    );
  }
  if (result.recommendations.length) out.push('');
  for (const r of result.recommendations) {
    out.push(`[${r.severity.toUpperCase()}] ${r.title}`);
    out.push(`    ${r.recommendation}`);
    out.push(`    impact: ${r.expectedImpact}`);
    if (r.narrative) out.push(`    ${r.narrative}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

export function agentsCommand(): Command {
  const agents = new Command('agents').description('analysis agents that find problems in the data and recommend actions');
  agents
    .command('run')
    .description('run one agent, or the orchestrator (all five, merged and ranked) when NAME is left out')
    .argument('[name]', 'smart_routing, smart_retry, decline_analyst, risk_assessor, performance_recommender or orchestrator')
    .option('--db <path>', 'database file (default: the app database in the user-data folder)')
    .option('--json', 'print the runs and recommendations as JSON')
    .option('--no-narrative', 'skip the language-model narrative even when one is configured')
    .action(async (name: string | undefined, opts: { db?: string; json?: boolean; narrative: boolean }) => {
      let agent: AgentId;
      try {
        agent = resolveAgentName(name);
      } catch (error) {
        reportError(error);
      }
      const core = await openCore(opts.db).catch((e: unknown) => reportError(e));
      const controller = new AbortController();
      const onInterrupt = () => controller.abort();
      process.once('SIGINT', onInterrupt);
      let result: RunAgentsResult;
      try {
        result = await callApi(
          core,
          'agents.run',
          { agent, trigger: 'cli', noNarrative: !opts.narrative },
          {},
          { signal: controller.signal },
        );
      } catch (error) {
        await core.close();
        reportError(error);
      } finally {
        process.off('SIGINT', onInterrupt);
      }
      await core.close();
      if (opts.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      else printText(result);
      const failed = [result.run, ...result.childRuns].filter((r) => r.status === 'failed' || r.status === 'cancelled');
      // In JSON mode stdout is for machines; say it where a person sees it.
      if (opts.json && result.run.status === 'not_enough_data') process.stderr.write(`${result.run.message}\n`);
      for (const r of failed) process.stderr.write(`error: ${r.agent} ${r.status}: ${r.message ?? ''}\n`);
      if (failed.length) process.exit(1);
    });
  return agents;
}
