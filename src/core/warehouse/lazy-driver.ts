import type * as Driver from '@databricks/sql';
import { createRequire } from 'node:module';

let driver: typeof Driver | undefined;

/**
 * The warehouse driver (@databricks/sql), loaded on first use: it takes most of a second to load
 * and most commands (`--version`, `query`, `replay`) never talk to a warehouse.
 */
export function warehouseDriver(): typeof Driver {
  const path = require.resolve('@databricks/sql');
  driver ??= createRequire(path)(path) as typeof Driver;
  return driver;
}

/** The driver's Thrift enums (type ids, info types). */
export function thriftTypes(): typeof Driver.thrift.TCLIService_types {
  return warehouseDriver().thrift.TCLIService_types;
}
