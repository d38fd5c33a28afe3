import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { json, startFakeMlflow } from './fake-mlflow-server';
import { makeTestCertificate } from './warehouse-emulator/certs';

/** What an endpoint of the fake workspace answers to one request body; `undefined` never answers. */
export type EndpointBehaviour = (body: unknown) => { status: number; body: unknown } | undefined;

export interface FakeServingOptions {
  /** Bearer tokens the workspace accepts (PATs, or tokens it issued itself). */
  tokens: string[];
  /** Tokens that authenticate but may not query any endpoint (HTTP 403). */
  forbidden?: string[];
  /** A service principal for OAuth M2M: client credentials exchanged for `accessToken`. */
  servicePrincipal?: { clientId: string; clientSecret: string; accessToken: string };
  endpoints: Record<string, EndpointBehaviour>;
}

/** One call the fake saw: the path and the Authorization header it carried. */
export interface SeenCall {
  path: string;
  authorization: string | undefined;
}

/**
 * A fake Databricks workspace over HTTPS (self-signed, its CA written to `caPath` for a
 * profile): `POST /serving-endpoints/<name>/invocations` with the real error bodies for a bad
 * token (401), a forbidden one (403) and an unknown endpoint (404), and `POST /oidc/v1/token`
 * for OAuth machine-to-machine.
 */
export async function startFakeServing(options: FakeServingOptions) {
  const tls = makeTestCertificate();
  const dir = mkdtempSync(join(tmpdir(), 'fake-serving-'));
  const caPath = join(dir, 'ca.pem');
  writeFileSync(caPath, tls.cert);
  const seen: SeenCall[] = [];
  const accepted = new Set([...options.tokens, ...(options.servicePrincipal ? [options.servicePrincipal.accessToken] : [])]);
  let tokensIssued = 0;
  const server = await startFakeMlflow(
    (body, req, res) => {
      const path = req.url ?? '';
      seen.push({ path, authorization: req.headers.authorization });
      if (path === '/oidc/v1/token') {
        const sp = options.servicePrincipal;
        const expected = sp && `Basic ${Buffer.from(`${sp.clientId}:${sp.clientSecret}`).toString('base64')}`;
        if (!sp || req.headers.authorization !== expected || !String(body).includes('grant_type=client_credentials')) {
          return json(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
        }
        tokensIssued++;
        return json(res, 200, { access_token: sp.accessToken, token_type: 'Bearer', expires_in: 3600, scope: 'all-apis' });
      }
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!bearer || !accepted.has(bearer)) return json(res, 401, { error_code: 'UNAUTHENTICATED', message: 'Invalid Token' });
      if (options.forbidden?.includes(bearer)) {
        return json(res, 403, { error_code: 'PERMISSION_DENIED', message: 'User does not have permission to query this endpoint.' });
      }
      const m = /^\/serving-endpoints\/([^/]+)\/invocations$/.exec(path);
      const name = m ? decodeURIComponent(m[1]!) : '';
      const endpoint = options.endpoints[name];
      if (!endpoint) {
        return json(res, 404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Endpoint with name '${name}' does not exist.` });
      }
      const reply = endpoint(body);
      if (reply) json(res, reply.status, reply.body);
    },
    { tls },
  );
  return {
    host: server.origin.replace(/^https:\/\//, ''),
    caPath,
    seen,
    requests: server.requests,
    tokensIssued: () => tokensIssued,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
