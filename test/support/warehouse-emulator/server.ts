import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeTestCertificate, type TestCertificate } from './certs';
import { catalogsSql, columnsSql, emptySql, schemasSql, tablesSql, tableTypesSql } from './metadata-sql';
import type { SparkExecutor } from '../spark-executor';
import { Operation, type CachedResult, type ResultFormat } from './operation';
import { SparkOperation } from './spark-operation';
import { sparkMetadata, type MetadataKind } from './spark-metadata';
import type { SparkResult } from '../spark-executor';

type SparkRun = (tag: string) => Promise<SparkResult>;
import { translateSql, type SparkParam } from './sql-translate';
import { int64, int64ToNumber, SUCCESS, T, TCLIService, thriftMethodName, thriftRuntime } from './thrift-runtime';

/** A fault the emulator injects into matching requests (by Thrift method name, or all when absent). */
export interface FaultRule {
  method?: string;
  /** Answer with this HTTP status instead of processing. */
  status?: number;
  /** Destroy the socket without answering (a dropped connection). */
  drop?: boolean;
  /** Wait this long before answering. */
  delayMs?: number;
  /** How many requests the rule applies to; forever when absent. */
  times?: number;
}

export interface EmulatorOptions {
  token?: string;
  /** The HTTP path of the warehouse, e.g. /sql/1.0/warehouses/abc123. */
  path?: string;
  /** TProtocolVersion answered in OpenSession (default SPARK V8: parameters, Arrow, direct results). */
  protocolVersion?: number;
  resultFormat?: ResultFormat;
  /** How long ExecuteStatement waits for a result before answering without direct results. */
  directResultsWaitMs?: number;
  /** Creates the data the warehouse serves. */
  init?: (conn: DuckDBConnection) => Promise<void>;
  databasePath?: string;
  certificate?: TestCertificate;
  port?: number;
  serverVersion?: string;
  /** Replay encoded result pages for a repeated SELECT (benchmarks measure the client, not DuckDB + encoding). */
  resultCache?: boolean;
  /** Execute on Apache Spark SQL (the engine behind Databricks) instead of DuckDB: no translation, Spark's own errors. */
  spark?: SparkExecutor;
}

/** A running emulator: where it is, its CA certificate, and knobs for tests. */
export interface WarehouseEmulator {
  host: string;
  port: number;
  path: string;
  token: string;
  /** PEM of the self-signed certificate, to pass as customCaCert. */
  caCert: string;
  instance: DuckDBInstance;
  /** Thrift calls received, by method name. */
  calls: Map<string, number>;
  /** The text of every ExecuteStatement received, before translation (what the client sent). */
  statements: string[];
  /** Every Authorization header seen (for secret-leak assertions, never printed). */
  authHeaders: string[];
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  /** A stopped warehouse answers 503 to everything, like a stopped SQL warehouse without auto-start. */
  setRunning(running: boolean): void;
  /** The warehouse is starting for `ms`: every call answers 503 with `Retry-After: retryAfterSeconds`, like auto-start. */
  startFor(ms: number, retryAfterSeconds?: number): void;
  /** Forgets every session, as a warehouse does after idling or a restart. */
  expireSessions(): void;
  close(): Promise<void>;
}

interface Session {
  id: string;
  setup: string[];
}

/** What the handlers need of a running statement, whichever engine runs it. */
type EmulatorOperation = Operation | SparkOperation;

/** A Thrift handle the warehouse no longer knows; answered with INVALID_HANDLE_STATUS like the real service. */
class InvalidHandle extends Error {}

const DEFAULT_PATH = '/sql/1.0/warehouses/emulator0001';

