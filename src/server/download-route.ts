import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { DownloadSource } from '../core/host/engine-api';

/** Streams a finished export once, as an attachment, then deletes it (the engine may be another process: it hands over a path). */
export async function serveDownload(downloads: DownloadSource, id: string, res: ServerResponse): Promise<void> {
  const file = await downloads.get(id);
  if (!file) {
    res
      .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      .end('This download has expired or was already fetched. Export the result again.');
    return;
  }
  const ascii = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  res.writeHead(200, {
    'content-type': file.contentType,
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  const stream = createReadStream(file.path);
  stream.on('error', () => res.destroy());
  res.on('finish', () => downloads.remove(id));
  stream.pipe(res);
}
