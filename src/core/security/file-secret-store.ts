import type { SecretStore } from '../ports';
import { SecretFile } from './secret-file';

/**
 * Secrets for browser and CLI mode: a JSON file readable by its owner only (0600), written
 * atomically. Not encrypted: the desktop app uses the OS keychain instead, and says so.
 */
export class FileSecretStore implements SecretStore {
  readonly protectedAtRest = false;
  private readonly store: SecretFile;

  constructor(file: string) {
    this.store = new SecretFile(file);
  }

  async get(key: string): Promise<string | undefined> {
    return this.store.read()[key];
  }

  async set(key: string, value: string): Promise<void> {
    this.store.write({ ...this.store.read(), [key]: value });
  }

  async delete(key: string): Promise<void> {
    const values = this.store.read();
    delete values[key];
    this.store.write(values);
  }
}
