import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY, resolveStatic } from '../server/static-files';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** Must run before app ready: app:// behaves like a secure, standard origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer from app://workbench/, refusing paths that climb out of it. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const file = resolveStatic(rendererDir, url.pathname);
    if (!file) return new Response('Bad path', { status: 400 });
    const response = await net.fetch(pathToFileURL(file).toString()).catch(() => new Response('Not found', { status: 404 }));
    if (file.endsWith('.html')) {
      const headers = new Headers(response.headers);
      headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      return new Response(response.body, { status: response.status, headers });
    }
    return response;
  });
}
