import type { Engine } from '../../../src/core/engine/engine';
import merchantView from './merchant_performance_view.sql?raw';
import silverSql from './silver_fixture.sql?raw';

/**
 * A small deterministic payments_enriched_silver (SPEC §2 columns) for Ask tests, ending
 * 2026-11-21. Used until the pipeline's replay fixture is on this branch.
 */
export async function fillAskFixture(engine: Engine, options: { events?: number; days?: number; seed?: number } = {}): Promise<void> {
  await engine.run(silverSql, { params: { events: options.events ?? 20_000, days: options.days ?? 60, seed: options.seed ?? 7 } });
  await engine.run(merchantView);
}
