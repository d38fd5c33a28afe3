import { complete, type LlmConfig } from '../llm/llm-client';
import type { ChatComplete } from './narrative';

export interface LlmSettings {
  baseURL: string;
  apiKey?: string;
  model: string;
  timeoutMs?: number;
}

/** The agents' narrative model through the one LLM client: no retries, a short reply, a minute at most. */
export function createOpenAIChat(settings: LlmSettings): ChatComplete {
  const config: LlmConfig = {
    baseUrl: settings.baseURL,
    model: settings.model,
    apiKey: settings.apiKey,
    timeoutMs: settings.timeoutMs ?? 60_000,
    stream: false,
    maxRetries: 0,
    maxTokens: 400,
  };
  return (messages, options) => complete(config, messages, { signal: options.signal });
}

/** LLM settings from MEDALLION_LLM_BASE_URL / _MODEL / _API_KEY, until the app's own settings provide them. */
export function llmSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): LlmSettings | undefined {
  if (!env.MEDALLION_LLM_BASE_URL) return undefined;
  return {
    baseURL: env.MEDALLION_LLM_BASE_URL,
    model: env.MEDALLION_LLM_MODEL ?? 'databricks-meta-llama-3-1-70b-instruct',
    apiKey: env.MEDALLION_LLM_API_KEY,
  };
}
