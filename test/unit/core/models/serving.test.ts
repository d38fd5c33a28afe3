import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/core/engine/engine';
import { ModelRegistry } from '../../../../src/core/models/registry';
import { startModelServer } from '../../../../src/core/models/serving';
import { FileSecretStore } from '../../../../src/core/security/file-secret-store';

describe('the model server refuses in words an app user understands, naming no command-line flag', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medallion-serving-'));
  let engine: Engine;
  let registry: ModelRegistry;
  beforeAll(async () => {
    engine = await Engine.open({ path: ':memory:' });
    registry = new ModelRegistry(engine, new FileSecretStore(join(dir, 'secrets.json')));
  });
  afterAll(() => {
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a port already in use', async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const refused = startModelServer(registry, { port });
      await expect(refused).rejects.toThrow(`Port ${port} is already in use: pick another port.`);
      await expect(refused).rejects.toMatchObject({ code: 'UNAVAILABLE', details: { port } });
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });

  it('POST /invocations without a default model', async () => {
    const server = await startModelServer(registry, { port: 0 });
    try {
      const r = await fetch(`${server.url}/invocations`, { method: 'POST', body: JSON.stringify({ dataframe_records: [] }) });
      expect(r.status).toBe(400);
      const { message } = (await r.json()) as { message: string };
      expect(message).toBe(
        'This server has no default model: POST to /serving-endpoints/<model>/invocations, or start it with a default model.',
      );
      expect(message).not.toMatch(/--/u);
    } finally {
      await server.close();
    }
  });
});
