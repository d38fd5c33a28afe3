import { describe, expect, it } from 'vitest';
import { isAppUrl, senderAllowed } from '../../../src/main/app-origin';
import { isSafeExternalUrl } from '../../../src/main/external-url';

describe('IPC sender check', () => {
  it.each([
    ['app://workbench/index.html', true],
    ['app://workbench/', true],
    ['app://workbench.evil.com/', false],
    ['https://evil.example/', false],
    ['file:///etc/passwd', false],
    ['', false],
  ])('%s → %s', (url, allowed) => {
    expect(senderAllowed({ senderFrame: { url } })).toBe(allowed);
  });

  it('refuses a call with no frame', () => {
    expect(senderAllowed({ senderFrame: null })).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});

describe('external links', () => {
  it.each([
    ['https://duckdb.org/docs', true],
    ['http://example.com', true],
    ['mailto:team@example.com', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://share/x', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isSafeExternalUrl(url)).toBe(allowed);
  });
});
