import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** A finished file waiting to be fetched once through the HTTP server. */
export interface Download {
  id: string;
  path: string;
  fileName: string;
  contentType: string;
  expiresAt: number;
}

const TTL_MS = 30 * 60_000;

/**
 * Files core produced for a browser to download (exports in `medallion serve`). Each is
 * served by its unguessable id behind the access token, then deleted; unclaimed ones expire.
 */
export class DownloadRegistry {
  private readonly files = new Map<string, Download>();

  add(file: Omit<Download, 'expiresAt'>): Download {
    this.sweep();
    const entry = { ...file, expiresAt: Date.now() + TTL_MS };
    this.files.set(file.id, entry);
    return entry;
  }

  get(id: string): Download | undefined {
    this.sweep();
    return this.files.get(id);
  }

  /** Forgets a download and deletes its temporary folder. */
  remove(id: string): void {
    const file = this.files.get(id);
    if (!file) return;
    this.files.delete(id);
    rmSync(dirname(file.path), { recursive: true, force: true });
  }

  clear(): void {
    for (const id of [...this.files.keys()]) this.remove(id);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, file] of this.files) if (file.expiresAt < now) this.remove(id);
  }
}
