import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../../src/core/agents/context';
import type { QueryResult } from '../../../src/shared/api';
import { DUCKDB_ALLOWED_FUNCTIONS } from '../../../src/core/security/function-allowlist';
import { AppError } from '../../../src/shared/errors';
import { fuzzParams, within } from '../../support/fuzz';
import { createMiniSilver } from '../../support/mini-silver';
import { createTestCore } from '../../support/test-core';

/*
 * A fuzzer of the untrusted-SQL gate: random statements built from every function DuckDB lists in
 * duckdb_functions() (scalar, aggregate, macro and table functions, the excluded ones included) and
 * a small grammar (CASE, lambdas, subqueries, window specs, struct and list literals, CTEs, file
 * paths as strings and tables, other statement kinds), through the gated paths: Ask's edited SQL,
 * an imported Lakeview dataset and an agent's evidence query. Each must be refused or run within
 * its limits, return nothing of a planted canary file, and leave the engine serving.
 */
process.env.MEDALLION_UNTRUSTED_TIMEOUT_MS = '300';

const CANARY = 'GATE-FUZZ-CANARY-4b1d77';
const CASE_MS = 8_000;
const RUNS = Number(process.env.GATE_FUZZ_RUNS ?? 150);
const TYPED = new Set(['FORBIDDEN', 'SQL_ERROR', 'TIMEOUT', 'INVALID_INPUT', 'NOT_FOUND']);

type Path = 'ask' | 'imported' | 'agent';

