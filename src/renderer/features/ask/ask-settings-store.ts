import { create } from 'zustand';
import type { LlmPreset, LlmSettings, MethodOutput } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { api } from '../../api/client';

type Preview = MethodOutput<'ask.promptPreview'>;

interface AskSettingsState {
  settings?: LlmSettings;
  preview?: Preview;
  saving: boolean;
  message?: string;
  load(): Promise<void>;
  save(input: {
    enabled?: boolean;
    preset?: LlmPreset;
    baseUrl?: string;
    model?: string;
    timeoutMs?: number;
    apiKey?: string;
  }): Promise<void>;
  loadPreview(question: string): Promise<void>;
}

/** The language-model settings of Ask: the key goes in, `hasKey` comes back, never the key. */
export const useAskSettingsStore = create<AskSettingsState>((set) => ({
  saving: false,
  async load() {
    set({ settings: await api.call('ask.settings', {}) });
  },
  async save(input) {
    set({ saving: true, message: undefined });
    try {
      set({ settings: await api.call('ask.saveSettings', input), message: 'Saved.' });
    } catch (e) {
      set({ message: e instanceof AppError ? e.message : String(e) });
    } finally {
      set({ saving: false });
    }
  },
  async loadPreview(question) {
    set({ preview: await api.call('ask.promptPreview', { question }) });
  },
}));
