import { create, type StoreApi } from 'zustand';
import type { AskAnswer, Conversation, VerifiedQuestion, WarehouseProfile } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { api } from '../../api/client';

export interface AskError {
  message: string;
  code?: string;
}

interface AskState {
  conversationId?: string;
  turns: AskAnswer[];
  asking: boolean;
  streamed: string;
  error?: AskError;
  samples: string[];
  verified: VerifiedQuestion[];
  history: Conversation[];
  controller?: AbortController;
  /** Warehouse profiles Ask can run on (the target switch is hidden without any). */
  profiles: Pick<WarehouseProfile, 'id' | 'name'>[];
  /** The profile new questions run on, or null for local DuckDB. */
  target: string | null;
  load(): Promise<void>;
  setTarget(profileId: string | null): void;
  ask(question: string): Promise<void>;
  rerun(answerId: string, sql: string): Promise<void>;
  rate(answerId: string, rating: 'up' | 'down' | null): Promise<void>;
  cancel(): void;
  newConversation(): void;
  openConversation(id: string): void;
  clearHistory(): Promise<void>;
}

const toError = (e: unknown): AskError => (e instanceof AppError ? { message: e.message, code: e.code } : { message: String(e) });
/** Ids for the streamed text of each question, numbered per store (not module state). */
function askIds(): () => string {
  let asked = 0;
  return () => `ask-${Date.now().toString(36)}-${asked++}`;
}

const TARGET_KEY = 'medallion.askTarget';
function rememberedTarget(): string | null {
  try {
    return localStorage.getItem(TARGET_KEY);
  } catch {
    return null;
  }
}
function rememberTarget(profileId: string | null): void {
  try {
    if (profileId) localStorage.setItem(TARGET_KEY, profileId);
    else localStorage.removeItem(TARGET_KEY);
  } catch {
    // Storage unavailable (private mode): the choice lasts for this session only.
  }
}

/** The Ask page: the current conversation's turns, streaming text, samples and history. */
const askState = (set: StoreApi<AskState>['setState'], get: StoreApi<AskState>['getState'], nextAskId: () => string): AskState => ({
  turns: [],
  asking: false,
  streamed: '',
  samples: [],
  verified: [],
  history: [],
  profiles: [],
  target: null,
  async load() {
    try {
      const [samples, history, profiles] = await Promise.all([
        api.call('ask.samples', {}),
        api.call('ask.history', {}),
        // Without warehouse profiles (or when they cannot be listed) Ask simply runs locally.
        api.call('warehouse.listProfiles', {}).then(
          (r) => r.profiles.map((p) => ({ id: p.id, name: p.name })),
          () => [],
        ),
      ]);
      // A remembered profile that has since been deleted falls back to local.
      const remembered = rememberedTarget();
      const target = profiles.some((p) => p.id === remembered) ? remembered : null;
      set({ samples: samples.samples, verified: samples.verified, history: history.conversations, profiles, target });
      const latest = history.conversations[0];
      // Reopen the last conversation only if the user has not started one meanwhile (a question asked while this loaded).
      if (latest && get().turns.length === 0 && !get().asking) set({ conversationId: latest.id, turns: latest.answers });
    } catch (e) {
      set({ error: toError(e) });
    }
  },
  async ask(question) {
    const controller = new AbortController();
    const askId = nextAskId();
    const off = api.on('ask.streamed', (p) => {
      if (p.askId === askId) set({ streamed: p.text });
    });
    set({ asking: true, error: undefined, streamed: '', controller });
    try {
      const profileId = get().target ?? undefined;
      const answer = await api.call(
        'ask.question',
        { question, conversationId: get().conversationId, askId, profileId },
        { signal: controller.signal },
      );
      set((s) => ({ turns: [...s.turns, answer], conversationId: answer.conversationId }));
      void refreshLists(set);
    } catch (e) {
      set({ error: toError(e) });
    } finally {
      off();
      set({ asking: false, controller: undefined, streamed: '' });
    }
  },
  async rerun(answerId, sql) {
    const turn = get().turns.find((t) => t.id === answerId);
    set({ asking: true, error: undefined });
    try {
      // The SQL is in the dialect of the target that answered, so it runs there again.
      const answer = await api.call('ask.run', {
        sql,
        question: turn?.question,
        conversationId: get().conversationId,
        profileId: turn?.target?.profileId,
      });
      set((s) => ({ turns: [...s.turns, answer], conversationId: answer.conversationId }));
    } catch (e) {
      set({ error: toError(e) });
    } finally {
      set({ asking: false });
    }
  },
  async rate(answerId, rating) {
    try {
      await api.call('ask.feedback', { answerId, rating });
      set((s) => ({ turns: s.turns.map((t) => (t.id === answerId ? { ...t, rating } : t)) }));
      void refreshLists(set);
    } catch (e) {
      set({ error: toError(e) });
    }
  },
  setTarget(profileId) {
    rememberTarget(profileId);
    set({ target: profileId });
  },
  cancel() {
    get().controller?.abort();
  },
  newConversation() {
    set({ conversationId: undefined, turns: [], error: undefined });
  },
  openConversation(id) {
    const conv = get().history.find((c) => c.id === id);
    if (conv) set({ conversationId: conv.id, turns: conv.answers, error: undefined });
  },
  async clearHistory() {
    await api.call('ask.clearHistory', {});
    set({ history: [], turns: [], conversationId: undefined });
  },
});

export const useAskStore = create<AskState>((set, get) => askState(set, get, askIds()));

async function refreshLists(set: (partial: Partial<AskState>) => void): Promise<void> {
  const [samples, history] = await Promise.all([api.call('ask.samples', {}), api.call('ask.history', {})]);
  set({ verified: samples.verified, history: history.conversations });
}
