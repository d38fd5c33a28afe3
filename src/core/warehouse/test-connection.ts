import type { ConnectionVerdict } from '../../shared/api';
import type { SecretStore } from '../ports';
import { connectClient, type ConnectTuning, type WarehouseLog } from './connect';
import { diagnose } from './errors';
import { openSessionWaiting } from './open-session';
import { thriftTypes } from './lazy-driver';
import type { ResolvedProfile } from './profiles';

/**
 * Connects with a fresh client (never the pooled session, so stale state cannot hide a
 * problem), opens a session, asks the server version and runs SELECT 1. Any failure comes
 * back as a verdict the user can act on, never as a thrown error.
 */
export async function testConnection(
  profile: ResolvedProfile,
  secrets: SecretStore,
  log: WarehouseLog,
  tuning: ConnectTuning = {},
): Promise<ConnectionVerdict> {
  const started = performance.now();
  const where = { host: profile.host, path: profile.httpPath };
  const secretList = profile.secret ? [profile.secret] : [];
  let client: Awaited<ReturnType<typeof connectClient>> | undefined;
  try {
    client = await connectClient(profile, secrets, log, tuning);
    const session = await openSessionWaiting(client, profile, log, tuning);
    try {
      let serverVersion: string | null = null;
      try {
        const info = await session.getInfo(thriftTypes().TGetInfoType.CLI_DBMS_VER);
        serverVersion = info.getValue() ? String(info.getValue()) : null;
      } catch {
        serverVersion = null;
      }
      const op = await session.executeStatement('SELECT 1 AS ok');
      await op.fetchChunk({ maxRows: 1 });
      await op.close();
      const latencyMs = performance.now() - started;
      return {
        ok: true,
        verdict: 'ok',
        message: `Connected to ${profile.host}${serverVersion ? ` (${serverVersion})` : ''} in ${Math.round(latencyMs)} ms.`,
        serverVersion,
        latencyMs,
      };
    } finally {
      await session.close().catch(() => undefined);
    }
  } catch (error) {
    const d = diagnose(error, where, secretList);
    return { ok: false, verdict: d.verdict, message: d.message, serverVersion: null, latencyMs: performance.now() - started };
  } finally {
    await client?.close().catch(() => undefined);
  }
}
