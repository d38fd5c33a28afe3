import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeOpenAiServer, sqlReply } from '../support/fake-openai-server';
import { expect, test, E2E_TOKEN } from './fixtures';
import { AskPage } from './pages/ask-page';
import { startCliServer, type CliServer } from './support/cli-server';

// Ask's fixed data set replaces silver, so it gets a server and database of its own.
const ASK_PORT = 4185;
test.use({ baseURL: `http://127.0.0.1:${ASK_PORT}` });

test.describe('Ask', () => {
  let server: CliServer;

  test.beforeAll(async ({ request }) => {
    const dir = mkdtempSync(join(tmpdir(), 'medallion-ask-e2e-'));
    server = await startCliServer(['serve', '--db', join(dir, 'ask.duckdb'), '--port', String(ASK_PORT), '--token', E2E_TOKEN], {
      MEDALLION_HOME: join(dir, 'home'),
    });
    await AskPage.seed(request, E2E_TOKEN);
    await request.post('/api/call/ask.clearHistory', { headers: { authorization: `Bearer ${E2E_TOKEN}` }, data: {} });
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test('answers the sample questions with SQL, a table, a chart and a sentence', async ({ app, watched }) => {
    await app.goTo('ask');
    const ask = new AskPage(app.page);
    await expect(ask.samples.first()).toBeVisible();
    await ask.samples.filter({ hasText: "What's our approval rate today?" }).click();
    const first = ask.last();
    await expect(first.getByTestId('ask-sentence')).toContainText('Approval rate over today (2026-11-21)');
    await expect(first.getByTestId('ask-chart')).toHaveAttribute('data-chart', 'counter');
    await expect(first.getByTestId('ask-sql')).toHaveValue(/round\(100\*avg\(is_approved::INT\),2\)/);
    await expect(first.getByTestId('result-table')).toContainText('approval_rate');

    const top = await ask.ask('Show me top 5 decline reasons');
    await expect(top.getByTestId('ask-chart')).toHaveAttribute('data-chart', 'bar');
    await expect(top.locator('.recharts-bar-rectangle')).toHaveCount(5);
    await expect(top.getByTestId('result-table').locator('tbody tr')).toHaveCount(5);
    await expect(top.getByTestId('ask-sentence')).toContainText('Top 5 decline reason');

    const trend = await ask.ask('daily approval rate for the last 7 days');
    await expect(trend.getByTestId('ask-chart')).toHaveAttribute('data-chart', 'line');
    await expect(trend.getByTestId('ask-sentence')).toContainText('the last 7 days (2026-11-15 to 2026-11-21)');

    const none = await ask.ask('who won the world cup in 2022?');
    await expect(none.getByTestId('ask-sentence')).toContainText("can't answer");
    await expect(none.getByTestId('ask-sql')).toHaveCount(0);
    await expect(none.getByTestId('ask-suggestions')).toBeVisible();
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  });

  test('reads past a word with no meaning here and says which word it ignored', async ({ app }) => {
    await app.goTo('ask');
    const ask = new AskPage(app.page);
    const read = await ask.ask('Which channel carries the lowest approval rate?');
    await expect(read.getByTestId('ask-sentence')).toContainText('ignored: "carries"');
    await expect(read.getByTestId('ask-sql')).toHaveValue(/ORDER BY approval_rate ASC/);
    await app.page.screenshot({ path: join(tmpdir(), 'ask-tolerant-parsing.png') });
  });

  test("answers the issue's everyday questions, asks back when ambiguous, and says no rows for data that does not exist", async ({
    app,
  }) => {
    await app.goTo('ask');
    const ask = new AskPage(app.page);
    await app.page.getByTestId('ask-new').click();
    const percentile = await ask.ask('95th percentile latency by processor');
    await expect(percentile.getByTestId('ask-sql')).toHaveValue(/quantile_cont\(processing_latency_ms, 0\.95\)/);
    await expect(percentile.getByTestId('result-table').locator('tbody tr')).toHaveCount(3);
    const typo = await ask.ask('aproval rate for mastercad');
    await expect(typo.getByTestId('ask-sql')).toHaveValue(/card_network = 'Mastercard'/);
    await expect(typo.getByTestId('ask-sentence')).toContainText('I read "aproval" as "approval"');
    const over = await ask.ask('approval rate for transactions over $500');
    await expect(over.getByTestId('ask-sql')).toHaveValue(/amount > 500/);
    await expect(over.getByTestId('ask-sentence')).toContainText('%');
    const sides = await ask.ask('approval rate with and without network tokens');
    await expect(sides.getByTestId('result-table').locator('tbody tr')).toHaveCount(2);
    const antarctica = await ask.ask('revenue from Antarctica');
    await expect(antarctica.getByTestId('ask-sentence')).toContainText('No rows');
    await expect(antarctica.getByTestId('ask-sentence')).toContainText('Antarctica');
    const worst = await ask.ask('worst approval rate by merchant');
    await expect(worst.getByTestId('ask-sentence')).toContainText('at least 100 transactions');
    await app.page.getByTestId('ask-new').click();
    const vague = await ask.ask('top 5 merchants');
    await expect(vague.getByTestId('ask-suggestions')).toContainText('top 5 merchants by approval rate');
  });

  test('new wordings: processing verbs, shares, periods, sides of a flag, several percentiles, a name the data lacks, a refusal', async ({
    app,
  }) => {
    await app.goTo('ask');
    const ask = new AskPage(app.page);
    await app.page.getByTestId('ask-new').click();
    const pushed = await ask.ask('how many card payments have we pushed through in the last 10 days');
    await expect(pushed.getByTestId('ask-sql')).toHaveValue(/count\(\*\)/);
    await expect(pushed.getByTestId('ask-sentence')).toContainText('the last 10 days');
    const weeks = await ask.ask('approval rate this week vs last week');
    await expect(weeks.getByTestId('result-table').locator('tbody tr')).toHaveCount(2);
    const sides = await ask.ask('fraud rate with vs without 3DS');
    await expect(sides.getByTestId('ask-sql')).toHaveValue(/GROUP BY uses_3ds/);
    await expect(sides.getByTestId('result-table').locator('tbody tr')).toHaveCount(2);
    const quantiles = await ask.ask('25th, 50th and 90th percentile of transaction amounts by card type');
    await expect(quantiles.getByTestId('ask-sql')).toHaveValue(/quantile_cont\(amount, \[0\.25, 0\.5, 0\.9\]\)/);
    await expect(quantiles.getByTestId('result-table').locator('thead th')).toHaveCount(4);
    const missing = await ask.ask('txns routed to ProcessorD, by channel');
    await expect(missing.getByTestId('ask-sentence')).toContainText('No rows');
    await expect(missing.getByTestId('ask-sentence')).toContainText('ProcessorD');
    await app.page.getByTestId('ask-new').click();
    const weather = await ask.ask("what's the weather in Sao Paulo tomorrow");
    await expect(weather.getByTestId('ask-sentence')).toContainText("can't answer");
    await expect(weather.getByTestId('ask-sql')).toHaveCount(0);
  });

  test('two named periods: one row each, both named with their dates and the direction', async ({ app }) => {
    await app.goTo('ask');
    const ask = new AskPage(app.page);
    const answer = await ask.ask('were there more declines on November 21 than on November 20?');
    const sentence = answer.getByTestId('ask-sentence');
    await expect(sentence).toContainText(/\(2026-11-21\) against .*\(2026-11-20\)/);
    await expect(sentence).toContainText(/(up|down) from|the same as/);
    await expect(answer.getByTestId('result-table')).toContainText('Nov 20');
    await app.page.screenshot({ path: test.info().outputPath('ask-period-comparison.png'), fullPage: true });
  });

  test('a follow-up keeps the context and changes the filter', async ({ app }) => {
    await app.goTo('ask');
    const ask = new AskPage(app.page);
    await app.page.getByTestId('ask-new').click();
    const compare = await ask.ask('Compare Visa vs Mastercard performance');
    await expect(compare.getByTestId('ask-sql')).toHaveValue(/card_network IN \('Visa', 'Mastercard'\)/);
    await expect(compare.getByTestId('result-table').locator('tbody tr')).toHaveCount(2);
    const follow = await ask.ask('and for Mastercard?');
    await expect(follow.getByTestId('ask-sql')).toHaveValue(/card_network = 'Mastercard'/);
    await expect(follow.getByTestId('ask-sql')).not.toHaveValue(/Visa/);
    const byProcessor = await ask.ask('break it down by processor');
    await expect(byProcessor.getByTestId('ask-sql')).toHaveValue(/GROUP BY processor/);
    await expect(byProcessor.getByTestId('result-table').locator('tbody tr')).toHaveCount(3);
  });

  test('a question typed with its follow-up, and judged groups compared by rate', async ({ app }) => {
    await app.goTo('ask');
    const ask = new AskPage(app.page);
    await app.page.getByTestId('ask-new').click();
    const chained = await ask.ask('fraud rate by channel: split by card type instead');
    await expect(chained.getByTestId('ask-sql')).toHaveValue(/GROUP BY card_type/);
    await expect(chained.getByTestId('ask-sql')).not.toHaveValue(/channel/);
    const judged = await ask.ask('is fraud higher on weekends than weekdays?');
    await expect(judged.getByTestId('ask-sql')).toHaveValue(/avg\(is_fraud::INT\)/);
    await expect(judged.getByTestId('result-table').locator('tbody tr')).toHaveCount(2);
    await app.page.screenshot({ path: test.info().outputPath('ask-chained.png'), fullPage: false });
  });

  test('edited SQL re-runs, opens in the SQL editor, and hostile SQL is refused', async ({ app }) => {
    await app.goTo('ask');
    const ask = new AskPage(app.page);
    const answer = await ask.ask('approval rate by card network');
    await answer
      .getByTestId('ask-sql')
      .fill("SELECT card_network, count(*) AS n FROM payments_enriched_silver WHERE card_network = 'Elo' GROUP BY 1");
    await answer.getByTestId('ask-rerun').click();
    await expect(ask.answers.last().getByTestId('result-table')).toContainText('Elo');
    await ask.last().getByTestId('ask-sql').fill('DROP TABLE payments_enriched_silver');
    await ask.last().getByTestId('ask-rerun').click();
    await expect(app.page.getByTestId('ask-error')).toContainText('DROP TABLE is not allowed');
    await ask.last().getByTestId('ask-open-sql').click();
    await expect(app.page.getByTestId('page-sql')).toBeVisible();
    await expect(app.page.getByTestId('sql-editor')).toContainText('DROP TABLE payments_enriched_silver');
  });

  test('a thumbs-up makes a verified question, reused with a badge, and history persists', async ({ app }) => {
    await app.goTo('ask');
    const ask = new AskPage(app.page);
    await app.page.getByTestId('ask-new').click();
    const a = await ask.ask('fraud rate by merchant segment');
    await expect(a.getByTestId('ask-verified-badge')).toHaveCount(0);
    await a.getByTestId('ask-thumbs-up').click();
    await expect(app.page.getByTestId('ask-verified-list')).toContainText('fraud rate by merchant segment');
    const again = await ask.ask('Fraud rate by merchant segment?');
    await expect(again.getByTestId('ask-verified-badge')).toBeVisible();
    await app.page.reload();
    await app.goTo('ask');
    await expect(app.page.getByTestId('ask-history')).toContainText('fraud rate by merchant segment');
    await expect(ask.answers).toHaveCount(2);
  });

  test('model settings show exactly what is sent, never the key', async ({ app }) => {
    await app.goTo('ask');
    await app.page.getByTestId('ask-settings-toggle').click();
    await app.page.getByTestId('ask-llm-key').fill('sk-e2e-secret');
    await app.page.getByTestId('ask-llm-save').click();
    await expect(app.page.getByTestId('ask-llm-key')).toHaveAttribute('placeholder', 'stored (type to replace)');
    await app.page.getByTestId('ask-llm-preview').click();
    const preview = app.page.getByTestId('ask-prompt-preview');
    await expect(preview).toContainText('TABLE payments_enriched_silver');
    await expect(preview).toContainText('with your API key in the Authorization header (not shown)');
    await expect(preview).not.toContainText('sk-e2e-secret');
  });

  test('with a model configured, a question the semantic layer cannot parse goes to the model and its SQL runs', async ({ app }) => {
    const fake = await FakeOpenAiServer.start();
    try {
      fake.reply(sqlReply("SELECT card_network, count(*) AS n FROM payments_enriched_silver WHERE channel = 'pos' GROUP BY 1 ORDER BY 1"));
      await app.goTo('ask');
      const ask = new AskPage(app.page);
      await app.page.getByTestId('ask-settings-toggle').click();
      await app.page.getByTestId('ask-llm-preset').selectOption('custom');
      await app.page.getByTestId('ask-llm-base-url').fill(fake.baseUrl);
      await app.page.getByTestId('ask-llm-model').fill('llama-e2e');
      await app.page.getByTestId('ask-llm-enabled').check();
      await app.page.getByTestId('ask-llm-save').click();
      await expect(app.page.getByTestId('ask-settings')).toContainText('Saved.');
      const answer = await ask.ask('zebra-striped card brands at the till');
      await expect(answer).toContainText('language model');
      await expect(answer.getByTestId('ask-sql')).toHaveValue(/channel = 'pos'/);
      await expect(answer.getByTestId('ask-chart')).toHaveAttribute('data-chart', 'bar');
      expect(fake.requests[0]?.body.model).toBe('llama-e2e');
      expect(fake.requests[0]?.body.messages?.at(-1)?.content).toBe('zebra-striped card brands at the till');

      fake.reply(sqlReply("COPY payments_enriched_silver TO '/tmp/medallion-e2e-leak.csv'"));
      await ask.input.fill('zebra export everything');
      await ask.submit.click();
      await expect(app.page.getByTestId('ask-error')).toContainText('blocked and not run');
    } finally {
      await app.page.request.post('/api/call/ask.saveSettings', {
        headers: { authorization: `Bearer ${E2E_TOKEN}` },
        data: { enabled: false },
      });
      await fake.close();
    }
  });
});
