import type { DBSQLClient } from '@databricks/sql';
import type IDBSQLSession from '@databricks/sql/dist/contracts/IDBSQLSession';
import type { SecretStore } from '../ports';
import { connectClient, type ConnectTuning, type WarehouseLog } from './connect';

/** One wait for a starting warehouse, as open-session reports it. */
export type StartingProgress = Parameters<NonNullable<ConnectTuning['onWarehouseStarting']>>[0];
import { isSessionLost, toWarehouseError } from './errors';
import { openSessionWaiting } from './open-session';
import type { ProfileStore, ResolvedProfile } from './profiles';

interface Entry {
  client: DBSQLClient;
  session: IDBSQLSession;
  profile: ResolvedProfile;
}

/**
 * One open driver session per profile, reused across calls (a warehouse session is cheap to
 * keep and slow to open). A session the server forgot is reopened once, transparently.
 */
export class SessionPool {
  private readonly open = new Map<string, Promise<Entry>>();

  constructor(
    private readonly profiles: ProfileStore,
    private readonly secrets: SecretStore,
    private readonly log: WarehouseLog,
    private readonly tuning: ConnectTuning = {},
    /** Told about each wait for a starting warehouse, and `ready` once it answered after such a wait. */
    private readonly onStarting?: (profile: ResolvedProfile, progress: StartingProgress | 'ready') => void,
  ) {}

  private async create(profileId: string): Promise<Entry> {
    const profile = await this.profiles.resolve(profileId);
    const where = { host: profile.host, path: profile.httpPath };
    const secrets = profile.secret ? [profile.secret] : [];
    let client: DBSQLClient | undefined;
    try {
      client = await connectClient(profile, this.secrets, this.log, this.tuning);
      let waited = false;
      const tuning: ConnectTuning = {
        ...this.tuning,
        onWarehouseStarting: (p) => {
          waited = true;
          this.tuning.onWarehouseStarting?.(p);
          this.onStarting?.(profile, p);
        },
      };
      const session = await openSessionWaiting(client, profile, this.log, tuning);
      if (waited) this.onStarting?.(profile, 'ready');
      return { client, session, profile };
    } catch (error) {
      await client?.close().catch(() => undefined);
      throw toWarehouseError(error, where, secrets);
    }
  }

  /** Runs `work` with the profile's session; driver errors come out as AppErrors without secrets. */
  async withSession<T>(profileId: string, work: (session: IDBSQLSession, profile: ResolvedProfile) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      let pending = this.open.get(profileId);
      if (!pending) {
        pending = this.create(profileId);
        this.open.set(profileId, pending);
        pending.catch(() => this.open.delete(profileId));
      }
      const entry = await pending;
      try {
        return await work(entry.session, entry.profile);
      } catch (error) {
        if (attempt === 0 && isSessionLost(error)) {
          await this.drop(profileId);
          continue;
        }
        const secrets = entry.profile.secret ? [entry.profile.secret] : [];
        throw toWarehouseError(error, { host: entry.profile.host, path: entry.profile.httpPath }, secrets);
      }
    }
  }

  /** Closes a profile's session (after it was edited or deleted). */
  async drop(profileId: string): Promise<void> {
    const pending = this.open.get(profileId);
    this.open.delete(profileId);
    const entry = await pending?.catch(() => undefined);
    if (!entry) return;
    await entry.session.close().catch(() => undefined);
    await entry.client.close().catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.open.keys()].map((id) => this.drop(id)));
  }
}
