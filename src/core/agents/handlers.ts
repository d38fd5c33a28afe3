import type { AgentInfo } from '../../shared/api';
import type { HandlerGroup } from '../api/handlers';
import type { AgentService } from './agent-service';
import { DESCRIPTORS } from './registry';
import type { AgentScheduler } from './scheduler';

type AgentMethods = 'agents.list' | 'agents.run' | 'agents.runs' | 'agents.recommendations' | 'agents.setStatus' | 'agents.setSchedule';

/** agents.* methods: the Agents page and anything else that runs agents or reads their findings. */
export function agentsHandlers(service: AgentService, scheduler: AgentScheduler): HandlerGroup<AgentMethods> {
  const info = async (id: AgentInfo['id']): Promise<AgentInfo> => {
    const d = DESCRIPTORS.find((x) => x.id === id)!;
    const [lastRun] = await service.store.runs(id, 1);
    return {
      id: d.id,
      name: d.name,
      looksAt: d.looksAt,
      sources: d.sources,
      relatedViews: d.relatedViews,
      schedule: scheduler.get(d.id),
      lastRun: lastRun ? service.withJob(lastRun) : null,
    };
  };
  return {
    'agents.list': () => Promise.all(DESCRIPTORS.map((d) => info(d.id))),
    'agents.run': (input, ctx) =>
      service.run(input.agent, { trigger: input.trigger ?? 'manual', signal: ctx.signal, noNarrative: input.noNarrative }),
    'agents.runs': async (input) => (await service.store.runs(input.agent, input.limit ?? 50)).map((r) => service.withJob(r)),
    'agents.recommendations': (input) => service.store.recommendations(input),
    'agents.setStatus': (input) => service.store.setStatus(input.recommendationId, input.status),
    'agents.setSchedule': (input) => {
      scheduler.set(input.agent, input.enabled, input.intervalMs);
      return info(input.agent);
    },
  };
}
