import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Ask page: question box, samples, answers. */
export class AskPage {
  readonly input: Locator;
  readonly submit: Locator;
  readonly samples: Locator;
  readonly answers: Locator;

  constructor(readonly page: Page) {
    this.input = page.getByTestId('ask-input');
    this.submit = page.getByTestId('ask-submit');
    this.samples = page.getByTestId('ask-sample');
    this.answers = page.getByTestId('ask-answer');
  }

  /** Fills the e2e database with the Ask fixture through the HTTP API (as the SQL page would). */
  static async seed(request: APIRequestContext, token: string): Promise<void> {
    const dir = join(__dirname, '..', '..', 'support', 'ask');
    const call = async (sql: string, params?: Record<string, number>) => {
      const res = await request.post('/api/call/engine.query', { headers: { authorization: `Bearer ${token}` }, data: { sql, params } });
      const body = (await res.json()) as { ok: boolean; error?: { message: string } };
      expect(body.ok, body.error?.message).toBe(true);
    };
    await call(readFileSync(join(dir, 'silver_fixture.sql'), 'utf8'), { events: 5000, days: 60, seed: 7 });
    await call(readFileSync(join(dir, 'merchant_performance_view.sql'), 'utf8'));
  }

  async ask(question: string): Promise<Locator> {
    const before = await this.answers.count();
    await this.input.fill(question);
    await this.submit.click();
    await expect(this.answers).toHaveCount(before + 1);
    return this.answers.nth(before);
  }

  last(): Locator {
    return this.answers.last();
  }
}
