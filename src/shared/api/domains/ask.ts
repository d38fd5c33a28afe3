import { z } from 'zod';
import { method } from '../define';
import { Cell, Column } from './common';

/** The chart the Ask pane draws, chosen from the result's shape. */
export const AskChart = z.object({
  type: z.enum(['counter', 'line', 'bar', 'grouped-bar', 'table']),
  x: z.string().optional(),
  y: z.array(z.string()),
  series: z.string().optional(),
});
export type AskChart = z.infer<typeof AskChart>;

/** Which database answered: local DuckDB, or a Databricks SQL warehouse profile. */
export const AskTarget = z.object({
  kind: z.enum(['local', 'warehouse']),
  /** `Local DuckDB` or `Databricks · <profile>`. */
  label: z.string(),
  profileId: z.string().optional(),
});
export type AskTarget = z.infer<typeof AskTarget>;

/** One answer: the SQL (null when the question cannot be answered), its result, a chart and a sentence. */
export const AskAnswer = z.object({
  id: z.string(),
  conversationId: z.string(),
  question: z.string(),
  sql: z.string().nullable(),
  columns: z.array(Column),
  rows: z.array(z.array(Cell)),
  truncated: z.boolean(),
  chart: AskChart,
  answer: z.string(),
  source: z.enum(['offline', 'llm', 'verified', 'edited']),
  verified: z.boolean(),
  suggestions: z.array(z.string()),
  rating: z.enum(['up', 'down']).nullable(),
  askedAt: z.string(),
  elapsedMs: z.number(),
  /** Where the SQL ran; absent in answers kept from before warehouses could answer (local). */
  target: AskTarget.optional(),
});
export type AskAnswer = z.infer<typeof AskAnswer>;

export const AskMode = z.enum(['auto', 'offline', 'llm']);
export type AskMode = z.infer<typeof AskMode>;

export const AskQuestionInput = z
  .object({
    question: z.string().trim().min(1, 'Type a question.').max(2000),
    conversationId: z.string().max(100).optional(),
    mode: AskMode.optional(),
    askId: z.string().max(100).optional(),
    /** Answer on this warehouse profile instead of local DuckDB. */
    profileId: z.string().min(1).max(200).optional(),
  })
  .strict();

export const AskRunInput = z
  .object({
    sql: z.string().trim().min(1, 'Enter SQL to run.'),
    question: z.string().max(2000).optional(),
    conversationId: z.string().max(100).optional(),
    /** Run on this warehouse profile (the SQL is Databricks SQL, as shown for a warehouse answer). */
    profileId: z.string().min(1).max(200).optional(),
  })
  .strict();

export const Conversation = z.object({ id: z.string(), title: z.string(), updatedAt: z.string(), answers: z.array(AskAnswer) });
export type Conversation = z.infer<typeof Conversation>;

export const VerifiedQuestion = z.object({ question: z.string(), sql: z.string(), savedAt: z.string(), uses: z.number() });
export type VerifiedQuestion = z.infer<typeof VerifiedQuestion>;

export const LlmPreset = z.enum(['databricks', 'ollama', 'llamacpp', 'vllm', 'lmstudio', 'custom']);
export type LlmPreset = z.infer<typeof LlmPreset>;

export const LlmSettings = z.object({
  enabled: z.boolean(),
  preset: LlmPreset,
  baseUrl: z.string(),
  model: z.string(),
  timeoutMs: z.number().int().min(1000).max(600_000),
  hasKey: z.boolean(),
  keyProtectedAtRest: z.boolean(),
});
export type LlmSettings = z.infer<typeof LlmSettings>;

export const LlmSettingsInput = z
  .object({
    enabled: z.boolean().optional(),
    preset: LlmPreset.optional(),
    baseUrl: z.string().max(500).optional(),
    model: z.string().max(200).optional(),
    timeoutMs: z.number().int().min(1000).max(600_000).optional(),
    /** A new key; '' removes the stored one; absent keeps it. Never read back. */
    apiKey: z.string().max(4000).optional(),
  })
  .strict();

export const PromptPreview = z.object({
  endpoint: z.string(),
  model: z.string(),
  sendsKey: z.boolean(),
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })),
});

const Empty = z.object({}).strict();

export const askMethods = {
  'ask.question': method(
    AskQuestionInput,
    AskAnswer,
    'Answers a question in plain words with SQL, a result, a chart and a sentence; follow-ups keep the conversation context.',
  ),
  'ask.run': method(AskRunInput, AskAnswer, 'Runs edited SQL from the Ask pane through the untrusted-SQL gate.'),
  'ask.feedback': method(
    z.object({ answerId: z.string(), rating: z.enum(['up', 'down']).nullable() }).strict(),
    z.object({ verified: z.boolean() }),
    'Stores a thumbs up/down; a thumbs-up saves the question and its SQL as a verified question.',
  ),
  'ask.history': method(Empty, z.object({ conversations: z.array(Conversation) }), 'The persisted Ask conversations, newest first.'),
  'ask.clearHistory': method(Empty, z.object({ cleared: z.number() }), 'Deletes the Ask conversation history (verified questions stay).'),
  'ask.samples': method(
    Empty,
    z.object({ samples: z.array(z.string()), verified: z.array(VerifiedQuestion) }),
    'Sample and verified questions to offer.',
  ),
  'ask.settings': method(Empty, LlmSettings, 'The language-model settings (never the key itself).'),
  'ask.saveSettings': method(LlmSettingsInput, LlmSettings, 'Saves the language-model settings; the key goes to the secret store.'),
  'ask.promptPreview': method(
    z.object({ question: z.string().max(2000).optional() }).strict(),
    PromptPreview,
    'Exactly what LLM mode sends to the model for a question (the key is never shown).',
  ),
} as const;
