import { createRequire } from 'node:module';
import { thrift as dbxThrift } from '@databricks/sql';

/**
 * The server half of the driver's own generated Thrift code (TCLIService.Processor and
 * types) plus the thrift runtime the driver itself loads, so the emulator speaks exactly
 * the wire format the real driver reads.
 */
const driverRequire = createRequire(require.resolve('@databricks/sql'));

export const TCLIService = dbxThrift.TCLIService;
export const T = dbxThrift.TCLIService_types;

/** The subset of the untyped thrift runtime the emulator uses. */
interface ThriftTransport {
  flush(): void;
}
interface ThriftRuntime {
  TBufferedTransport: {
    new (buffer: Buffer | undefined, onFlush: (buf: Buffer) => void): ThriftTransport;
    receiver(callback: (transport: ThriftTransport) => void): (data: Buffer) => void;
  };
  TBinaryProtocol: new (transport: ThriftTransport) => unknown;
}

export const thriftRuntime = driverRequire('thrift') as ThriftRuntime;

/** node-int64, which the driver calls `.toNumber()` on. */
export interface Int64Like {
  toNumber(allowImprecise?: boolean): number;
}
const Int64Ctor = driverRequire('node-int64') as new (value: number | Buffer) => Int64Like;

export function int64(value: number | bigint): Int64Like {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return new Int64Ctor(value);
  const buf = Buffer.alloc(8);
  buf.writeBigInt64BE(BigInt(value));
  return new Int64Ctor(buf);
}

export function int64ToNumber(value: unknown, fallback: number): number {
  if (value && typeof (value as Int64Like).toNumber === 'function') return (value as Int64Like).toNumber(true);
  return typeof value === 'number' ? value : fallback;
}

/** The Thrift method name of a TBinaryProtocol (strict) request, read from its header. */
export function thriftMethodName(body: Buffer): string {
  if (body.length < 8) return '';
  const len = body.readUInt32BE(4);
  return body.subarray(8, 8 + len).toString('utf8');
}

export const SUCCESS = { statusCode: 0 };

export function errorStatus(
  message: string,
  sqlState?: string,
): { statusCode: number; errorMessage: string; displayMessage: string; sqlState?: string } {
  return { statusCode: 3, errorMessage: message, displayMessage: message, sqlState };
}
