import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { AppShell } from './app-shell';

/** The Models page (sandbox) and the API calls the tests use to set it up. */
export class ModelsPage {
  readonly select: Locator;
  readonly trainAll: Locator;
  readonly trainStatus: Locator;
  readonly predict: Locator;
  readonly prediction: Locator;
  readonly contributions: Locator;

  constructor(readonly page: Page) {
    this.select = page.getByTestId('model-select');
    this.trainAll = page.getByTestId('train-all');
    this.trainStatus = page.getByTestId('train-status');
    this.predict = page.getByTestId('predict');
    this.prediction = page.getByTestId('prediction');
    this.contributions = page.getByTestId('contributions');
  }

  /** Replays the small data set, opens the Models page and clicks "Train all four". */
  static async trainAllOnSmallDataSet(app: AppShell, request: APIRequestContext): Promise<ModelsPage> {
    await replaySmallDataSet(request);
    await app.goTo('models');
    const models = new ModelsPage(app.page);
    await models.trainAll.click();
    return models;
  }

  tab(name: 'predict' | 'what-if' | 'batch' | 'compare' | 'policies' | 'remote'): Locator {
    return this.page.getByTestId(`tab-${name}`);
  }

  field(name: string): Locator {
    return this.page.getByTestId(`field-${name}`);
  }

  fieldError(name: string): Locator {
    return this.page.getByTestId(`error-${name}`);
  }

  async pick(modelId: string): Promise<void> {
    await this.select.selectOption(modelId);
    await expect(this.select).toHaveValue(modelId);
  }

  /** The retrain form of the selected model (opened). */
  async openRetrain(): Promise<Locator> {
    const panel = this.page.getByTestId('retrain');
    if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
    await expect(panel.getByTestId('retrain-run')).toBeVisible();
    return panel;
  }

  /** The x-axis tick labels of the what-if sweep, as drawn. */
  async sweepTicks(): Promise<string[]> {
    const ticks = this.page.getByTestId('sweep-chart').locator('.recharts-cartesian-axis-tick-value');
    await expect(ticks.first()).toBeVisible();
    // The y axis reads in percent; the rest are the swept feature's ticks.
    return (await ticks.allTextContents()).filter((t) => !t.endsWith('%'));
  }
}

/** Trains one model through the API and returns its new version's id once the job is done. */
export async function trainOne(request: APIRequestContext, model: string): Promise<string> {
  const [id] = await trainMany(request, [model]);
  return id ?? '';
}

/** Trains several models in one job through the API and returns the new version ids once it is done. */
export async function trainMany(request: APIRequestContext, models: string[]): Promise<string[]> {
  const { jobId } = await apiCall<{ jobId: string }>(request, 'models.train', { models });
  let ids: string[] = [];
  await expect
    .poll(
      async () => {
        const { jobs } = await apiCall<{ jobs: { id: string; state: string; error: string | null; results: { id: string }[] }[] }>(
          request,
          'models.jobs',
          {},
        );
        const job = jobs.find((j) => j.id === jobId);
        if (job?.state === 'failed') throw new Error(`Training failed: ${job.error}`);
        ids = job?.results.map((r) => r.id) ?? [];
        return job?.state;
      },
      { timeout: 240_000 },
    )
    .toBe('succeeded');
  return ids;
}

/** Calls the API with the e2e token (setup steps a person would do on other pages). */
export async function apiCall<T>(request: APIRequestContext, method: string, input: unknown): Promise<T> {
  const r = await request.post(`/api/call/${method}`, { data: input, headers: { authorization: 'Bearer e2e-test-token' } });
  const body = (await r.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.data;
}

/** Replays a small deterministic data set into silver and waits for it. */
export async function replaySmallDataSet(request: APIRequestContext): Promise<void> {
  // Create the pipeline schema first: a status call racing the backfill's own schema creation fails it.
  await apiCall(request, 'pipeline.status', {});
  // The pipeline can still lose a DuckDB catalog write-write race with other startup work
  // (reported to its owner); a rerun resumes the same backfill, so try up to three times.
  for (let attempt = 1; ; attempt++) {
    await apiCall(request, 'pipeline.startBackfill', { events: 40_000, days: 14, seed: 7, start: '2026-01-01T15:00:00Z' });
    let state = 'running';
    await expect
      .poll(
        async () => {
          const status = await apiCall<{ backfill: { state: string; message: string | null } | null }>(
            request,
            'pipeline.status',
            {},
          ).catch(() => null);
          const b = status?.backfill;
          state = b?.state === 'failed' ? `failed: ${b.message}` : (b?.state ?? 'running');
          return state !== 'running';
        },
        { timeout: 120_000 },
      )
      .toBe(true);
    if (state === 'done') return;
    if (attempt >= 3 || !state.includes('write-write conflict')) throw new Error(`The replay did not finish: ${state}`);
  }
}
