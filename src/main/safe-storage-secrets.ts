import { safeStorage } from 'electron';
import type { SecretStore } from '../core/ports';
import { SecretFile } from '../core/security/secret-file';

/** Secrets encrypted by the OS keychain (Electron safeStorage), stored as base64 in one file. */
export class SafeStorageSecretStore implements SecretStore {
  private readonly store: SecretFile;

  constructor(file: string) {
    this.store = new SecretFile(file);
  }

  /** False on Linux without a keyring, where safeStorage falls back to a hard-coded key. */
  get protectedAtRest(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
  }

  async get(key: string): Promise<string | undefined> {
    const stored = this.store.read()[key];
    if (!stored) return undefined;
    try {
      return safeStorage.decryptString(Buffer.from(stored, 'base64'));
    } catch {
      return undefined; // The keychain changed: the user is asked to enter the secret again.
    }
  }

  async set(key: string, value: string): Promise<void> {
    if (!safeStorage.isEncryptionAvailable())
      throw new Error('The system keychain is not available, so the secret cannot be stored safely.');
    this.store.write({ ...this.store.read(), [key]: safeStorage.encryptString(value).toString('base64') });
  }

  async delete(key: string): Promise<void> {
    const values = this.store.read();
    delete values[key];
    this.store.write(values);
  }
}
