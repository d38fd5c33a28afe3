import { safeStorage } from 'electron';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStore } from '../core/ports';

/** Secrets encrypted by the OS keychain (Electron safeStorage), stored as base64 in one file. */
export class SafeStorageSecretStore implements SecretStore {
  constructor(private readonly file: string) {}

  /** False on Linux without a keyring, where safeStorage falls back to a hard-coded key. */
  get protectedAtRest(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
  }

  private read(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  private write(values: Record<string, string>): void {
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(values), { mode: 0o600 });
    renameSync(`${this.file}.tmp`, this.file);
  }

  async get(key: string): Promise<string | undefined> {
    const stored = this.read()[key];
    if (!stored) return undefined;
    try {
      return safeStorage.decryptString(Buffer.from(stored, 'base64'));
    } catch {
      return undefined; // The keychain changed: the user is asked to enter the secret again.
    }
  }

  async set(key: string, value: string): Promise<void> {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('The system keychain is not available, so the secret cannot be stored safely.');
    this.write({ ...this.read(), [key]: safeStorage.encryptString(value).toString('base64') });
  }

  async delete(key: string): Promise<void> {
    const values = this.read();
    delete values[key];
    this.write(values);
  }
}
