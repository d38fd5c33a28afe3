import type IOperation from '@databricks/sql/dist/contracts/IOperation';
import { DuckDBBlobValue, DuckDBDateValue, DuckDBDecimalValue, DuckDBTimestampValue, type DuckDBValue } from '@duckdb/node-api';
import type * as Arrow from 'apache-arrow';
import { createRequire } from 'node:module';

/**
 * The fast path of a pull: reads the Arrow record batches the warehouse sent straight from
 * the driver's result handler and converts them column by column, skipping the driver's
 * per-row object materialisation (≈2 µs per cell). Uses the apache-arrow copy the driver
 * itself loads. Returns undefined when the result is not Arrow or the driver's internals are
 * not what this code knows (then the pull uses the row API).
 */

interface RawArrowSource {
  hasMore(): Promise<boolean>;
  fetchNext(options: { limit: number }): Promise<{ batches: Buffer[]; rowCount: number }>;
}

let arrowModule: typeof Arrow | undefined;
function arrow(): typeof Arrow {
  arrowModule ??= createRequire(require.resolve('@databricks/sql'))('apache-arrow') as typeof Arrow;
  return arrowModule;
}

/** Finds the driver's Arrow (inline or CloudFetch) result handler behind ResultSlicer → ArrowResultConverter. */
export async function rawArrowSource(op: IOperation): Promise<RawArrowSource | undefined> {
  const withHandler = op as unknown as { getResultHandler?: () => Promise<unknown> };
  if (typeof withHandler.getResultHandler !== 'function') return undefined;
  try {
    const slicer = (await withHandler.getResultHandler()) as { source?: { source?: unknown; constructor?: { name?: string } } };
    const converter = slicer?.source;
    const handler = converter?.source as Partial<RawArrowSource> & { arrowSchema?: unknown; constructor?: { name?: string } };
    // Inline Arrow batches and CloudFetch files both reach the converter as IPC bytes.
    const handlers = ['ArrowResultHandler', 'CloudFetchResultHandler'];
    if (converter?.constructor?.name !== 'ArrowResultConverter' || !handlers.includes(handler?.constructor?.name ?? '')) return undefined;
    if (typeof handler.fetchNext !== 'function' || typeof handler.hasMore !== 'function') return undefined;
    return handler as RawArrowSource;
  } catch {
    return undefined;
  }
}

/** One fetched page as DuckDB-ready columns. */
export interface ArrowPage {
  rowCount: number;
  columns: DuckDBValue[][];
}

/** Reads the next page (up to `limit` rows); null at the end. */
export async function nextArrowPage(source: RawArrowSource, limit: number): Promise<ArrowPage | null> {
  if (!(await source.hasMore())) return null;
  const { batches, rowCount } = await source.fetchNext({ limit });
  if (batches.length === 0 || rowCount === 0) return { rowCount: 0, columns: [] };
  const reader = arrow().RecordBatchReader.from(Buffer.concat(batches));
  let columns: DuckDBValue[][] | undefined;
  let rows = 0;
  for (const batch of reader) {
    const converted = batch.schema.fields.map((field, i) => convertVector(batch.getChildAt(i)!, field.type));
    if (!columns) columns = converted;
    else converted.forEach((c, i) => columns![i]!.push(...c));
    rows += batch.numRows;
  }
  return { rowCount: rows, columns: columns ?? [] };
}

/** A typed view of a buffer, copied when the IPC reader left it unaligned. */
function view<T>(
  Ctor: { new (b: ArrayBufferLike, o: number, l: number): T; BYTES_PER_ELEMENT: number },
  values: ArrayBufferView,
  count: number,
): T {
  if (values.byteOffset % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(values.buffer, values.byteOffset, count);
  const copy = new Uint8Array(count * Ctor.BYTES_PER_ELEMENT);
  copy.set(new Uint8Array(values.buffer, values.byteOffset, copy.length));
  return new Ctor(copy.buffer, 0, count);
}

/** One Arrow column → DuckDB values, reading the typed buffers directly where the layout is fixed. */
function convertVector(vector: Arrow.Vector, type: Arrow.DataType): DuckDBValue[] {
  const A = arrow();
  const out = new Array<DuckDBValue>(vector.length);
  const fixed =
    A.DataType.isDecimal(type) ||
    A.DataType.isTimestamp(type) ||
    (A.DataType.isDate(type) && type.unit === A.DateUnit.DAY) ||
    A.DataType.isInt(type);
  if (!fixed) {
    for (let k = 0; k < vector.length; k++) {
      const v: unknown = vector.get(k);
      if (v === null || v === undefined) out[k] = null;
      else if (v instanceof Uint8Array) out[k] = new DuckDBBlobValue(v);
      else if (typeof v === 'object') out[k] = JSON.stringify(v, (_key, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
      else out[k] = v as DuckDBValue;
    }
    return out;
  }
  let offset = 0;
  for (const data of vector.data) {
    const n = data.length;
    const bitmap = data.nullCount > 0 ? data.nullBitmap : undefined;
    const isNull = (i: number) => bitmap !== undefined && (bitmap[(data.offset + i) >> 3]! & (1 << ((data.offset + i) & 7))) === 0;
    const values = data.values as ArrayBufferView;
    if (A.DataType.isDecimal(type)) {
      const words = view(BigUint64Array, values, n * 2);
      for (let i = 0; i < n; i++) {
        out[offset + i] = isNull(i)
          ? null
          : new DuckDBDecimalValue(BigInt.asIntN(128, words[2 * i]! + (words[2 * i + 1]! << 64n)), type.precision, type.scale);
      }
    } else if (A.DataType.isTimestamp(type)) {
      const raw = view(BigInt64Array, values, n);
      const unit = type.unit;
      const scale =
        unit === A.TimeUnit.MICROSECOND ? 1n : unit === A.TimeUnit.MILLISECOND ? 1000n : unit === A.TimeUnit.SECOND ? 1_000_000n : 0n;
      for (let i = 0; i < n; i++) {
        out[offset + i] = isNull(i) ? null : new DuckDBTimestampValue(scale === 0n ? raw[i]! / 1000n : raw[i]! * scale);
      }
    } else if (A.DataType.isDate(type)) {
      const days = view(Int32Array, values, n);
      for (let i = 0; i < n; i++) out[offset + i] = isNull(i) ? null : new DuckDBDateValue(days[i]!);
    } else {
      const ints = (type as Arrow.Int).bitWidth === 64 ? view(BigInt64Array, values, n) : (values as unknown as ArrayLike<number>);
      for (let i = 0; i < n; i++) out[offset + i] = isNull(i) ? null : ints[i]!;
    }
    offset += n;
  }
  return out;
}
