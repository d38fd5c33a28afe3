import type { z } from 'zod';
import { appMethods } from './domains/app';
import { bundlesMethods } from './domains/bundles';
import { dashboardsMethods } from './domains/dashboards';
import { askMethods } from './domains/ask';
import { engineMethods } from './domains/engine';
import { jobsMethods } from './domains/jobs';
import { agentsMethods } from './domains/agents';
import { modelsMethods } from './domains/models';
import { pipelineMethods } from './domains/pipeline';
import { settingsMethods } from './domains/settings';
import { sqlwbMethods } from './domains/sqlwb';
import { warehouseMethods } from './domains/warehouse';
import { appEvents } from './events';
import { jobsEvents } from './events-jobs';
import { agentsEvents } from './events-agents';
import { askEvents } from './events-ask';
import { pipelineEvents } from './events-pipeline';
import { warehouseEvents } from './events-warehouse';

/** The one API contract: every method, once. Transports and the client are derived from it. */
export const methods = {
  ...appMethods,
  ...jobsMethods,
  ...engineMethods,
  ...sqlwbMethods,
  ...agentsMethods,
  ...dashboardsMethods,
  ...bundlesMethods,
  ...modelsMethods,
  ...pipelineMethods,
  ...askMethods,
  ...warehouseMethods,
  ...settingsMethods,
} as const;

export const events = {
  ...appEvents,
  ...jobsEvents,
  ...agentsEvents,
  ...pipelineEvents,
  ...askEvents,
  ...warehouseEvents,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}

export * from './domains/common';
export * from './domains/app';
export * from './domains/engine';
export * from './domains/jobs';
export * from './domains/sqlwb';
export * from './domains/agents';
export * from './domains/dashboards';
export * from './domains/bundles';
export * from './domains/models';
export * from './domains/pipeline';
export * from './domains/ask';
export * from './domains/warehouse';
export * from './domains/settings';
