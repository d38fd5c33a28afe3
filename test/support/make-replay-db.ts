import { Engine } from '../../src/core/engine/engine';
import { fillWithReplayFixture } from './replay-fixture';

/** Fills a database file with the replay fixture for browser tests: `make-db <path> [events] [days]`. */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const [path, events = '60000', days = '21'] = args;
  if (!path) throw new Error('usage: make-db <path> [events] [days]');
  const engine = await Engine.open({ path, threads: 2 });
  try {
    const summary = await fillWithReplayFixture(engine, { events: Number(events), days: Number(days), incidents: true });
    await engine.run('CHECKPOINT');
    return { path, summary };
  } finally {
    engine.close();
  }
}
