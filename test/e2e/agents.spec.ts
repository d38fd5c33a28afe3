import type { APIRequestContext } from '@playwright/test';
import { E2E_TOKEN, expect, test } from './fixtures';
import { AgentsPage } from './pages/agents-page';
import { SqlPage } from './pages/sql-page';

async function call(request: APIRequestContext, method: string, input: unknown): Promise<unknown> {
  const r = await request.post(`/api/call/${method}`, { data: input, headers: { authorization: `Bearer ${E2E_TOKEN}` } });
  const body = (await r.json()) as { ok: boolean; data?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.data;
}

test.describe('Agents page', () => {
  test.describe.configure({ mode: 'serial' });

  test('an empty database says "not enough data"', async ({ app }) => {
    await app.goTo('agents');
    const agents = new AgentsPage(app.page);
    await expect(app.page.locator('[data-testid^="agent-card-"]')).toHaveCount(6);
    await agents.runNow('risk_assessor');
    await expect(app.page.getByTestId('agent-last-risk_assessor')).toContainText('not enough data');
    await expect(agents.card('risk_assessor')).toContainText(
      /Not enough data: (there is no payments_enriched_silver table yet|payments_enriched_silver has 0 events)/,
    );
  });

  test('runs the agents on a data set with incidents and shows the findings with evidence', async ({ app, request, watched }) => {
    // The pipeline's replay fixture through its API: 50,000 events over 3 days ending 2026-01-04 15:00 UTC,
    // with one incident of each kind in the last hour.
    // Reading the status first creates the pipeline schema, so the backfill does not race a status read creating it.
    await call(request, 'pipeline.status', {});
    await call(request, 'pipeline.startBackfill', {
      events: 50_000,
      days: 3,
      seed: 7,
      start: '2026-01-01T15:00:00Z',
      incidents: [
        { kind: 'processor_outage', target: 'ProcessorB', durationMinutes: 45 },
        { kind: 'fraud_attack', target: 'Gaming', durationMinutes: 50 },
        { kind: 'latency_spike', target: 'ProcessorC', durationMinutes: 40 },
      ],
    });
    // A status read can collide with the backfill creating the schema; the next poll reads again.
    const backfillState = () =>
      call(request, 'pipeline.status', {}).then(
        (status) => {
          const b = (status as { backfill: { state: string; message: string | null } | null }).backfill;
          return b?.state === 'failed' ? `failed: ${b.message}` : b?.state;
        },
        (error: Error) => error.message,
      );
    await expect.poll(backfillState, { timeout: 60_000 }).toBe('done');
    await app.goTo('agents');
    const agents = new AgentsPage(app.page);
    await expect(agents.card('orchestrator')).toContainText('executive summary');
    await agents.runNow('orchestrator');

    await expect(agents.recommendation(/^ProcessorB outage/)).toBeVisible();
    await expect(agents.recommendation(/^Fraud attack on Gaming/)).toBeVisible();
    await expect(agents.recommendation(/^Latency spike on ProcessorC/)).toBeVisible();
    await expect(agents.summary).toContainText('3 critical');
    // Money reads with its currency sign, as the dashboards show the same sums of amounts.
    await expect(agents.recommendation(/^ProcessorB outage/)).toContainText(/\(\$\d[\d,]*\.\d{2} in value\)/);
    await expect(agents.summary).toContainText(/Combined expected impact ≈ \$\d[\d,]*\.\d{2} in value/);
    await expect(app.page.getByTestId('agent-last-orchestrator')).toContainText('done');
    await expect(agents.runHistory.locator('[data-testid="agent-run-row"][data-status="succeeded"]')).toHaveCount(6);

    await agents.filter('severity', 'critical');
    await expect(agents.recommendations).toHaveCount(3);
    await agents.filter('agent', 'risk_assessor');
    await expect(agents.recommendations).toHaveCount(1);
    await agents
      .recommendation(/^Fraud attack on Gaming/)
      .getByTestId('recommendation-evidence-toggle')
      .click();
    await expect(agents.recommendation(/^Fraud attack on Gaming/).getByTestId('result-table')).toContainText('window_fraud_rate_pct');

    // Dismissed findings leave the open list.
    await agents
      .recommendation(/^Fraud attack on Gaming/)
      .getByTestId('recommendation-dismiss')
      .click();
    await expect(agents.recommendation(/^Fraud attack on Gaming/)).toContainText('dismissed');
    await agents.filter('status', 'open');
    await expect(agents.recommendations).toHaveCount(0);
    await agents.filter('status', 'dismissed');
    await expect(agents.recommendations).toHaveCount(1);
    expect(watched.consoleErrors).toEqual([]);
  });

  test('"open evidence" puts the SQL in the editor, where it re-runs', async ({ app }) => {
    await app.goTo('agents');
    const agents = new AgentsPage(app.page);
    await agents.filter('status', '');
    await agents.filter('agent', 'smart_routing');
    await agents.filter('severity', 'critical');
    const outage = agents.recommendation(/^ProcessorB outage/);
    await outage.getByTestId('recommendation-open-evidence').click();
    await expect(app.page.getByTestId('page-sql')).toBeVisible();
    const sql = new SqlPage(app.page);
    await expect(sql.editor).toContainText('scoped');
    await sql.run.click();
    await expect(sql.result).toContainText('ProcessorB');
    await expect(sql.result).toContainText('baseline_approval_rate_pct');
  });

  test('a schedule change is kept', async ({ app }) => {
    await app.goTo('agents');
    await app.page.getByTestId('agent-schedule-decline_analyst').selectOption({ label: 'every 5 minutes (demo)' });
    await expect(new AgentsPage(app.page).card('decline_analyst')).toContainText('Next run');
    await app.page.reload();
    await expect(app.page.getByTestId('agent-schedule-decline_analyst')).toHaveValue(String(5 * 60_000));
  });
});
