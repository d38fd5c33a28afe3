import type { DuckDBConnection } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../src/core/core';
import { startWarehouseEmulator, type EmulatorOptions, type WarehouseEmulator } from './warehouse-emulator';

/**
 * SPEC-shaped payment events on the emulator's side: every column type the SPEC uses plus
 * BIGINT and DATE, a row of NULLs, and a view, in catalog `memory`, schema `main`.
 */
export async function seedEvents(conn: DuckDBConnection, rows = 1000): Promise<void> {
  await conn.run(`CREATE TABLE events AS
    SELECT 'tx-' || lpad(i::VARCHAR, 7, '0') AS transaction_id,
           TIMESTAMP '2026-01-01 00:00:00' + to_seconds(i * 37) AS event_timestamp,
           ['Visa','Mastercard','Amex','Elo','Discover'][1 + i % 5] AS card_network,
           ((1 + (i * 7919) % 500000) / 100)::DECIMAL(12,2) AS amount,
           i % 10 <> 0 AS is_approved,
           (((i * 31) % 1000) / 1000.0)::DOUBLE AS fraud_score,
           (i % 3)::INTEGER AS retry_attempt,
           9007199254740993 + i AS big_id,
           DATE '2026-01-01' + (i % 90)::INTEGER AS event_date
    FROM range(${rows}) t(i)`);
  await conn.run(`INSERT INTO events VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
  await conn.run(`COMMENT ON TABLE events IS 'payment events'`);
  await conn.run(`CREATE VIEW v_card_network_performance AS
    SELECT card_network, count(*) AS transactions, round(100.0 * avg(is_approved::INT), 2) AS approval_rate_pct
    FROM events WHERE card_network IS NOT NULL GROUP BY card_network`);
}

export interface WarehouseTestContext {
  emulator: WarehouseEmulator;
  caFile: string;
  /** Saves a PAT profile for the emulator in `core` and returns its id. */
  addProfile(core: Core, overrides?: Record<string, unknown>): Promise<string>;
}

/** Starts an emulator seeded with events and writes its CA certificate to `dir`. */
export async function startSeededWarehouse(dir: string, options: EmulatorOptions & { rows?: number } = {}): Promise<WarehouseTestContext> {
  const emulator = await startWarehouseEmulator({ init: (c) => seedEvents(c, options.rows), ...options });
  const caFile = join(dir, 'emulator-ca.pem');
  writeFileSync(caFile, emulator.caCert);
  return {
    emulator,
    caFile,
    async addProfile(core, overrides = {}) {
      const profile = await core.warehouse.saveProfile({
        name: 'Emulator',
        host: `${emulator.host}:${emulator.port}`,
        httpPath: emulator.path,
        catalog: 'memory',
        schema: 'main',
        authType: 'pat',
        secret: emulator.token,
        caCertPath: caFile,
        ...overrides,
      } as never);
      return profile.id;
    },
  };
}
