import { complete } from '../llm/llm-client';
import type { LlmSettingsStore } from '../ask/llm-settings';
import type { ChatComplete } from './narrative';
import { createOpenAIChat, llmSettingsFromEnv } from './openai-chat';

/**
 * The narrative model: MEDALLION_LLM_* environment settings when set, else the language model
 * configured for Ask (Settings → Ask), else none (findings without narratives). Looked up at
 * every run, so a change in Settings applies to the next run.
 */
export function narrativeChat(
  askSettings: LlmSettingsStore,
  env: NodeJS.ProcessEnv = process.env,
): () => Promise<ChatComplete | undefined> {
  return async () => {
    const fromEnv = llmSettingsFromEnv(env);
    if (fromEnv) return createOpenAIChat(fromEnv);
    const s = askSettings.stored();
    if (!s.enabled || !s.baseUrl || !s.model) return undefined;
    const config = { baseUrl: s.baseUrl, model: s.model, apiKey: await askSettings.key(), timeoutMs: s.timeoutMs, stream: false };
    return (messages, options) => complete(config, messages, { signal: options.signal });
  };
}
