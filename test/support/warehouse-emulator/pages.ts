import { randomUUID } from 'node:crypto';
import { arrowBatchBytes, columnarRowSet } from './encode';
import { int64 } from './thrift-runtime';
import type { WireColumn, WireValue } from './wire-types';

export type ResultFormat = 'arrow' | 'columnar' | 'cloudfetch';

/** Where CloudFetch files are kept for the emulator's GET /cloudfetch/<id> route. */
export interface CloudFetchStore {
  files: Map<string, Buffer>;
  baseUrl: () => string;
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
): Page {
  if (format === 'columnar') return { hasMoreRows, results: columnarRowSet(columns, data, count, start) };
  if (format === 'cloudfetch' && cloudFetch) {
    const resultLinks = [];
    if (count > 0) {
      // A CloudFetch file is a complete IPC stream: schema, the batch, end-of-stream marker.
      const eos = Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
      const file = Buffer.concat([schemaBytes, arrowBatchBytes(columns, data, count, schemaBytes), eos]);
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
  const arrowBatches = count > 0 ? [{ batch: arrowBatchBytes(columns, data, count, schemaBytes), rowCount: int64(count) }] : [];
  return { hasMoreRows, results: { startRowOffset: int64(start), rows: [], arrowBatches } };
}
