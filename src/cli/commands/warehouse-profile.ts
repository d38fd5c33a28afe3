import type { WarehouseProfile } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { callApi, type ApiCore } from '../api-client';

/** Picks a profile by id or name; without one: the DATABRICKS_* profile, else the only saved one. */
export async function pickProfile(core: ApiCore, wanted: string | undefined): Promise<WarehouseProfile> {
  const { profiles } = await callApi(core, 'warehouse.listProfiles', {});
  if (wanted) {
    const found = profiles.find((p) => p.id === wanted || p.name === wanted);
    if (!found) throw new AppError('NOT_FOUND', `No warehouse profile "${wanted}". List them with \`medallion warehouse profiles\`.`);
    return found;
  }
  const env = profiles.find((p) => p.source === 'env');
  if (env) return env;
  if (profiles.length === 1) return profiles[0]!;
  if (profiles.length === 0) {
    throw new AppError(
      'NOT_FOUND',
      'No warehouse profile: set DATABRICKS_HOST, DATABRICKS_HTTP_PATH (or DATABRICKS_WAREHOUSE_ID) and DATABRICKS_TOKEN, or run `medallion warehouse add`.',
    );
  }
  throw new AppError(
    'INVALID_INPUT',
    `Several warehouse profiles exist; choose one with --profile (${profiles.map((p) => p.name).join(', ')}).`,
  );
}

/** Reads a secret from stdin (never from argv, which other users can see in `ps`). */
export async function readSecretFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const secret = Buffer.concat(chunks).toString('utf8').trim();
  if (!secret)
    throw new AppError(
      'INVALID_INPUT',
      'No secret arrived on stdin. Pipe it in, e.g. `printenv MY_TOKEN | medallion warehouse add … --secret-stdin`.',
    );
  return secret;
}

/** `name=value` query parameters; numbers and booleans keep their type. */
export function parseParam(
  value: string,
  previous: Record<string, string | number | boolean> = {},
): Record<string, string | number | boolean> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new AppError('INVALID_INPUT', `--param takes name=value, not "${value}".`);
  const name = value.slice(0, eq);
  const raw = value.slice(eq + 1);
  const typed = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  return { ...previous, [name]: typed };
}
