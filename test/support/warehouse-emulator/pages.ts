import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { arrowBatchBytes, columnarRowSet } from './encode';
import { int64, T } from './thrift-runtime';
import { tableSchema, type WireColumn, type WireValue } from './wire-types';

export type ResultFormat = 'arrow' | 'columnar' | 'cloudfetch';

/** Where CloudFetch files are kept for the emulator's GET /cloudfetch/<id> route. */
export interface CloudFetchStore {
  files: Map<string, Buffer>;
  baseUrl: () => string;
}

/** lz4-napi, the driver's own (optional) LZ4 frame codec: the warehouse compresses with the format the driver decodes. */
const lz4 = createRequire(require.resolve('@databricks/sql'))('lz4-napi') as { compressFrameSync(b: Buffer): Buffer };

/** LZ4-frame-compresses an Arrow payload when the client asked for it (`canDecompressLZ4Result`), as a warehouse does. */
export function maybeLz4(bytes: Buffer, compress: boolean): Buffer {
  return compress ? lz4.compressFrameSync(bytes) : bytes;
}

/** A fetched page as TFetchResultsResp carries it. */
export interface Page {
  hasMoreRows: boolean;
  results: unknown;
}

/** Encodes `count` rows (column-major `data`) starting at row `start` in the operation's result format. */
export function encodePage(
  format: ResultFormat,
  columns: WireColumn[],
  data: WireValue[][],
  count: number,
  start: number,
  hasMoreRows: boolean,
  schemaBytes: Buffer,
  cloudFetch?: CloudFetchStore,
  lz4Compressed = false,
): Page {
  if (format === 'columnar') return { hasMoreRows, results: columnarRowSet(columns, data, count, start) };
  if (format === 'cloudfetch' && cloudFetch) {
    const resultLinks = [];
    if (count > 0) {
      // A CloudFetch file is a complete IPC stream: schema, the batch, end-of-stream marker.
      const eos = Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
      const file = maybeLz4(Buffer.concat([schemaBytes, arrowBatchBytes(columns, data, count, schemaBytes), eos]), lz4Compressed);
      const id = randomUUID();
      cloudFetch.files.set(id, file);
      resultLinks.push({
        fileLink: `${cloudFetch.baseUrl()}/cloudfetch/${id}`,
        expiryTime: int64(Date.now() + 10 * 60_000),
        startRowOffset: int64(start),
        rowCount: int64(count),
        bytesNum: int64(file.length),
        httpHeaders: {},
      });
    }
    return { hasMoreRows, results: { startRowOffset: int64(start), rows: [], resultLinks } };
  }
  const arrowBatches =
    count > 0 ? [{ batch: maybeLz4(arrowBatchBytes(columns, data, count, schemaBytes), lz4Compressed), rowCount: int64(count) }] : [];
  return { hasMoreRows, results: { startRowOffset: int64(start), rows: [], arrowBatches } };
}

/** GetResultSetMetadata's answer for an operation's columns, format and LZ4 choice (the same in DuckDB and Spark modes). */
export function resultMetadata(
  columns: WireColumn[],
  options: { format: ResultFormat; lz4?: boolean },
  schemaBytes: Buffer | undefined,
): Record<string, unknown> {
  const resultFormat = {
    arrow: T.TSparkRowSetType.ARROW_BASED_SET,
    columnar: T.TSparkRowSetType.COLUMN_BASED_SET,
    cloudfetch: T.TSparkRowSetType.URL_BASED_SET,
  }[options.format];
  return {
    status: { statusCode: 0 },
    schema: tableSchema(columns),
    resultFormat,
    lz4Compressed: options.lz4 === true,
    arrowSchema: options.format !== 'columnar' ? schemaBytes : undefined,
  };
}
