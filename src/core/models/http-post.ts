import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What came back from a POST: the status and the whole body as text. */
export interface PostReply {
  status: number;
  text: string;
}

/**
 * POSTs a body over node:http(s) and reads the reply. Unlike fetch on Node 20 it can trust an
 * extra CA (a workspace behind a corporate TLS proxy, or the test emulators). Network errors
 * are rethrown as they come (with their `code`); `signal` aborts the request at any point.
 */
export function postText(
  url: string,
  body: string,
  options: { headers: Record<string, string>; signal: AbortSignal; ca?: string },
): Promise<PostReply> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': String(Buffer.byteLength(body)) },
        signal: options.signal,
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
