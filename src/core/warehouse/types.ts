import type { MethodParsedInput } from '../../shared/api';

/** Parsed inputs of the warehouse methods, as handlers receive them. */
export type WarehouseQueryParsed = MethodParsedInput<'warehouse.query'>;
export type PullInputParsed = MethodParsedInput<'warehouse.pull'>;
