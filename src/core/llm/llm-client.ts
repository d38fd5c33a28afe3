import type OpenAIClient from 'openai';
import { AppError } from '../../shared/errors';

/**
 * The one LLM client: chat completions over any OpenAI-compatible endpoint (Databricks model
 * serving, Ollama, llama.cpp, vLLM …), used by Ask's LLM mode and the agents' narratives.
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** How to reach one OpenAI-compatible chat-completions endpoint. */
export interface LlmConfig {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  stream: boolean;
  /** Automatic retries on 429/5xx (honouring retry-after); 1 unless set. */
  maxRetries?: number;
  /** A cap on the reply's length (a narrative is a few sentences). */
  maxTokens?: number;
}

let sdk: typeof OpenAIClient | undefined;

/** The OpenAI SDK, loaded on the first model call (a fifth of a second of start-up that every other command would pay). */
export async function openAiSdk(): Promise<typeof OpenAIClient> {
  sdk ??= (await import('openai')).default;
  return sdk;
}

/** Sends one chat completion and returns the text, streaming deltas to `onText` as they come. */
export async function complete(
  config: LlmConfig,
  messages: ChatMessage[],
  options: { signal?: AbortSignal; onText?: (soFar: string) => void } = {},
): Promise<string> {
  if (!config.baseUrl || /<[^>]+>/.test(config.baseUrl)) {
    throw new AppError(
      'INVALID_INPUT',
      `The model endpoint "${config.baseUrl}" is not a usable URL: set the base URL in Settings → Ask (language model).`,
    );
  }
  const OpenAI = await openAiSdk();
  const client = new OpenAI({
    baseURL: config.baseUrl,
    apiKey: config.apiKey || 'no-key',
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries ?? 1,
    dangerouslyAllowBrowser: false,
  });
  try {
    if (!config.stream) {
      const reply = await client.chat.completions.create(
        { model: config.model, messages, temperature: 0, max_tokens: config.maxTokens },
        { signal: options.signal },
      );
      if (!reply || !Array.isArray(reply.choices)) throw new SyntaxError('reply has no choices');
      const text = reply.choices[0]?.message?.content ?? '';
      options.onText?.(text);
      return text;
    }
    const stream = await client.chat.completions.create(
      { model: config.model, messages, temperature: 0, max_tokens: config.maxTokens, stream: true },
      { signal: options.signal },
    );
    let text = '';
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      options.onText?.(text);
    }
    return text;
  } catch (error) {
    throw describeLlmError(error, config);
  }
}

/** Turns SDK and network failures into messages that say what happened and what to do. */
export function describeLlmError(error: unknown, config: LlmConfig): AppError {
  if (error instanceof AppError) return error;
  const where = `${config.baseUrl} (model ${config.model})`;
  // No SDK loaded means no SDK call was made, so the error cannot be one of its classes.
  const OpenAI = sdk;
  if (OpenAI) {
    if (error instanceof OpenAI.APIUserAbortError)
      return new AppError('CANCELLED', 'The question was cancelled while the model was answering.');
    if (error instanceof OpenAI.APIConnectionTimeoutError) {
      return new AppError(
        'TIMEOUT',
        `The model at ${where} did not answer within ${Math.round(config.timeoutMs / 1000)} s. Try again, pick a smaller model, or raise the time limit in Settings.`,
      );
    }
    if (error instanceof OpenAI.APIConnectionError) {
      return new AppError(
        'UNAVAILABLE',
        `Could not reach the model endpoint ${config.baseUrl}: is the server running and the base URL right? (Settings → Ask)`,
      );
    }
    if (error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError) {
      return new AppError(
        'UNAUTHORIZED',
        `The model endpoint ${config.baseUrl} refused the API key (${error.status}). Enter a valid key in Settings → Ask.`,
      );
    }
    if (error instanceof OpenAI.RateLimitError) {
      const after = error.headers?.get?.('retry-after');
      return new AppError(
        'UNAVAILABLE',
        `The model endpoint is rate limiting requests (429)${after ? `; it asks to retry after ${after} s` : ''}. Wait and ask again.`,
      );
    }
    if (error instanceof OpenAI.NotFoundError) {
      return new AppError(
        'NOT_FOUND',
        `The endpoint ${config.baseUrl} has no model "${config.model}" (404). Check the model name in Settings → Ask.`,
      );
    }
    if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
      return new AppError('UNAVAILABLE', `The model endpoint answered with an error (${error.status}): ${error.message}`);
    }
  }
  if (error instanceof SyntaxError || (error instanceof Error && /JSON/i.test(error.message))) {
    return new AppError(
      'UNAVAILABLE',
      `The model endpoint ${config.baseUrl} sent a reply that is not valid OpenAI-compatible JSON. Check that the base URL points at a chat-completions API (usually ending in /v1).`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('UNAVAILABLE', `The model call failed: ${message}`);
}
