import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../src/core/engine/engine';
import { goldViewsDdl } from '../../src/core/warehouse/gold-ddl';
import { SparkExecutor, SparkExecutionError } from './spark-executor';
import { startWarehouseEmulator, type WarehouseEmulator } from './warehouse-emulator';

/** The Unity-Catalog-like namespace the Spark warehouse serves (Spark's built-in catalog). */
export const SPARK_CATALOG = 'spark_catalog';
export const SPARK_SCHEMA = 'payments';

/** Tables copied from the local database into the Spark warehouse (silver and the agents' table). */
const TABLES = ['payments_enriched_silver', 'agent_recommendations'] as const;

export interface SparkWarehouse {
  spark: SparkExecutor;
  emulator: WarehouseEmulator;
  caFile: string;
  /** Rows per loaded table. */
  loaded: Record<string, number>;
  /** Gold views the app's `warehouse ddl` created on Spark, and the ones Spark refused (with Spark's error). */
  created: string[];
  refused: { view: string; error: string }[];
  close(): Promise<void>;
}

/** Splits the DDL script into statements (its statements end with `;` at the end of a line; comments dropped). */
export function ddlStatements(script: string): string[] {
  return script
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}

/**
 * A Databricks SQL warehouse stand-in on Apache Spark: the local silver and agents' tables copied
 * in through Parquet, the gold layer created with the app's own `medallion warehouse ddl` output,
 * served over the Thrift emulator to the real driver.
 */
export async function startSparkWarehouse(local: Engine, dir: string, spark = SparkExecutor.start()): Promise<SparkWarehouse> {
  const setup = 'setup';
  await spark.openSession(setup);
  await spark.sql(setup, `CREATE SCHEMA IF NOT EXISTS ${SPARK_CATALOG}.${SPARK_SCHEMA}`);
  const loaded: Record<string, number> = {};
  for (const table of TABLES) {
    const file = join(dir, `${table}.parquet`);
    await local.run(`COPY (SELECT * FROM ${table}) TO '${file}' (FORMAT parquet)`);
    loaded[table] = await spark.load(`${SPARK_CATALOG}.${SPARK_SCHEMA}.${table}`, file);
  }
  const created: string[] = [];
  const refused: { view: string; error: string }[] = [];
  const ddl = goldViewsDdl({ catalog: SPARK_CATALOG, schema: SPARK_SCHEMA });
  for (const statement of ddlStatements(ddl.sql)) {
    const view = /VIEW\s+(?:IF NOT EXISTS\s+)?`?(\w+)`?/i.exec(statement)?.[1];
    try {
      await spark.sql(setup, statement);
      if (view) created.push(view);
    } catch (error) {
      if (!view) throw error;
      refused.push({ view, error: error instanceof SparkExecutionError ? error.detail.message : String(error) });
    }
  }
  await spark.closeSession(setup);
  const emulator = await startWarehouseEmulator({ spark });
  const caFile = join(dir, 'spark-emulator-ca.pem');
  writeFileSync(caFile, emulator.caCert);
  return {
    spark,
    emulator,
    caFile,
    loaded,
    created,
    refused,
    async close() {
      await emulator.close();
      await spark.close();
    },
  };
}
