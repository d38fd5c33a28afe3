import { Command } from 'commander';
import type { LlmConfig } from '../../core/llm/llm-client';
import { AppError } from '../../shared/errors';
import { callApi } from '../api-client';
import { reportError } from '../errors';
import { formatResult } from '../format';
import { openEngineLink } from '../engine-link';
import { openCore } from '../open-core';
import { positiveInt } from './query';
import { pickProfile } from './warehouse-profile';

interface AskOptions {
  db?: string;
  json?: boolean;
  offline?: boolean;
  llmBaseUrl?: string;
  llmModel?: string;
  llmTimeout?: number;
  maxRows?: number;
  warehouse?: string;
}

/** `medallion ask "question"`: the Ask pane without a window. */
export function askCommand(): Command {
  return new Command('ask')
    .description('answer a question in plain words (offline semantic engine; a language model with --llm-base-url)')
    .argument('<question>', 'e.g. "What\'s our approval rate today?"')
    .option('--db <path>', 'database file (default: the app database in the user-data folder)')
    .option('--json', 'print {sql, columns, rows, chart, answer} as JSON')
    .option('--offline', 'never call a language model, even when one is configured')
    .option(
      '--llm-base-url <url>',
      'OpenAI-compatible endpoint, e.g. http://localhost:11434/v1; key from MEDALLION_LLM_API_KEY or OPENAI_API_KEY',
    )
    .option('--llm-model <name>', 'model name at that endpoint, e.g. llama3.1')
    .option('--llm-timeout <seconds>', 'time limit for the model', (v) => positiveInt(v, '--llm-timeout'))
    .option('--warehouse <id|name>', 'answer on this Databricks SQL warehouse profile instead of the local database')
    .action(async (question: string, opts: AskOptions) => {
      if (Boolean(opts.llmBaseUrl) !== Boolean(opts.llmModel)) {
        reportError(
          new AppError('INVALID_INPUT', '--llm-base-url and --llm-model go together: give both, or neither for the offline engine.'),
        );
      }
      const llm: LlmConfig | undefined = opts.llmBaseUrl
        ? {
            baseUrl: opts.llmBaseUrl,
            model: opts.llmModel ?? '',
            apiKey: process.env.MEDALLION_LLM_API_KEY ?? process.env.OPENAI_API_KEY,
            timeoutMs: (opts.llmTimeout ?? 60) * 1000,
            stream: false,
          }
        : undefined;
      const link = await openEngineLink(opts.db, () => openCore(opts.db, 'cli', undefined, { askLlm: llm })).catch((e: unknown) =>
        reportError(e),
      );
      try {
        const mode = llm ? 'llm' : opts.offline ? 'offline' : 'auto';
        let answer;
        if (link.kind === 'remote') {
          // The running server answers with its own settings; a one-off model or profile needs the database to itself.
          if (llm || opts.warehouse) {
            throw new AppError(
              'UNAVAILABLE',
              `--llm-base-url and --warehouse need the database to itself, and medallion serve (PID ${link.pid}) holds it; ask in the app at ${link.url}, or stop the server.`,
            );
          }
          answer = await link.call('ask.question', { question, mode });
        } else {
          const core = link.local;
          const profileId = opts.warehouse ? (await pickProfile(core, opts.warehouse)).id : undefined;
          answer = await callApi(core, 'ask.question', { question, mode, profileId }, { question: 'the question' });
        }
        if (opts.json) {
          const { sql, columns, rows, chart, answer: sentence, target } = answer;
          process.stdout.write(
            JSON.stringify({
              sql,
              columns,
              rows,
              chart,
              answer: sentence,
              truncated: answer.truncated,
              source: answer.source,
              suggestions: answer.suggestions,
              target,
            }) + '\n',
          );
        } else {
          process.stdout.write(`${answer.answer}\n`);
          if (answer.sql) process.stdout.write(`\n${answer.sql}\n\n${formatResult(answer, 'table', `${answer.rows.length} rows`)}\n`);
          else if (answer.suggestions.length) process.stdout.write(`\nTry:\n${answer.suggestions.map((s) => `  - ${s}`).join('\n')}\n`);
        }
      } catch (error) {
        await link.close();
        reportError(error);
      }
      await link.close();
    });
}
