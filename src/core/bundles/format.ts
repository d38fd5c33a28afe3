import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { describeZodError } from '../../shared/dashboards/parse';
import { BUNDLE_FORMAT_VERSION, BundleManifest } from './manifest';

/*
 * One file: MAGIC(8) | format version u32 | manifest length u32 | payload length u64 |
 * manifest JSON | payload (Parquet tables back to back) | SHA-256 of everything before it (32).
 * Every check below fails with a message naming what is wrong, never a crash.
 */
export const MAGIC = Buffer.from('MWBUNDLE', 'ascii');
const HEADER = 24;
const DIGEST = 32;
/** Refuse absurd manifests before parsing them. */
const MAX_MANIFEST = 16 * 1024 * 1024;

export function encodeBundle(manifest: BundleManifest, payload: Buffer): Buffer {
  const json = Buffer.from(JSON.stringify(manifest), 'utf8');
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header, 0);
  header.writeUInt32LE(manifest.formatVersion, 8);
  header.writeUInt32LE(json.length, 12);
  header.writeBigUInt64LE(BigInt(payload.length), 16);
  const body = Buffer.concat([header, json, payload]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

export interface DecodedBundle {
  manifest: BundleManifest;
  payload: Buffer;
  sha256: string;
  bytes: number;
}

function refuse(what: string): never {
  throw new AppError('INVALID_FILE', `This bundle was refused: ${what}`);
}

/** Checks magic, version, length and checksum, then the manifest; returns views into `file`. */
export function decodeBundle(file: Buffer, options: { maxVersion?: number } = {}): DecodedBundle {
  const maxVersion = options.maxVersion ?? BUNDLE_FORMAT_VERSION;
  if (file.length < MAGIC.length || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    refuse('it is not a Medallion dashboard bundle (its first bytes are not the bundle signature).');
  }
  if (file.length < HEADER + DIGEST) refuse(`it is truncated: only ${file.length} bytes, less than a bundle header.`);
  const version = file.readUInt32LE(8);
  const manifestLength = file.readUInt32LE(12);
  const payloadLength = file.readBigUInt64LE(16);
  if (version > maxVersion) {
    refuse(
      `it was made by a newer version of Medallion Workbench (bundle format ${version}; this app reads format ${maxVersion} and older). Update the app to open it.`,
    );
  }
  if (version === 0) refuse('its format version is 0, which no version of the app writes; the file is damaged.');
  if (manifestLength > MAX_MANIFEST)
    refuse(`its header claims a ${manifestLength}-byte manifest, which is not plausible; the file is damaged.`);
  const expected = BigInt(HEADER + manifestLength + DIGEST) + payloadLength;
  if (BigInt(file.length) < expected)
    refuse(`it is truncated: ${file.length} bytes of the ${expected} its header announces. Copy the file again.`);
  if (BigInt(file.length) > expected)
    refuse(`it has ${BigInt(file.length) - expected} unexpected bytes after its end; the file is damaged.`);
  const bodyEnd = file.length - DIGEST;
  const actual = createHash('sha256').update(file.subarray(0, bodyEnd)).digest();
  const stored = file.subarray(bodyEnd);
  if (!actual.equals(stored)) {
    refuse(
      `its checksum does not match its contents (stored ${stored.toString('hex').slice(0, 12)}…, computed ${actual.toString('hex').slice(0, 12)}…): it was damaged or modified after it was made.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(file.subarray(HEADER, HEADER + manifestLength).toString('utf8'));
  } catch {
    refuse('its manifest is not valid JSON.');
  }
  const manifest = BundleManifest.safeParse(raw);
  if (!manifest.success) refuse(`its manifest is invalid: ${describeZodError(manifest.error)}`);
  if (manifest.data.formatVersion !== version) refuse('its manifest and header disagree on the format version.');
  const payload = file.subarray(HEADER + manifestLength, bodyEnd);
  for (const t of manifest.data.tables) {
    if (t.offset + t.length > payload.length) refuse(`table ${t.name} lies outside the file's data.`);
    const digest = createHash('sha256')
      .update(payload.subarray(t.offset, t.offset + t.length))
      .digest('hex');
    if (digest !== t.sha256) refuse(`the data of table ${t.name} does not match its checksum.`);
  }
  return { manifest: manifest.data, payload, sha256: actual.toString('hex'), bytes: file.length };
}
