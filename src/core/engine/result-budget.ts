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

/** Bytes of the value at `index`, or a number above `limit` once it exceeds it (the walk stops there). */
export function valueBytes(vector: DuckDBVector, index: number, limit: number): number {
  if (vector instanceof DuckDBVarCharVector) return SCALAR_BYTES + 2 * (vector.getItem(index)?.length ?? 0);
  if (vector instanceof DuckDBBlobVector) return SCALAR_BYTES + 2 * (vector.getItemBytes(index)?.length ?? 0);
  if (vector instanceof DuckDBBitVector) return SCALAR_BYTES + (vector.getItem(index)?.toString().length ?? 0);
  if (vector instanceof DuckDBListVector) return listBytes(vector, index, limit);
  if (vector instanceof DuckDBMapVector) return listBytes(inner<DuckDBListVector>(vector, 'listVector', DuckDBListVector), index, limit);
  if (vector instanceof DuckDBUnionVector)
    return valueBytes(inner<DuckDBStructVector>(vector, 'structVector', DuckDBStructVector), index, limit);
  if (vector instanceof DuckDBStructVector) {
    let total = SCALAR_BYTES;
    for (let e = 0; e < vector.type.entryCount && total <= limit; e++) {
      total += SCALAR_BYTES + valueBytes(vector.entryVectorAt(e), index, limit - total);
    }
    return total;
  }
  if (vector instanceof DuckDBArrayVector) {
    const child = inner<DuckDBVector>(vector, 'childData');
    const length = vector.type.length;
    return SCALAR_BYTES + elementsBytes(child, index * length, length, limit);
  }
  return SCALAR_BYTES;
}

function listBytes(vector: DuckDBListVector, index: number, limit: number): number {
  if (vector.getItemVector(index) === null) return SCALAR_BYTES;
  return SCALAR_BYTES + elementsBytes(vector.childVector, vector.getEntryOffset(index), vector.getEntryLength(index), limit);
}

const FIXED_WIDTH = (v: DuckDBVector) =>
  !(
    v instanceof DuckDBVarCharVector ||
    v instanceof DuckDBBlobVector ||
    v instanceof DuckDBBitVector ||
    v instanceof DuckDBListVector ||
    v instanceof DuckDBMapVector ||
    v instanceof DuckDBUnionVector ||
    v instanceof DuckDBStructVector ||
    v instanceof DuckDBArrayVector
  );

function elementsBytes(child: DuckDBVector, offset: number, length: number, limit: number): number {
  // Fixed-width elements cost the same each: no need to visit a hundred million integers.
  if (FIXED_WIDTH(child)) return length * SCALAR_BYTES;
  let total = 0;
  for (let i = 0; i < length && total <= limit; i++) total += valueBytes(child, offset + i, limit - total);
  return total;
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
  const rows: unknown[][] = [];
  let bytes = 0;
  for (let r = 0; r < chunk.rowCount; r++) {
    if (rows.length >= rowsLeft) return { rows, bytes, stop: true, overBudget: false };
    let size = 0;
    for (const v of vectors) {
      size += valueBytes(v, r, bytesLeft - bytes - size);
      if (bytes + size > bytesLeft) return { rows, bytes, stop: true, overBudget: true };
    }
    bytes += size;
    rows.push(vectors.map((v) => JsonDuckDBValueConverter(v.getItem(r), v.type, JsonDuckDBValueConverter)));
  }
  return { rows, bytes, stop: false, overBudget: false };
}
