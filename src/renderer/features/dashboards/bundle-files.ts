import type { BundleInfo } from '../../../shared/api';
import { api } from '../../api/client';
import { downloadBlob } from './export-files';

const CHUNK = 4 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Sends a bundle chosen in the browser to core in chunks, then opens it there. */
export async function openBundleFile(file: File, onProgress?: (fraction: number) => void): Promise<BundleInfo> {
  const uploadId = `u${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  const total = Math.max(1, Math.ceil(file.size / CHUNK));
  for (let index = 0; index < total; index++) {
    const bytes = new Uint8Array(await file.slice(index * CHUNK, (index + 1) * CHUNK).arrayBuffer());
    await api.call('bundles.upload', { uploadId, index, total, base64: toBase64(bytes) });
    onProgress?.((index + 1) / total);
  }
  return api.call('bundles.openUpload', { uploadId, fileName: file.name });
}

/** Downloads a bundle core wrote, chunk by chunk. */
export async function downloadBundle(path: string, fileName: string): Promise<void> {
  const parts: BlobPart[] = [];
  for (let offset = 0; ;) {
    const chunk = await api.call('bundles.read', { path, offset, length: CHUNK });
    const bin = atob(chunk.base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    parts.push(bytes);
    offset += bytes.length;
    if (chunk.done || bytes.length === 0) break;
  }
  downloadBlob(new Blob(parts, { type: 'application/octet-stream' }), fileName);
}
