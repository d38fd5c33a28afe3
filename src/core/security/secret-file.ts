import { z } from 'zod';
import { readJsonChecked, writeJsonAtomic } from '../store/json-store';

const Values = z.record(z.string(), z.string());

/** A JSON file of secret values, readable by its owner only (0600), written atomically through the JSON store. */
export class SecretFile {
  constructor(private readonly file: string) {}

  /** The stored values; a missing or unreadable file reads as empty (secrets are asked for again). */
  read(): Record<string, string> {
    const r = readJsonChecked(this.file, Values, { keepDamaged: true });
    return r.state === 'ok' ? r.value : {};
  }

  write(values: Record<string, string>): void {
    writeJsonAtomic(this.file, values, { secret: true });
  }
}