export async function startWarehouseEmulator(options: EmulatorOptions = {}): Promise<WarehouseEmulator> {
  const token = options.token ?? `dapi-emulator-${randomUUID()}`;
  const path = options.path ?? DEFAULT_PATH;
  const protocolVersion = options.protocolVersion ?? T.TProtocolVersion.SPARK_CLI_SERVICE_PROTOCOL_V8;
  const format = options.resultFormat ?? 'arrow';
  const directWait = options.directResultsWaitMs ?? 50;
  const certificate = options.certificate ?? makeTestCertificate();
  const instance = await DuckDBInstance.create(options.databasePath ?? ':memory:', { threads: '2' });
  const setupConn = await instance.connect();
  if (options.init) await options.init(setupConn);
  const defaultCatalog = String((await setupConn.runAndReadAll('SELECT current_database()')).getRows()[0]?.[0]);
  setupConn.closeSync();
  const duckVersion = String((await (await instance.connect()).runAndReadAll('SELECT version()')).getRows()[0]?.[0]);
  const spark = options.spark;
  const engineVersion = spark ? `Apache Spark ${await spark.ready}` : `DuckDB ${duckVersion}`;
  const serverVersion = options.serverVersion ?? `Databricks SQL emulator (${engineVersion})`;

  const cache = options.resultCache ? new Map<string, CachedResult>() : undefined;
  let port = 0;
  const cloudFetch = { files: new Map<string, Buffer>(), baseUrl: () => `https://127.0.0.1:${port}` };
  const sessions = new Map<string, Session>();
  const ops = new Map<string, EmulatorOperation>();
  const calls = new Map<string, number>();
  const statements: string[] = [];
  const authHeaders: string[] = [];
  let faults: FaultRule[] = [];
  let running = true;
  let startingUntil = 0;
  let startingRetryAfter = 1;

  const key = (guid: Buffer | undefined) => (guid ? guid.toString('hex') : '');
  const sessionOf = (req: { sessionHandle?: { sessionId?: { guid?: Buffer } } }): Session => {
    const guid = req.sessionHandle?.sessionId?.guid;
    const s = sessions.get(key(guid));
    if (!s)
      throw new InvalidHandle(
        `[INVALID_HANDLE.SESSION_NOT_FOUND] The handle ${guid ? uuidText(guid) : ''} is invalid. Session not found. SQLSTATE: HY000`,
      );
    return s;
  };
  const opOf = (req: { operationHandle?: { operationId?: { guid?: Buffer } } }): EmulatorOperation | undefined =>
    ops.get(key(req.operationHandle?.operationId?.guid));
  const handleOf = (op: EmulatorOperation, type: number) => ({
    operationId: { guid: op.id, secret: Buffer.alloc(16) },
    operationType: type,
    hasResultSet: true,
  });
  const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;

  const statusOf = (op: EmulatorOperation) => ({
    status: SUCCESS,
    operationState: op.state,
    hasResultSet: op.state === T.TOperationState.FINISHED_STATE ? true : undefined,
    errorMessage: op.error?.message,
    displayMessage: op.error?.message,
    sqlState: op.error?.sqlState,
    errorDetailsJson:
      op.error && 'errorClass' in op.error && op.error.errorClass
        ? JSON.stringify({ errorClass: op.error.errorClass, sqlState: op.error.sqlState })
        : undefined,
  });

  /** Starts an operation and answers with its handle and, when it finished fast, direct results. */
  async function startOp(
    session: Session,
    sql: string,
    type: number,
    req: { getDirectResults?: { maxRows?: unknown }; queryTimeout?: unknown; canDecompressLZ4Result?: boolean },
    sparkRun?: SparkRun,
  ): Promise<Record<string, unknown>> {
    const timeoutSeconds = int64ToNumber(req.queryTimeout, 0);
    // Like a warehouse, Arrow results are LZ4-compressed for a client that can decode them.
    const lz4 = req.canDecompressLZ4Result === true && format !== 'columnar';
    if (lz4) calls.set('LZ4 results', (calls.get('LZ4 results') ?? 0) + 1);
    const op: EmulatorOperation =
      spark && sparkRun
        ? new SparkOperation(sparkRun, {
            format,
            timeoutSeconds,
            cloudFetch,
            lz4,
            cancel: (tag) => void spark.cancel(tag).catch(() => undefined),
          })
        : new Operation(instance, sql, {
            setup: session.setup,
            timeoutSeconds,
            format,
            delayMs: 0,
            cache: type === T.TOperationType.EXECUTE_STATEMENT ? cache : undefined,
            cloudFetch,
            lz4,
          });
    ops.set(op.id.toString('hex'), op);
    const response: Record<string, unknown> = { status: SUCCESS, operationHandle: handleOf(op, type) };
    if (!req.getDirectResults) return response;
    await Promise.race([op.ready, new Promise((r) => setTimeout(r, directWait))]);
    if (op.state !== T.TOperationState.FINISHED_STATE) {
      if (op.state !== T.TOperationState.RUNNING_STATE) response.directResults = { operationStatus: statusOf(op) };
      return response;
    }
    const page = await op.fetch(int64ToNumber(req.getDirectResults.maxRows, 100_000));
    const direct: Record<string, unknown> = {
      operationStatus: statusOf(op),
      resultSetMetadata: op.metadata(),
      resultSet: { status: SUCCESS, hasMoreRows: page.hasMoreRows, results: page.results },
    };
    // CloudFetch links still need the operation, so it is never closed with the direct results.
    if (!page.hasMoreRows && format !== 'cloudfetch') {
      direct.closeOperation = { status: SUCCESS };
      op.close();
      ops.delete(op.id.toString('hex'));
    }
    response.directResults = direct;
    return response;
  }

  type Req = Record<string, unknown> & {
    sessionHandle?: { sessionId?: { guid?: Buffer } };
    operationHandle?: { operationId?: { guid?: Buffer } };
  };
  const metadataOp = (sql: (r: Req) => string, kind?: MetadataKind) => async (req: Req) => {
    const session = sessionOf(req);
    const sparkRun: SparkRun | undefined = spark && kind ? () => sparkMetadata(spark, session.id, kind, req) : undefined;
    return startOp(session, sql(req), T.TOperationType.GET_TABLES, req as never, sparkRun);
  };
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

  const handler = {
    async OpenSession(req: { initialNamespace?: { catalogName?: string; schemaName?: string } }) {
      const guid = Buffer.from(randomUUID().replace(/-/g, ''), 'hex');
      const id = guid.toString('hex');
      if (spark) {
        const catalog = req.initialNamespace?.catalogName || 'spark_catalog';
        const schema = req.initialNamespace?.schemaName || 'default';
        try {
          await spark.openSession(id, catalog, schema);
        } catch (error) {
          return {
            status: {
              statusCode: 3,
              errorMessage: (error as Error).message,
              sqlState: (error as { detail?: { sqlState?: string } }).detail?.sqlState,
            },
            serverProtocolVersion: protocolVersion,
          };
        }
        sessions.set(id, { id, setup: [] });
        return {
          status: SUCCESS,
          serverProtocolVersion: protocolVersion,
          sessionHandle: { sessionId: { guid, secret: Buffer.alloc(16) } },
          canUseMultipleCatalogs: true,
          initialNamespace: { catalogName: catalog, schemaName: schema },
        };
      }
      const catalog = req.initialNamespace?.catalogName || defaultCatalog;
      const schema = req.initialNamespace?.schemaName || 'main';
      const session: Session = { id, setup: [`USE ${quote(catalog)}.${quote(schema)}`] };
      const check = await instance.connect();
      try {
        await check.run(session.setup[0]!);
      } catch (error) {
        return {
          status: { statusCode: 3, errorMessage: `[NO_SUCH_CATALOG_EXCEPTION] ${(error as Error).message}` },
          serverProtocolVersion: protocolVersion,
        };
      } finally {
        check.closeSync();
      }
      sessions.set(id, session);
      return {
        status: SUCCESS,
        serverProtocolVersion: protocolVersion,
        sessionHandle: { sessionId: { guid, secret: Buffer.alloc(16) } },
        canUseMultipleCatalogs: true,
        initialNamespace: { catalogName: catalog, schemaName: schema },
      };
    },
    async CloseSession(req: Req) {
      const id = key(req.sessionHandle?.sessionId?.guid);
      if (sessions.delete(id) && spark) await spark.closeSession(id).catch(() => undefined);
      return { status: SUCCESS };
    },
    async GetInfo(req: Req & { infoType?: number }) {
      sessionOf(req);
      const values: Record<number, string> = {
        [T.TGetInfoType.CLI_DBMS_NAME]: 'Spark SQL',
        [T.TGetInfoType.CLI_DBMS_VER]: serverVersion,
        [T.TGetInfoType.CLI_SERVER_NAME]: 'Databricks SQL',
      };
      return { status: SUCCESS, infoValue: { stringValue: values[req.infoType ?? -1] ?? '' } };
    },
    async ExecuteStatement(req: Req & { statement: string; parameters?: SparkParam[] }) {
      const session = sessionOf(req);
      statements.push(req.statement);
      if (spark) {
        const params = req.parameters ?? [];
        const arg = (p: SparkParam) => ({ type: p.type, value: p.value?.stringValue });
        const named = Object.fromEntries(params.filter((p) => p.name).map((p) => [p.name!, arg(p)]));
        const ordinal = params
          .filter((p) => !p.name)
          .sort((a, b) => (a.ordinal ?? 0) - (b.ordinal ?? 0))
          .map(arg);
        const run: SparkRun = (tag) => spark.sql(session.id, req.statement, { named, ordinal, tag });
        return startOp(session, req.statement, T.TOperationType.EXECUTE_STATEMENT, req as never, run);
      }
      const sql = translateSql(req.statement, req.parameters ?? []);
      if (/^\s*USE\s+/i.test(sql)) session.setup = [...session.setup, sql.replace(/;\s*$/, '')];
      return startOp(session, sql, T.TOperationType.EXECUTE_STATEMENT, req as never);
    },
    GetCatalogs: metadataOp(() => catalogsSql(), 'catalogs'),
    GetSchemas: metadataOp((r) => schemasSql(str(r.catalogName), str(r.schemaName)), 'schemas'),
    GetTables: metadataOp(
      (r) =>
        tablesSql(
          str(r.catalogName),
          str(r.schemaName),
          str(r.tableName),
          Array.isArray(r.tableTypes) ? (r.tableTypes as string[]) : undefined,
        ),
      'tables',
    ),
    GetColumns: metadataOp((r) => columnsSql(str(r.catalogName), str(r.schemaName), str(r.tableName), str(r.columnName)), 'columns'),
    GetTableTypes: metadataOp(() => tableTypesSql()),
    GetTypeInfo: metadataOp(() => emptySql(['TYPE_NAME', 'DATA_TYPE'])),
    GetFunctions: metadataOp(() =>
      emptySql(['FUNCTION_CAT', 'FUNCTION_SCHEM', 'FUNCTION_NAME', 'REMARKS', 'FUNCTION_TYPE', 'SPECIFIC_NAME']),
    ),
    GetPrimaryKeys: metadataOp(() => emptySql(['TABLE_CAT', 'TABLE_SCHEM', 'TABLE_NAME', 'COLUMN_NAME', 'KEY_SEQ', 'PK_NAME'])),
    GetCrossReference: metadataOp(() => emptySql(['PKTABLE_CAT', 'PKTABLE_SCHEM', 'PKTABLE_NAME', 'PKCOLUMN_NAME'])),
    async GetOperationStatus(req: Req) {
      const op = opOf(req);
      if (!op) return { status: { statusCode: 4, errorMessage: 'Invalid OperationHandle' } };
      return statusOf(op);
    },
    async GetResultSetMetadata(req: Req) {
      const op = opOf(req);
      if (!op) return { status: { statusCode: 4, errorMessage: 'Invalid OperationHandle' } };
      await op.ready;
      return op.metadata();
    },
    async FetchResults(req: Req & { maxRows?: unknown; fetchType?: number }) {
      const op = opOf(req);
      if (!op) return { status: { statusCode: 4, errorMessage: 'Invalid OperationHandle' }, hasMoreRows: false };
      if (req.fetchType === 1) return { status: SUCCESS, hasMoreRows: false, results: { startRowOffset: int64(0), rows: [] } };
      await op.ready;
      if (op.state !== T.TOperationState.FINISHED_STATE) {
        return {
          status: {
            statusCode: 3,
            errorMessage: `The operation is ${T.TOperationState[op.state] ?? 'not finished'}; no results to fetch.`,
          },
          hasMoreRows: false,
        };
      }
      const page = await op.fetch(int64ToNumber(req.maxRows, 100_000));
      return { status: SUCCESS, hasMoreRows: page.hasMoreRows, results: page.results };
    },
    async CancelOperation(req: Req) {
      opOf(req)?.stop('cancel');
      return { status: SUCCESS };
    },
    async CloseOperation(req: Req) {
      const op = opOf(req);
      op?.close();
      if (op) ops.delete(op.id.toString('hex'));
      return { status: SUCCESS };
    },
  };
  // A handle the warehouse does not know is answered in the response's TStatus (INVALID_HANDLE_STATUS), never as a Thrift exception.
  for (const [name, fn] of Object.entries(handler)) {
    (handler as Record<string, unknown>)[name] = async (req: unknown) => {
      try {
        return await (fn as (r: unknown) => Promise<unknown>)(req);
      } catch (error) {
        if (!(error instanceof InvalidHandle)) throw error;
        return { status: { statusCode: T.TStatusCode.INVALID_HANDLE_STATUS, errorMessage: error.message, sqlState: 'HY000' } };
      }
    };
  }
  const processor = new TCLIService.Processor(handler);

  const server: Server = createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const fileId = /^\/cloudfetch\/([\w-]+)$/.exec(req.url ?? '')?.[1];
      if (req.method === 'GET' && fileId) {
        // Pre-signed-URL style: no Authorization header, like cloud storage.
        calls.set('GET /cloudfetch', (calls.get('GET /cloudfetch') ?? 0) + 1);
        const file = cloudFetch.files.get(fileId);
        cloudFetch.files.delete(fileId);
        if (!file) return sendText(res, 404, 'No such CloudFetch file');
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.length });
        return res.end(file);
      }
      void (async () => {
        const body = Buffer.concat(chunks);
        const method = thriftMethodName(body);
        calls.set(method, (calls.get(method) ?? 0) + 1);
        if (typeof req.headers.authorization === 'string') authHeaders.push(req.headers.authorization);
        const rule = faults.find((f) => (!f.method || f.method === method) && (f.times === undefined || f.times > 0));
        if (rule) {
          if (rule.times !== undefined) rule.times -= 1;
          if (rule.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs));
          if (rule.drop) return req.socket.destroy();
          if (rule.status) return sendText(res, rule.status, `Injected fault: HTTP ${rule.status}`);
        }
        if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== path) return sendText(res, 404, 'Not Found');
        if (req.headers.authorization !== `Bearer ${token}`) return sendText(res, 401, 'Unauthorized: invalid access token');
        if (!running) return sendText(res, 503, 'The SQL warehouse is stopped. Start it, or enable auto-start.');
        if (Date.now() < startingUntil) {
          // A warehouse starting (auto-start on the first connection) asks the client to come back later.
          res.writeHead(503, { 'content-type': 'application/json', 'retry-after': String(startingRetryAfter) });
          return res.end(
            JSON.stringify({
              error_code: 'TEMPORARILY_UNAVAILABLE',
              message: 'The SQL warehouse is starting. Retry after the given delay.',
            }),
          );
        }
        const receive = thriftRuntime.TBufferedTransport.receiver((transport) => {
          const input = new thriftRuntime.TBinaryProtocol(transport);
          const output = new thriftRuntime.TBinaryProtocol(
            new thriftRuntime.TBufferedTransport(undefined, (buf) => {
              res.writeHead(200, { 'content-type': 'application/x-thrift' });
              res.end(buf);
            }),
          );
          (processor as unknown as { process(i: unknown, o: unknown): void }).process(input, output);
        });
        receive(body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  return {
    host: '127.0.0.1',
    port,
    path,
    token,
    caCert: certificate.cert,
    instance,
    calls,
    statements,
    authHeaders,
    addFault: (rule) => faults.push({ ...rule }),
    clearFaults: () => {
      faults = [];
    },
    setRunning: (value) => {
      running = value;
    },
    startFor: (ms, retryAfterSeconds = 1) => {
      startingUntil = Date.now() + ms;
      startingRetryAfter = retryAfterSeconds;
    },
    expireSessions: () => sessions.clear(),
    async close() {
      for (const op of ops.values()) op.close();
      ops.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      instance.closeSync();
    },
  };
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(text);
}

/** A Thrift GUID as the service prints it in messages. */
function uuidText(guid: Buffer): string {
  const h = guid.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
