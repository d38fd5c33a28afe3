import type OpenAI from 'openai';
import { openAiSdk } from '../ask/llm-client';
import type { ChatComplete } from './narrative';

export interface LlmSettings {
  baseURL: string;
  apiKey?: string;
  model: string;
  timeoutMs?: number;
}

/** A ChatComplete over any OpenAI-compatible endpoint (Databricks, Ollama, llama.cpp, vLLM …). */
export function createOpenAIChat(settings: LlmSettings): ChatComplete {
  let client: OpenAI | undefined;
  return async (messages, options) => {
    const Sdk = await openAiSdk();
    client ??= new Sdk({
      baseURL: settings.baseURL,
      apiKey: settings.apiKey || 'not-needed',
      timeout: settings.timeoutMs ?? 60_000,
      maxRetries: 0,
    });
    const reply = await client.chat.completions.create(
      { model: settings.model, messages, temperature: 0, max_tokens: 400 },
      { signal: options.signal },
    );
    return reply.choices[0]?.message?.content ?? '';
  };
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
