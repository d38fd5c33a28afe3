import { readFileSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import type { SecretStore } from '../ports';
import { oauthTokenKey, type ResolvedProfile } from '../warehouse/profiles';
import { redact } from '../warehouse/redact';
import { postText } from './http-post';

/** Where connection profiles come from (the warehouse's ProfileStore). */
export interface ProfileSource {
  resolve(id: string): Promise<ResolvedProfile>;
}

/** What a call to a serving endpoint needs from its profile; the token never leaves core. */
export interface ServingCredentials {
  token: string;
  ca: string | undefined;
  profileName: string;
  host: string;
}

/** The scoring URL of a Databricks Model Serving endpoint on a workspace host (`host[:port]`). */
export function servingUrl(host: string, endpoint: string): string {
  return `https://${host}/serving-endpoints/${encodeURIComponent(endpoint)}/invocations`;
}

/** The endpoint name in a serving URL, for messages. */
export function endpointName(url: string): string {
  const m = /\/serving-endpoints\/([^/]+)\/invocations$/.exec(url);
  return m ? decodeURIComponent(m[1]!) : url;
}

const TOKEN_TIMEOUT_MS = 15_000;
/** Renew an OAuth token this long before it expires. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * Bearer tokens for Databricks Model Serving from a connection profile: its personal access
 * token, an OAuth machine-to-machine token (client credentials at `/oidc/v1/token`, cached
 * until shortly before it expires), or the OAuth user token cached by a browser sign-in.
 */
export class ServingAuth {
  private readonly m2m = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly profiles: ProfileSource,
    private readonly secrets: SecretStore,
  ) {}

  async credentials(profileId: string, signal?: AbortSignal): Promise<ServingCredentials> {
    const profile = await this.profiles.resolve(profileId);
    let ca: string | undefined;
    if (profile.caCertPath) {
      try {
        ca = readFileSync(profile.caCertPath, 'utf8');
      } catch {
        throw new AppError(
          'INVALID_FILE',
          `Could not read the CA certificate file ${profile.caCertPath} of the profile "${profile.name}". Check the path in the profile.`,
        );
      }
    }
    return { token: await this.token(profile, ca, signal), ca, profileName: profile.name, host: profile.host };
  }

  /** Forgets cached OAuth tokens of a profile (after the workspace rejected one). */
  forget(profileId: string): void {
    for (const key of this.m2m.keys()) if (key.startsWith(`${profileId}\n`)) this.m2m.delete(key);
  }

  private async token(profile: ResolvedProfile, ca: string | undefined, signal?: AbortSignal): Promise<string> {
    if (profile.authType === 'pat') {
      if (!profile.secret)
        throw new AppError(
          'UNAUTHORIZED',
          `The profile "${profile.name}" has no access token stored. Edit it on the Connections page and enter a personal access token.`,
        );
      return profile.secret;
    }
    if (profile.authType === 'oauth-u2m') {
      const raw = await this.secrets.get(oauthTokenKey(profile.id));
      const token = raw ? (JSON.parse(raw) as { accessToken?: string }).accessToken : undefined;
      if (!token)
        throw new AppError(
          'UNAUTHORIZED',
          `The profile "${profile.name}" has not signed in yet. Test its connection on the Connections page to sign in, then try again.`,
        );
      return token;
    }
    if (!profile.secret || !profile.clientId) {
      throw new AppError(
        'UNAUTHORIZED',
        `The profile "${profile.name}" needs a service principal's client id and secret for OAuth machine-to-machine.`,
      );
    }
    const key = `${profile.id}\n${profile.host}\n${profile.clientId}`;
    const cached = this.m2m.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    const fresh = await fetchM2mToken(profile, ca, signal);
    this.m2m.set(key, { token: fresh.token, expiresAt: Date.now() + fresh.expiresInS * 1000 - EXPIRY_MARGIN_MS });
    return fresh.token;
  }
}

/** Client-credentials grant against the workspace's OIDC token endpoint. */
async function fetchM2mToken(
  profile: ResolvedProfile,
  ca: string | undefined,
  signal?: AbortSignal,
): Promise<{ token: string; expiresInS: number }> {
  const url = `https://${profile.host}/oidc/v1/token`;
  const basic = Buffer.from(`${profile.clientId}:${profile.secret}`).toString('base64');
  const timeout = AbortSignal.timeout(TOKEN_TIMEOUT_MS);
  const secrets = [profile.secret!, basic];
  let reply;
  try {
    reply = await postText(url, 'grant_type=client_credentials&scope=all-apis', {
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
      ca,
    });
  } catch (error) {
    if (timeout.aborted)
      throw new AppError(
        'TIMEOUT',
        `The workspace ${profile.host} did not issue an OAuth token within ${TOKEN_TIMEOUT_MS / 1000} s. Try again.`,
      );
    const e = error as { code?: string; message?: string };
    throw new AppError(
      'UNAVAILABLE',
      `Could not reach ${profile.host} for an OAuth token: ${redact(e.code ?? e.message ?? String(error), secrets)}. Check the profile's host.`,
    );
  }
  const snippet = redact(reply.text.slice(0, 200).replace(/\s+/g, ' '), secrets);
  if (reply.status === 400 || reply.status === 401 || reply.status === 403) {
    throw new AppError(
      'UNAUTHORIZED',
      `The workspace ${profile.host} rejected the service principal of the profile "${profile.name}" (HTTP ${reply.status}): check its client id and secret. ${snippet}`,
    );
  }
  let body: { access_token?: unknown; expires_in?: unknown } | undefined;
  try {
    body = JSON.parse(reply.text) as typeof body;
  } catch {
    body = undefined;
  }
  if (reply.status !== 200 || typeof body?.access_token !== 'string') {
    throw new AppError('UNAVAILABLE', `The workspace ${profile.host} did not issue an OAuth token (HTTP ${reply.status}). ${snippet}`);
  }
  return { token: body.access_token, expiresInS: typeof body.expires_in === 'number' ? body.expires_in : 3600 };
}
