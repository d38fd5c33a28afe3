import type { ApiResult } from '../../shared/errors';
import type { Transport } from './transport';

const TOKEN_KEY = 'medallion.token';

/**
 * The token arrives once in the URL that `medallion serve` prints; it is kept for this tab
 * and removed from the address bar so it is not bookmarked or shared by accident.
 */
export function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function httpTransport(token: string): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let socket: WebSocket | undefined;
  let retry = 500;

  const connect = () => {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${scheme}://${window.location.host}/api/events?token=${encodeURIComponent(token)}`);
    socket.onopen = () => {
      retry = 500;
    };
    socket.onmessage = (message) => {
      const { event, payload } = JSON.parse(String(message.data)) as { event: string; payload: unknown };
      for (const listener of listeners.get(event) ?? []) listener(payload);
    };
    socket.onclose = () => {
      socket = undefined;
      if (listeners.size > 0) setTimeout(connect, (retry = Math.min(retry * 2, 10_000)));
    };
  };

  return {
    kind: 'http',
    async invoke(method, input, callId, signal) {
      let response: Response;
      try {
        response = await fetch(`/api/call/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-call-id': callId },
          body: JSON.stringify(input ?? {}),
          signal,
        });
      } catch (error) {
        if (signal?.aborted) return { ok: false, error: { code: 'CANCELLED', message: 'The call was cancelled.' } };
        return {
          ok: false,
          error: {
            code: 'UNAVAILABLE',
            message: `The workbench server cannot be reached (${String(error)}). Is \`medallion serve\` still running?`,
          },
        };
      }
      const body = (await response.json().catch(() => undefined)) as ApiResult<unknown> | undefined;
      if (body && typeof body === 'object' && 'ok' in body) return body;
      return { ok: false, error: { code: 'INTERNAL', message: `The server answered ${response.status} without a result.` } };
    },
    downloadUrl(path) {
      return `${path}?token=${encodeURIComponent(token)}`;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      if (!socket) connect();
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(event);
      };
    },
  };
}
