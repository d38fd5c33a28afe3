import type { ApiResult } from '../../src/shared/errors';

/** Calls the HTTP transport the way the renderer does. */
export function httpCaller(base: string, token: string) {
  return async (method: string, input: unknown, headers: Record<string, string> = {}): Promise<ApiResult<unknown>> => {
    const res = await fetch(`${base}/api/call/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(input),
    });
    return (await res.json()) as ApiResult<unknown>;
  };
}
