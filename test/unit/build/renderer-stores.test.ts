import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const renderer = join(__dirname, '..', '..', '..', 'src', 'renderer');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Every zustand store and the API client: the state a test or a second window must not share. */
const stateful = files(renderer).filter((f) => /-store\.ts$/u.test(f) || f.endsWith(join('api', 'client.ts')));

describe('renderer stores (conventions in docs/architecture.md, Renderer)', () => {
  it('finds the stores it checks', () => {
    expect(stateful.map((f) => relative(renderer, f))).toEqual(
      expect.arrayContaining([
        'features/dashboards/dashboards-store.ts',
        'features/sql/sql-store.ts',
        'features/ask/ask-store.ts',
        'api/client.ts',
      ]),
    );
  });

  it.each(stateful.map((f) => [relative(renderer, f), f]))('%s keeps no mutable state at module level', (_name, file) => {
    // Top-level `let`/`var`, or a top-level Map/Set/array that later code fills, is state every store instance would share.
    const offending = readFileSync(file, 'utf8')
      .split('\n')
      .filter(
        (line) => /^(export )?(let|var) /u.test(line) || /^(export )?const \w+(: [^=]+)? = (new (Map|Set|WeakMap)\b|\[\])/u.test(line),
      );
    expect(offending).toEqual([]);
  });
});
