import { join } from 'node:path';
import type { LlmPreset, LlmSettings } from '../../shared/api/domains/ask';
import type { SecretStore } from '../ports';
import { readJsonFile, writeJsonFile } from './json-file';

/** Where each kind of OpenAI-compatible server usually listens, and a typical model name. */
export const LLM_PRESETS: Record<LlmPreset, { baseUrl: string; model: string; needsKey: boolean }> = {
  databricks: { baseUrl: 'https://<workspace-host>/serving-endpoints', model: 'databricks-meta-llama-3-3-70b-instruct', needsKey: true },
  ollama: { baseUrl: 'http://localhost:11434/v1', model: 'llama3.1', needsKey: false },
  llamacpp: { baseUrl: 'http://localhost:8080/v1', model: 'local-model', needsKey: false },
  vllm: { baseUrl: 'http://localhost:8000/v1', model: 'meta-llama/Llama-3.1-8B-Instruct', needsKey: false },
  lmstudio: { baseUrl: 'http://localhost:1234/v1', model: 'local-model', needsKey: false },
  custom: { baseUrl: '', model: '', needsKey: false },
};

export const LLM_KEY_SECRET = 'ask.llm.apiKey';

type StoredSettings = Omit<LlmSettings, 'hasKey' | 'keyProtectedAtRest'> & { stream: boolean };

const DEFAULTS: StoredSettings = {
  enabled: false,
  preset: 'ollama',
  baseUrl: LLM_PRESETS.ollama.baseUrl,
  model: LLM_PRESETS.ollama.model,
  timeoutMs: 60_000,
  stream: true,
};

/** The language-model settings file plus the key, which only ever lives in the secret store. */
export class LlmSettingsStore {
  private readonly file: string;

  constructor(
    userDataDir: string,
    private readonly secrets: SecretStore,
  ) {
    this.file = join(userDataDir, 'ask', 'llm.json');
  }

  stored(): StoredSettings {
    return { ...DEFAULTS, ...readJsonFile<Partial<StoredSettings>>(this.file, {}) };
  }

  async get(): Promise<LlmSettings> {
    const { stream: _stream, ...rest } = this.stored();
    return { ...rest, hasKey: Boolean(await this.secrets.get(LLM_KEY_SECRET)), keyProtectedAtRest: this.secrets.protectedAtRest };
  }

  async key(): Promise<string | undefined> {
    return this.secrets.get(LLM_KEY_SECRET);
  }

  async save(input: Partial<StoredSettings> & { apiKey?: string }): Promise<LlmSettings> {
    const { apiKey, ...rest } = input;
    const current = this.stored();
    const next: StoredSettings = { ...current, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) };
    if (input.preset && input.preset !== current.preset && input.baseUrl === undefined) next.baseUrl = LLM_PRESETS[input.preset].baseUrl;
    if (input.preset && input.preset !== current.preset && input.model === undefined) next.model = LLM_PRESETS[input.preset].model;
    writeJsonFile(this.file, next);
    if (apiKey === '') await this.secrets.delete(LLM_KEY_SECRET);
    else if (apiKey !== undefined) await this.secrets.set(LLM_KEY_SECRET, apiKey);
    return this.get();
  }
}
