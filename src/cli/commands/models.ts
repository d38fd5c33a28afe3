import { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { existsSync, readFileSync } from 'node:fs';
import type { Job, MethodInput, ModelInfo, TrainJob } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { progressFraction } from '../../shared/jobs/progress';
import { MODEL_NAMES, ModelName } from '../../shared/models/schema';
import { ModelRegistry } from '../../core/models/registry';
import { startModelServer } from '../../core/models/serving';
import { callApi, followJob } from '../api-client';
import { reportError } from '../errors';
import { openCore, withOpenCore } from '../open-core';
import { positiveInt } from './query';
import { stopOnSignal } from '../stop-on-signal';
import { pickProfile } from './warehouse-profile';

const ENDPOINT_FLAGS = { schemaOf: '--schema', format: '--format', timeoutMs: '--timeout', name: '--name', endpoint: 'the endpoint' };

function parseModels(value: string): ModelName[] {
  return value.split(',').map((m) => {
    const parsed = ModelName.safeParse(m.trim());
    if (!parsed.success) throw new AppError('INVALID_INPUT', `--model: "${m}" is not a model; use ${MODEL_NAMES.join(', ')}.`);
    return parsed.data;
  });
}

function trainCommand(): Command {
  return new Command('train')
    .description('train the decisioning models from payments_enriched_silver (time-based holdout)')
    .option('--db <path>', 'database file (default: the app database)')
    .option('--model <names>', `comma-separated models (default: all four: ${MODEL_NAMES.join(', ')})`, parseModels)
    .option('--holdout <fraction>', 'newest share of the time range held out for evaluation', (v) => Number(v), 0.2)
    .option('--json', 'print the trained versions as JSON')
    .action(async (opts: { db?: string; model?: ModelName[]; holdout: number; json?: boolean }) => {
      await withOpenCore(
        () => openCore(opts.db),
        async (core) => {
          const bar = process.stderr.isTTY ? new SingleBar({ format: '{bar} {percentage}% {message}', stream: process.stderr }) : null;
          bar?.start(100, 0, { message: 'starting' });
          const onProgress = (j: Job) => bar?.update(Math.round(100 * progressFraction(j.progress)), { message: j.progress.message });
          let job: TrainJob;
          try {
            const { jobId } = await callApi(core, 'models.train', { models: opts.model, holdoutFraction: opts.holdout });
            const started = (await callApi(core, 'jobs.list', { kind: 'models.train' })).jobs.find((j) => j.id === jobId)!;
            // followJob: progress from job.progressed, Ctrl-C through jobs.cancel.
            await followJob(core, started, onProgress);
            job = (await callApi(core, 'models.jobs', {})).jobs.find((j) => j.id === jobId)!;
          } finally {
            bar?.stop();
          }
          if (job.state !== 'succeeded')
            throw new AppError(job.state === 'cancelled' ? 'CANCELLED' : 'INVALID_INPUT', job.error ?? job.progress.message);
          const models = (await callApi(core, 'models.list', {})).models;
          const trained = job.results.map((r) => models.find((m) => m.id === r.id)!);
          if (opts.json) process.stdout.write(JSON.stringify(trained, null, 2) + '\n');
          else for (const m of trained) process.stdout.write(trainedLine(m));
        },
      );
    });
}

function trainedLine(m: ModelInfo): string {
  const x = m.metrics!;
  const majority = (x.baselineAccuracy * 100).toFixed(1);
  return `${m.id.padEnd(26)} accuracy ${(x.accuracy * 100).toFixed(1)}% (reference ${m.referenceAccuracy}%, majority class ${majority}%)  F1 ${x.f1.toFixed(3)}  AUC ${x.rocAuc?.toFixed(3) ?? '-'}  ${m.trainingSeconds?.toFixed(1)} s\n`;
}

/** A refusal that lists the records' bad fields, one line each, so the user sees what to fix. */
function withFieldLines(error: unknown): unknown {
  if (!(error instanceof AppError) || !Array.isArray(error.details)) return error;
  const lines = (error.details as { field: string; message: string }[]).map((d) => `  ${d.field || '(record)'}: ${d.message}`);
  return new AppError(error.code, `no prediction; fix these fields:\n${lines.join('\n')}`);
}

function predictCommand(): Command {
  return new Command('predict')
    .description('score records with a model: --input is a JSON object, a JSON list, or a .json file')
    .requiredOption('--model <id>', 'model name (newest version), name@vN, or remote:name')
    .requiredOption('--input <json|file>', 'e.g. \'{"amount": 120, "fraud_score": 0.1, ...}\'')
    .option('--db <path>', 'database file (default: the app database)')
    .action(async (opts: { model: string; input: string; db?: string }) => {
      let records: unknown[];
      try {
        const text = existsSync(opts.input) ? readFileSync(opts.input, 'utf8') : opts.input;
        const parsed = JSON.parse(text) as unknown;
        records = Array.isArray(parsed) ? parsed : [parsed];
      } catch {
        reportError(new AppError('INVALID_INPUT', '--input must be JSON (an object or a list of objects) or the path of a .json file.'));
      }
      await withOpenCore(
        () => openCore(opts.db),
        async (core) => {
          const out = await callApi(core, 'models.predict', { model: opts.model, records, explain: true }).catch((e: unknown) => {
            throw withFieldLines(e);
          });
          process.stdout.write(JSON.stringify(out.predictions, null, 2) + '\n');
        },
      );
    });
}

function registerEndpointCommand(): Command {
  return new Command('register-endpoint')
    .description("register a Databricks Model Serving endpoint by name; calls use the warehouse profile's token")
    .argument('<endpoint>', 'the serving endpoint name in the workspace')
    .requiredOption('--schema <model>', `the inputs it takes: ${MODEL_NAMES.join(', ')}`)
    .option('--profile <id|name>', 'warehouse profile (default: DATABRICKS_* or the only saved one)')
    .option('--name <name>', 'its name here (default: the endpoint name); predict with --model remote:<name>')
    .option('--format <format>', 'dataframe_records or dataframe_split', 'dataframe_records')
    .option('--timeout <ms>', 'time limit per request', (v) => positiveInt(v, '--timeout'), 30_000)
    .option('--db <path>', 'database file (default: the app database)')
    .action(
      async (endpoint: string, opts: { schema: string; profile?: string; name?: string; format: string; timeout: number; db?: string }) => {
        await withOpenCore(
          () => openCore(opts.db),
          async (core) => {
            const profile = await pickProfile(core, opts.profile);
            // --schema and --format are checked by the contract (refusals name the flag).
            const input = {
              name: opts.name ?? endpoint,
              profileId: profile.id,
              endpoint,
              schemaOf: opts.schema,
              format: opts.format,
              timeoutMs: opts.timeout,
            } as MethodInput<'models.registerServingEndpoint'>;
            const m = await callApi(core, 'models.registerServingEndpoint', input, ENDPOINT_FLAGS);
            process.stdout.write(`${m.id}  ${m.remote?.url ?? ''}  (profile "${profile.name}")\n`);
          },
        );
      },
    );
}

function listCommand(): Command {
  return new Command('list')
    .description('list model versions and remote endpoints')
    .option('--db <path>', 'database file (default: the app database)')
    .action(async (opts: { db?: string }) => {
      const core = await openCore(opts.db).catch((e: unknown) => reportError(e));
      const { models } = await callApi(core, 'models.list', {});
      for (const m of models)
        process.stdout.write(
          `${m.id.padEnd(28)} ${m.metrics ? `${(m.metrics.accuracy * 100).toFixed(1)}%` : '-'.padEnd(5)}  ${m.createdAt}  ${m.algorithm}\n`,
        );
      if (!models.length) process.stdout.write('No models yet: run `medallion models train`.\n');
      await core.close();
    });
}

function serveModelsCommand(): Command {
  return new Command('serve')
    .description('serve local models over the MLflow protocol (POST /invocations) on 127.0.0.1')
    .option('--port <port>', 'port (default: 5001)', (v) => positiveInt(v, '--port'), 5001)
    .option('--model <id>', 'model answered at /invocations (others at /serving-endpoints/<model>/invocations)')
    .option('--db <path>', 'database file (default: the app database)')
    .action(async (opts: { port: number; model?: string; db?: string }) => {
      const core = await openCore(opts.db).catch((e: unknown) => reportError(e));
      const registry = new ModelRegistry(core.engine, core.secrets);
      if (opts.model) await registry.load(opts.model).catch((e: unknown) => reportError(e));
      const running = await startModelServer(registry, { port: opts.port, defaultModel: opts.model }).catch((e: unknown) =>
        reportError(portTaken(e) ? new AppError('UNAVAILABLE', `${e.message.replace(/\.$/u, '')} with --port.`) : e),
      );
      process.stdout.write(
        `Serving models at ${running.url}/invocations${opts.model ? ` (${opts.model})` : ''} and ${running.url}/serving-endpoints/<model>/invocations (Ctrl+C to stop)\n`,
      );
      stopOnSignal(running, core);
    });
}

/** Core's "port already in use" refusal (it names the port; the CLI adds its flag). */
function portTaken(e: unknown): e is AppError {
  return e instanceof AppError && e.code === 'UNAVAILABLE' && typeof (e.details as { port?: unknown } | undefined)?.port === 'number';
}

/** `medallion models train|predict|list|serve`. */
export function modelsCommand(): Command {
  return new Command('models')
    .description('train, score and serve the decisioning models')
    .addCommand(trainCommand())
    .addCommand(predictCommand())
    .addCommand(listCommand())
    .addCommand(registerEndpointCommand())
    .addCommand(serveModelsCommand());
}