describe('gate fuzzer: random statements from duckdb_functions() through every gated path', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  let canaryFile: string;
  let outDir: string;
  let scalars: string[] = [];
  let tables: string[] = [];
  let imports = 0;

  beforeAll(async () => {
    core = await createTestCore({ file: true });
    await createMiniSilver(core.engine, 300);
    canaryFile = join(core.dir, 'canary.csv');
    outDir = join(core.dir, 'out');
    mkdirSync(outDir);
    writeFileSync(canaryFile, `token\n${CANARY}\n`);
    const fns = await core.engine.query('SELECT DISTINCT function_name, function_type FROM duckdb_functions() ORDER BY 1, 2', {
      maxRows: 5_000,
    });
    const named = fns.rows.map(([name, type]) => [String(name), String(type)] as const).filter(([name]) => /^[a-z_][a-z0-9_]*$/.test(name));
    scalars = named.filter(([, t]) => t === 'scalar' || t === 'aggregate' || t === 'macro').map(([n]) => n);
    tables = named.filter(([, t]) => t === 'table' || t === 'table_macro').map(([n]) => n);
  });
  afterAll(async () => {
    await core?.dispose();
  });

  const allowed = () => scalars.filter((n) => DUCKDB_ALLOWED_FUNCTIONS.has(n));
  const statement = () => {
    const path = `'${canaryFile.replace(/'/g, "''")}'`;
    const sqlText = `'SELECT * FROM read_csv(''${canaryFile.replace(/'/g, "''''")}'')'`;
    const leaf = fc.oneof(
      fc.integer({ min: -5, max: 1_000 }).map(String),
      fc.constantFrom('1000000000', '0.5', "'abc'", "'%a%'", 'NULL', 'true', "DATE '2026-03-01'", 'INTERVAL 1 DAY', path, sqlText),
      fc.constantFrom('amount', 'card_network', 'fraud_score', 'event_timestamp', 'is_approved', 'merchant_name'),
    );
    const { expr } = fc.letrec<{ expr: string }>((tie) => ({
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        // Every function DuckDB has, and (weighted) the allowed ones with one or two arguments, so many statements also run.
        fc.tuple(fc.constantFrom(...scalars), fc.array(tie('expr'), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
        fc.tuple(fc.constantFrom(...allowed()), tie('expr')).map(([f, a]) => `${f}(${a})`),
        fc.tuple(fc.constantFrom(...allowed()), leaf, leaf).map(([f, a, b]) => `${f}(${a}, ${b})`),
        fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([a, b, c]) => `CASE WHEN ${a} IS NULL THEN ${b} ELSE ${c} END`),
        fc.tuple(fc.constantFrom(...scalars), tie('expr')).map(([f, a]) => `list_transform([${a}], x -> ${f}(x))`),
        tie('expr').map((a) => `(SELECT ${a})`),
        fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `[${a}, ${b}]`),
        tie('expr').map((a) => `{'k': ${a}}`),
        fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `row_number() OVER (PARTITION BY ${a} ORDER BY ${b})`),
        fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${a} + ${b})`),
      ),
    }));
    const from = fc.oneof(
      fc.constant('payments_enriched_silver'),
      fc.tuple(fc.constantFrom(...tables), fc.array(expr, { maxLength: 2 })).map(([f, args]) => `${f}(${args.join(', ')})`),
      fc.constant(path),
      expr.map((e) => `(SELECT ${e} AS c) s`),
    );
    const column = fc.constantFrom('amount', 'card_network', 'fraud_score', 'event_timestamp', 'merchant_name', 'processing_latency_ms');
    return fc.oneof(
      fc.tuple(fc.constantFrom(...allowed()), column).map(([f, c]) => `SELECT ${f}(${c}) AS a FROM payments_enriched_silver LIMIT 3`),
      fc
        .tuple(fc.constantFrom(...allowed()), column, leaf)
        .map(([f, c, l]) => `SELECT ${f}(${c}, ${l}) AS a FROM payments_enriched_silver LIMIT 3`),
      fc.tuple(expr, from).map(([e, f]) => `SELECT ${e} AS a FROM ${f} LIMIT 3`),
      fc.tuple(expr, from).map(([e, f]) => `WITH w AS (SELECT ${e} AS a FROM ${f}) SELECT a FROM w`),
      fc
        .tuple(expr, expr)
        .map(([e, w]) => `SELECT count(*) FILTER (WHERE ${w}) AS n, ${e} AS a FROM payments_enriched_silver GROUP BY ALL`),
      fc.tuple(expr, from).map(([e, f]) => `SELECT * FROM ${f} WHERE ${e}`),
      expr.map((e) => `COPY (SELECT ${e}) TO '${join(outDir, 'x.csv')}'`),
      expr.map((e) => `SELECT 1; SELECT ${e}`),
      expr.map((e) => `CREATE TABLE fuzz_t AS SELECT ${e} AS a`),
    );
  };

  const run = async (path: Path, sql: string): Promise<QueryResult> => {
    if (path === 'ask') {
      const a = await core.ask.run({ sql });
      return { columns: a.columns, rows: a.rows, truncated: a.truncated, rowCount: a.rows.length, elapsedMs: 0 };
    }
    if (path === 'agent') {
      const ctx = createContext(
        core.engine,
        { anchor: '2026-03-31 23:59:00', events: 0, scanEvents: 0, scanMinutes: 0 },
        new AbortController().signal,
      );
      const e = await ctx.evidence(sql, {});
      return { ...e.table, truncated: e.truncated, rowCount: e.table.rows.length, elapsedMs: 0 };
    }
    imports += 1;
    const note = { widget: { name: 'note', textbox_spec: 'Fuzz' }, position: { x: 0, y: 0, width: 2, height: 2 } };
    const doc = { datasets: [{ name: 'd', queryLines: [sql] }], pages: [{ name: 'p', layout: [note] }] };
    const imported = await core.dispatcher.dispatch('dashboards.importLakeview', {
      fileName: `fuzz-${imports}.lvdash.json`,
      content: JSON.stringify(doc),
    });
    if (!imported.ok) throw new AppError('INVALID_INPUT', imported.error.message);
    const id = (imported.data as { id: string }).id;
    return core.dashboards.runDataset(id, 'd', {
      dateFrom: '2026-01-01',
      dateTo: '2026-03-31',
      cardNetwork: null,
      merchantSegment: null,
      country: null,
    });
  };

  it('every statement is refused or runs within its limits, returns no file content, and the engine keeps serving', async () => {
    const before = await core.engine.query('SELECT count(*), bit_xor(hash(transaction_id, amount)) FROM payments_enriched_silver');
    const seen = { refused: 0, failed: 0, ran: 0, timedOut: 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<Path>('ask', 'imported', 'agent'), statement(), async (path, sql) => {
        const outcome = await within(CASE_MS, `${path}: ${sql}`, run(path, sql)).then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        );
        if ('error' in outcome) {
          const e = outcome.error;
          if (!(e instanceof AppError) || !TYPED.has(e.code)) throw e;
          expect(e.message).not.toContain(CANARY);
          if (e.code === 'TIMEOUT') seen.timedOut += 1;
          else if (e.code === 'FORBIDDEN') seen.refused += 1;
          else {
            seen.failed += 1;
            if (process.env.GATE_FUZZ_DEBUG && seen.failed < 15) console.log(e.message.slice(0, 160), '<=', sql.slice(0, 160));
          }
        } else {
          expect(JSON.stringify(outcome.result)).not.toContain(CANARY);
          expect(outcome.result.rows.length).toBeLessThanOrEqual(5_000);
          seen.ran += 1;
        }
      }),
      fuzzParams(RUNS),
    );
    if (process.env.GATE_FUZZ_DEBUG) console.log(JSON.stringify(seen));
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.ran).toBeGreaterThan(0);
    expect((await core.engine.query('SELECT 42')).rows).toEqual([[42]]);
    const after = await core.engine.query('SELECT count(*), bit_xor(hash(transaction_id, amount)) FROM payments_enriched_silver');
    expect(after.rows).toEqual(before.rows);
    expect(readdirSync(outDir)).toEqual([]);
    const tablesNow = await core.engine.query("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'fuzz_t'");
    expect(tablesNow.rows).toEqual([[0]]);
  }, 120_000);
});
