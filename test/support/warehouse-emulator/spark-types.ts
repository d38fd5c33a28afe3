import * as arrow from 'apache-arrow';
import { T } from './thrift-runtime';
import type { WireColumn, WireValue } from './wire-types';

const UTC = 'Etc/UTC';

/** Maps a Spark SQL type name (as Spark prints it: `DECIMAL(12,2)`, `TIMESTAMP_NTZ`, `ARRAY<INT>`) to the Thrift/Arrow types a Databricks warehouse returns. */
export function sparkWireColumn(name: string, sparkType: string): WireColumn {
  const c = (
    ttype: number,
    typeName: string,
    arrowType: arrow.DataType,
    kind: WireColumn['kind'],
    extra: Partial<WireColumn> = {},
  ): WireColumn => ({
    name,
    ttype,
    typeName,
    arrowType,
    kind,
    ...extra,
  });
  const type = sparkType.toUpperCase();
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(type);
  if (decimal) {
    const [precision, scale] = [Number(decimal[1]), Number(decimal[2])];
    return c(T.TTypeId.DECIMAL_TYPE, `DECIMAL(${precision},${scale})`, new arrow.Decimal(scale, precision, 128), 'decimal', {
      precision,
      scale,
    });
  }
  if (type.startsWith('ARRAY<')) return c(T.TTypeId.ARRAY_TYPE, type, new arrow.Utf8(), 'json');
  if (type.startsWith('MAP<')) return c(T.TTypeId.MAP_TYPE, type, new arrow.Utf8(), 'json');
  if (type.startsWith('STRUCT<')) return c(T.TTypeId.STRUCT_TYPE, type, new arrow.Utf8(), 'json');
  if (type.startsWith('INTERVAL')) return c(T.TTypeId.INTERVAL_DAY_TIME_TYPE, type, new arrow.Utf8(), 'string');
  switch (type) {
    case 'BOOLEAN':
      return c(T.TTypeId.BOOLEAN_TYPE, 'BOOLEAN', new arrow.Bool(), 'bool');
    case 'TINYINT':
      return c(T.TTypeId.TINYINT_TYPE, 'TINYINT', new arrow.Int8(), 'int');
    case 'SMALLINT':
      return c(T.TTypeId.SMALLINT_TYPE, 'SMALLINT', new arrow.Int16(), 'int');
    case 'INT':
      return c(T.TTypeId.INT_TYPE, 'INT', new arrow.Int32(), 'int');
    case 'BIGINT':
      return c(T.TTypeId.BIGINT_TYPE, 'BIGINT', new arrow.Int64(), 'bigint');
    case 'FLOAT':
      return c(T.TTypeId.FLOAT_TYPE, 'FLOAT', new arrow.Float32(), 'double');
    case 'DOUBLE':
      return c(T.TTypeId.DOUBLE_TYPE, 'DOUBLE', new arrow.Float64(), 'double');
    case 'DATE':
      return c(T.TTypeId.DATE_TYPE, 'DATE', new arrow.DateDay(), 'date');
    case 'TIMESTAMP':
    case 'TIMESTAMP_NTZ':
      return c(T.TTypeId.TIMESTAMP_TYPE, type, new arrow.TimestampMicrosecond(UTC), 'timestamp');
    case 'BINARY':
      return c(T.TTypeId.BINARY_TYPE, 'BINARY', new arrow.Binary(), 'binary');
    case 'VOID':
      return c(T.TTypeId.NULL_TYPE, 'VOID', new arrow.Utf8(), 'string');
    default:
      return c(T.TTypeId.STRING_TYPE, 'STRING', new arrow.Utf8(), 'string');
  }
}

/** The executor's JSON values (unscaled decimals, int64 and microseconds as text, binary as base64) in `col`'s wire shape. */
export function sparkValues(values: unknown[], col: WireColumn): WireValue[] {
  return values.map((v): WireValue => {
    if (v === null || v === undefined) return null;
    switch (col.kind) {
      case 'bigint':
      case 'decimal':
      case 'timestamp':
        return BigInt(v as string);
      case 'binary':
        return Buffer.from(v as string, 'base64');
      case 'bool':
      case 'int':
      case 'double':
      case 'date':
        return v as boolean | number;
      default:
        return String(v);
    }
  });
}
