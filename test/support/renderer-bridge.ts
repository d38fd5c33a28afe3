import { shallow } from 'zustand/shallow';
import type { StoreApi } from 'zustand';
import type { EventName, EventPayload, MethodName, MethodOutput } from '../../src/shared/api';

type Answers = Partial<{ [M in MethodName]: MethodOutput<M> }>;

/**
 * A stand-in for the preload bridge (`window.medallion`: `{ invoke, on }`) for renderer store tests without a DOM:
 * methods answer from a table, and `emit` pushes an event the way core does during a run.
 */
export function standInBridge(answers: Answers) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  return {
    invoke: async (method: string) =>
      method in answers
        ? { ok: true, data: answers[method as MethodName] }
        : { ok: false, error: { code: 'UNAVAILABLE', message: method } },
    on(event: string, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}

/**
 * How often a component would be drawn again while the store changes, counted the way React and zustand decide it:
 * `useStore(store, useShallow(select))` redraws when the selection is not shallow-equal to the last one
 * (`shallow` is zustand's own comparison; a single-field selector's value compares the same way).
 */
export function redrawCounter<S, V>(store: StoreApi<S>, select: (state: S) => V): { readonly count: number; stop(): void } {
  let last = select(store.getState());
  let count = 0;
  const stop = store.subscribe((state) => {
    const next = select(state);
    if (!shallow(last, next)) count++;
    last = next;
  });
  return {
    get count() {
      return count;
    },
    stop,
  };
}
