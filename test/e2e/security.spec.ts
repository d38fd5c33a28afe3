import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { E2E_TOKEN, expect, test } from './fixtures';

// Browser-mode guarantees of SECURITY.md that only a real browser can show: the CSP stops injected
// script, and a page of another origin cannot use the API even when it knows the token.
test.describe('browser-mode security', () => {
  test('the Content-Security-Policy blocks an injected inline script and reports it', async ({ app }) => {
    const outcome = await app.page.evaluate(
      () =>
        new Promise<{ directive: string | null; ran: boolean }>((resolve) => {
          const ran = () => (globalThis as { __injected?: boolean }).__injected === true;
          document.addEventListener('securitypolicyviolation', (e) => resolve({ directive: e.effectiveDirective, ran: ran() }), {
            once: true,
          });
          const script = document.createElement('script');
          script.textContent = 'globalThis.__injected = true';
          document.head.appendChild(script);
          setTimeout(() => resolve({ directive: null, ran: ran() }), 3000);
        }),
    );
    expect(outcome.directive).toMatch(/^script-src/);
    expect(outcome.ran).toBe(false);
  });

  test('a page from another origin cannot call the API, even with the token', async ({ page, baseURL }) => {
    // Another site on the same machine (a different port is a different origin).
    const elsewhere = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>elsewhere</title>'));
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    await page.goto(`http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`);
    const outcome = await page.evaluate(
      async ({ base, token }) => {
        try {
          const r = await fetch(`${base}/api/call/app.info`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: '{}',
          });
          return `read ${r.status}`;
        } catch (error) {
          return `refused: ${(error as Error).name}`;
        }
      },
      { base: baseURL!, token: E2E_TOKEN },
    );
    elsewhere.close();
    expect(outcome).toBe('refused: TypeError');
  });
});
