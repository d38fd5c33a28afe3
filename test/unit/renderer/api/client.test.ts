import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiClient as Client } from '../../../../src/renderer/api/client';
import type { Transport } from '../../../../src/renderer/api/transport';

// client.ts also builds the app's own client on import: give it the desktop bridge it looks for (no network, no DOM).
let ApiClient: typeof Client;
beforeAll(async () => {
  vi.stubGlobal('window', { medallion: { invoke: async () => ({ ok: true, data: null }), on: () => () => undefined } });
  ({ ApiClient } = await import('../../../../src/renderer/api/client'));
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('ApiClient', () => {
  it('two API clients number their calls independently, and say their transport without probing', async () => {
    const seen: string[] = [];
    const transport = (kind: Transport['kind']): Transport => ({
      kind,
      invoke: async (_method, _input, callId) => {
        seen.push(callId);
        return { ok: true, data: null };
      },
      on: () => () => undefined,
    });
    const a = new ApiClient(transport('http'));
    const b = new ApiClient(transport('ipc'));
    await a.call('app.info', {});
    await a.call('app.info', {});
    await b.call('app.info', {});
    expect(seen.map((id) => id.split('-')[1])).toEqual(['0', '1', '0']);
    expect([a.transportKind, b.transportKind]).toEqual(['http', 'ipc']);
  });
});
