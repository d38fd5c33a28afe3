import fc from 'fast-check';
import { AppError, ERROR_CODES } from '../../src/shared/errors';

/**
 * Shared pieces of the file fuzzers: one seed for every run (FUZZ_SEED overrides it; fast-check
 * prints seed and path on failure, so a failing case replays with FUZZ_SEED=<seed>), byte
 * mutations, and a per-case time limit that turns a hang into a failure.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261122);

/** fc.assert parameters: seeded, a fixed number of runs, and the seed in the failure message. */
export function fuzzParams(numRuns: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns, endOnFailure: true, verbose: 1 };
}

/** One damage to a file: bits flipped, bytes overwritten, the tail cut off, or a byte dropped. */
export type Mutation =
  | { kind: 'flip'; at: { pos: number; bit: number }[] }
  | { kind: 'overwrite'; pos: number; bytes: number[] }
  | { kind: 'truncate'; keep: number }
  | { kind: 'drop'; pos: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.array(fc.record({ pos: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }), { minLength: 1, maxLength: 6 }),
  }),
  fc.record({
    kind: fc.constant('overwrite' as const),
    pos: fc.nat(),
    bytes: fc.array(fc.constantFrom(0, 0x0a, 0x22, 0x27, 0x2c, 0x7b, 0x7d, 0xff, 0x80, 0x3a), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), keep: fc.nat() }),
  fc.record({ kind: fc.constant('drop' as const), pos: fc.nat() }),
);

/** Applies `m` to a copy of `input` (positions wrap around its length). */
export function mutate(input: Buffer, m: Mutation): Buffer {
  const out = Buffer.from(input);
  if (out.length === 0) return out;
  switch (m.kind) {
    case 'flip':
      for (const { pos, bit } of m.at) out[pos % out.length]! ^= 1 << bit;
      return out;
    case 'overwrite':
      m.bytes.forEach((b, i) => (out[(m.pos + i) % out.length] = b));
      return out;
    case 'truncate':
      return out.subarray(0, m.keep % out.length);
    case 'drop': {
      const at = m.pos % out.length;
      return Buffer.concat([out.subarray(0, at), out.subarray(at + 1)]);
    }
  }
}

/** Rejects with a clear message when `work` takes longer than `ms`: a hang is a failure, not a stuck suite. */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`HANG: ${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** `{ value }` or `{ error }` where the error must be a typed AppError; anything else (a crash) is rethrown. */
export async function typedOutcome<T>(work: Promise<T>): Promise<{ value: T } | { error: AppError }> {
  try {
    return { value: await work };
  } catch (error) {
    if (error instanceof AppError && (ERROR_CODES as readonly string[]).includes(error.code) && error.message.length > 0) return { error };
    throw new Error(`not a typed error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, { cause: error });
  }
}
