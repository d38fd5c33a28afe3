import {
  DuckDBArrayVector,
  DuckDBBitVector,
  DuckDBBlobVector,
  DuckDBListVector,
  DuckDBMapVector,
  DuckDBStructVector,
  DuckDBUnionVector,
  DuckDBVarCharVector,
  JsonDuckDBValueConverter,
  type DuckDBDataChunk,
  type DuckDBResult,
  type DuckDBVector,
} from '@duckdb/node-api';

/**
 * Reading a result under a byte budget. A row count alone does not bound memory: 5,000 rows of
 * nested lists can hold hundreds of millions of values, and converting them to JS exhausted the
 * Node heap and aborted the process. Here each row's size is measured on DuckDB's vectors first
 * (nested values counted, the walk stopping as soon as the budget is spent), and only rows that
 * fit are converted.
 */

/** What one JS value costs at least, and what each string or blob adds to its bytes. */
const SCALAR_BYTES = 16;

/** Measures the value at `index` in bytes, or returns a number above `limit` once it exceeds it (the walk stops there). */
export type Measure = (index: number, limit: number) => number;

/**
 * Builds the measure of one vector once per chunk: the type dispatch happens here, not per value,
 * and fixed-width children (numbers, dates, booleans) are counted by multiplying, never visited.
 */
export function measurer(vector: DuckDBVector): Measure {
  if (vector instanceof DuckDBVarCharVector) return (i) => SCALAR_BYTES + 2 * (vector.getItem(i)?.length ?? 0);
  if (vector instanceof DuckDBBlobVector) return (i) => SCALAR_BYTES + 2 * (vector.getItemBytes(i)?.length ?? 0);
  if (vector instanceof DuckDBBitVector) return (i) => SCALAR_BYTES + (vector.getItem(i)?.toString().length ?? 0);
  if (vector instanceof DuckDBListVector) return listMeasurer(vector);
  if (vector instanceof DuckDBMapVector) return listMeasurer(inner<DuckDBListVector>(vector, 'listVector', DuckDBListVector));
  if (vector instanceof DuckDBUnionVector) return measurer(inner<DuckDBStructVector>(vector, 'structVector', DuckDBStructVector));
  if (vector instanceof DuckDBStructVector) {
    const entries = Array.from({ length: vector.type.entryCount }, (_, e) => measurer(vector.entryVectorAt(e)));
    return (i, limit) => {
      let total = SCALAR_BYTES;
      for (let e = 0; e < entries.length && total <= limit; e++) total += SCALAR_BYTES + entries[e]!(i, limit - total);
      return total;
    };
  }
  if (vector instanceof DuckDBArrayVector) {
    const length = vector.type.length;
    const elements = elementsMeasurer(inner<DuckDBVector>(vector, 'childData'));
    return (i, limit) => SCALAR_BYTES + elements(i * length, length, limit);
  }
  return FIXED;
}

const FIXED: Measure = () => SCALAR_BYTES;

function listMeasurer(vector: DuckDBListVector): Measure {
  const elements = elementsMeasurer(vector.childVector);
  // A NULL list's offset and length are whatever was in memory: read them only for valid rows.
  const validity = inner<DuckDBVector>(vector, 'validity') as unknown as { itemValid(index: number): boolean };
  return (i, limit) =>
    validity.itemValid(i) ? SCALAR_BYTES + elements(vector.getEntryOffset(i), vector.getEntryLength(i), limit) : SCALAR_BYTES;
}

function elementsMeasurer(child: DuckDBVector): (offset: number, length: number, limit: number) => number {
  const each = measurer(child);
  // Fixed-width elements cost the same each: no need to visit a hundred million integers.
  if (each === FIXED) return (_offset, length) => length * SCALAR_BYTES;
  return (offset, length, limit) => {
    let total = 0;
    for (let k = 0; k < length && total <= limit; k++) total += each(offset + k, limit - total);
    return total;
  };
}

/** A nested vector the library keeps in a private field (Map over List, Union over Struct, Array's child). */
function inner<T extends DuckDBVector>(vector: DuckDBVector, field: string, kind?: abstract new (...args: never[]) => T): T {
  const value = (vector as unknown as Record<string, unknown>)[field];
  if (!value || (kind && !(value instanceof kind))) throw new Error(`Cannot measure a ${vector.type.toString()} value.`);
  return value as T;
}

export interface CappedRows {
  rows: unknown[][];
  /** More rows existed, or the next row did not fit the byte budget. */
  truncated: boolean;
  /** The byte budget, not the row cap, ended the result. */
  overBudget: boolean;
  bytes: number;
}

/** Reads at most `maxRows` rows and `maxBytes` bytes of a streaming result as JSON-ready values. */
export async function readCapped(result: DuckDBResult, maxRows: number, maxBytes: number): Promise<CappedRows> {
  const rows: unknown[][] = [];
  let bytes = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return { rows, truncated: false, overBudget: false, bytes };
    const taken = takeRows(chunk, maxRows - rows.length, maxBytes - bytes);
    rows.push(...taken.rows);
    bytes += taken.bytes;
    if (taken.stop) return { rows, truncated: true, overBudget: taken.overBudget, bytes };
  }
}

function takeRows(chunk: DuckDBDataChunk, rowsLeft: number, bytesLeft: number) {
  const vectors = Array.from({ length: chunk.columnCount }, (_, c) => chunk.getColumnVector(c));
  const measures = vectors.map(measurer);
  const rows: unknown[][] = [];
  let bytes = 0;
  for (let r = 0; r < chunk.rowCount; r++) {
    if (rows.length >= rowsLeft) return { rows, bytes, stop: true, overBudget: false };
    let size = 0;
    for (const measure of measures) {
      size += measure(r, bytesLeft - bytes - size);
      if (bytes + size > bytesLeft) return { rows, bytes, stop: true, overBudget: true };
    }
    bytes += size;
    rows.push(vectors.map((v) => JsonDuckDBValueConverter(v.getItem(r), v.type, JsonDuckDBValueConverter)));
  }
  return { rows, bytes, stop: false, overBudget: false };
}
