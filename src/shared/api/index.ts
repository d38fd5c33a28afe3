import type { z } from 'zod';
import { appMethods } from './domains/app';
import { askMethods } from './domains/ask';
import { engineMethods } from './domains/engine';
import { agentsMethods } from './domains/agents';
import { appEvents } from './events';
import { agentsEvents } from './events-agents';
import { pipelineMethods } from './domains/pipeline';
import { pipelineEvents } from './events-pipeline';
import { askEvents } from './events-ask';

/** The one API contract: every method, once. Transports and the client are derived from it. */
export const methods = {
  ...appMethods,
  ...engineMethods,
  ...agentsMethods,
  ...pipelineMethods,
  ...askMethods,
} as const;

export const events = {
  ...appEvents,
  ...agentsEvents,
  ...pipelineEvents,
  ...askEvents,
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
export * from './domains/agents';
export * from './domains/pipeline';
export * from './domains/ask';
