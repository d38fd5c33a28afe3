import type { EventName, EventPayload } from '../../shared/api';

type Listener = (name: EventName, payload: unknown) => void;

/** Core's pushed events. Transports subscribe once and forward everything to their clients. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch {
        // A broken subscriber must not stop the others or the emitter.
      }
    }
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
