import * as arrow from 'apache-arrow';
import { int64 } from './thrift-runtime';
import type { WireColumn, WireValue } from './wire-types';

/**
 * Result encodings the driver reads: Arrow IPC messages (schema once, then one record-batch
 * message per page) and Thrift columnar TRowSets with LSB-first null bitmaps.
 */

/** The IPC schema message alone (what TGetResultSetMetadataResp.arrowSchema carries). */
export function arrowSchemaBytes(columns: WireColumn[]): Buffer {
  const schema = new arrow.Schema(columns.map((c) => new arrow.Field(c.name, c.arrowType, true)));
  const empty = new arrow.Table(schema);
  const stream = arrow.tableToIPC(empty, 'stream');
  return Buffer.from(stream.subarray(0, stream.length - 8));
}

/** One page as a record-batch IPC message, without the schema prefix and end-of-stream marker. */
export function arrowBatchBytes(columns: WireColumn[], data: WireValue[][], rowCount: number, schemaBytes: Buffer): Buffer {
  const vectors: Record<string, arrow.Vector> = {};
  const fields: arrow.Field[] = [];
  const datas: arrow.Data[] = [];
  columns.forEach((col, i) => {
    const d = arrowData(col, data[i] ?? [], rowCount);
    datas.push(d);
    fields.push(new arrow.Field(col.name, col.arrowType, true));
    vectors[col.name] = arrow.makeVector(d);
  });
  const schema = new arrow.Schema(fields);
  const structData = arrow.makeData({ type: new arrow.Struct(fields), length: rowCount, nullCount: 0, children: datas });
  const batch = new arrow.RecordBatch(schema, structData);
  const stream = arrow.tableToIPC(new arrow.Table(batch), 'stream');
  return Buffer.from(stream.subarray(schemaBytes.length, stream.length - 8));
}

function validity(values: WireValue[], n: number): { bitmap: Uint8Array; nullCount: number } {
  const bitmap = new Uint8Array(Math.ceil(n / 8));
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    if (values[i] === null) nullCount++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return { bitmap, nullCount };
}

function arrowData(col: WireColumn, values: WireValue[], n: number): arrow.Data {
  const { bitmap, nullCount } = validity(values, n);
  const type = col.arrowType;
  const fixed = (data: ArrayBufferView) =>
    arrow.makeData({ type: type as never, length: n, nullCount, nullBitmap: bitmap, data: data as never });
  switch (col.kind) {
    case 'bool': {
      const bits = new Uint8Array(Math.ceil(n / 8));
      for (let i = 0; i < n; i++) if (values[i] === true) bits[i >> 3]! |= 1 << (i & 7);
      return fixed(bits);
    }
    case 'int': {
      const Ctor = type instanceof arrow.Int8 ? Int8Array : type instanceof arrow.Int16 ? Int16Array : Int32Array;
      const arr = new Ctor(n);
      for (let i = 0; i < n; i++) arr[i] = (values[i] as number | null) ?? 0;
      return fixed(arr);
    }
    case 'double': {
      const arr = type instanceof arrow.Float32 ? new Float32Array(n) : new Float64Array(n);
      for (let i = 0; i < n; i++) arr[i] = (values[i] as number | null) ?? 0;
      return fixed(arr);
    }
    case 'bigint': {
      const arr = new BigInt64Array(n);
      for (let i = 0; i < n; i++) arr[i] = (values[i] as bigint | null) ?? 0n;
      return fixed(arr);
    }
    case 'date': {
      const arr = new Int32Array(n);
      for (let i = 0; i < n; i++) arr[i] = (values[i] as number | null) ?? 0;
      return fixed(arr);
    }
    case 'timestamp': {
      const arr = new BigInt64Array(n);
      for (let i = 0; i < n; i++) arr[i] = (values[i] as bigint | null) ?? 0n;
      return fixed(new Int32Array(arr.buffer));
    }
    case 'decimal': {
      const arr = new BigUint64Array(n * 2);
      for (let i = 0; i < n; i++) {
        const v = (values[i] as bigint | null) ?? 0n;
        arr[2 * i] = BigInt.asUintN(64, v);
        arr[2 * i + 1] = BigInt.asUintN(64, v >> 64n);
      }
      return fixed(new Uint32Array(arr.buffer));
    }
    case 'binary':
      return arrow.vectorFromArray(
        values.map((v) => (v === null ? null : (v as Uint8Array))),
        new arrow.Binary(),
      ).data[0]!;
    default:
      return arrow.vectorFromArray(
        values.map((v) => (v === null ? null : String(v))),
        new arrow.Utf8(),
      ).data[0]!;
  }
}

/** One page as Thrift TColumns (null bit set = NULL, lowest bit first; placeholders at null positions). */
export function columnarRowSet(columns: WireColumn[], data: WireValue[][], rowCount: number, startRowOffset: number): unknown {
  return {
    startRowOffset: int64(startRowOffset),
    rows: [],
    columns: columns.map((col, i) => thriftColumn(col, data[i] ?? [], rowCount)),
  };
}

function thriftColumn(col: WireColumn, values: WireValue[], n: number): unknown {
  const nulls = Buffer.alloc(Math.ceil(n / 8));
  for (let i = 0; i < n; i++) if (values[i] === null) nulls[i >> 3]! |= 1 << (i & 7);
  const map = <V>(f: (v: WireValue) => V, placeholder: V): V[] => {
    const out = new Array<V>(n);
    for (let i = 0; i < n; i++) out[i] = values[i] === null ? placeholder : f(values[i]!);
    return out;
  };
  switch (col.kind) {
    case 'bool':
      return { boolVal: { values: map(Boolean, false), nulls } };
    case 'int':
      if (col.arrowType instanceof arrow.Int8) return { byteVal: { values: map(Number, 0), nulls } };
      if (col.arrowType instanceof arrow.Int16) return { i16Val: { values: map(Number, 0), nulls } };
      return { i32Val: { values: map(Number, 0), nulls } };
    case 'bigint':
      return { i64Val: { values: map((v) => int64(v as bigint), int64(0)), nulls } };
    case 'double':
      return { doubleVal: { values: map(Number, 0), nulls } };
    case 'binary':
      return { binaryVal: { values: map((v) => Buffer.from(v as Uint8Array), Buffer.alloc(0)), nulls } };
    case 'decimal':
      return { stringVal: { values: map((v) => decimalText(v as bigint, col.scale ?? 0), ''), nulls } };
    case 'date':
      return { stringVal: { values: map((v) => new Date((v as number) * 86_400_000).toISOString().slice(0, 10), ''), nulls } };
    case 'timestamp':
      return { stringVal: { values: map((v) => timestampText(v as bigint), ''), nulls } };
    default:
      return { stringVal: { values: map(String, ''), nulls } };
  }
}

/** An unscaled decimal as exact text. */
export function decimalText(unscaled: bigint, scale: number): string {
  if (scale <= 0) return unscaled.toString();
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

function timestampText(micros: bigint): string {
  const ms = Number(micros / 1000n);
  const frac = ((micros % 1_000_000n) + 1_000_000n) % 1_000_000n;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}.${frac.toString().padStart(6, '0')}`;
}
