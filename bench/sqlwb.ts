import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src/core/core';
import type { Catalog, MethodInput, MethodName, MethodOutput } from '../src/shared/api';
import { buildCompletionIndex } from '../src/renderer/features/sql/completion/catalog-index';
import { suggest } from '../src/renderer/features/sql/completion/suggest';

const ROWS = 10_000_000;

function stats(samples: number[]): { p50: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Number(s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(2));
  return { p50: at(0.5), p95: at(0.95), max: Number(s[s.length - 1]!.toFixed(2)) };
}

async function time<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const started = performance.now();
  const out = await work();
  return [performance.now() - started, out];
}

/**
 * SQL workbench figures: autocomplete latency with 200 tables (the real suggestion code and
 * DuckDB's function list), and the first page / last page / count / sort / export of a
 * 10M-row SELECT * through the same dispatcher the UI calls.
 */
export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sqlwb-'));
  const core = await createCore({ mode: 'cli', userDataDir: dir, databasePath: ':memory:' });
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const r = await core.dispatcher.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.data as MethodOutput<M>;
  };
  try {
    const functions = await call('sqlwb.functions', { target: 'local' });
    const catalog: Catalog = {
      database: 'bench',
      schemas: ['main'],
      relations: Array.from({ length: 200 }, (_, t) => ({
        schema: 'main',
        name: t < 19 ? `v_gold_view_${t}` : `table_${String(t).padStart(3, '0')}`,
        kind: t < 19 ? ('view' as const) : ('table' as const),
        rowCount: 1000,
        columns: Array.from({ length: 25 }, (_, c) => ({
          name: `column_${c}_of_${t}`,
          type: c % 2 ? 'DOUBLE' : 'VARCHAR',
          nullable: true,
        })),
      })),
    };
    const [indexMs, index] = await time(() => buildCompletionIndex(catalog, functions));
    const cases = {
      afterFrom: 'SELECT * FROM tab',
      aliasMember: 'SELECT t. FROM table_120 AS t JOIN table_050 u ON t.column_0_of_120 = u.column_0_of_50',
      expression: 'SELECT col FROM table_120 t JOIN table_050 u ON true JOIN table_010 w ON true WHERE ',
    };
    const completion: Record<string, unknown> = {};
    for (const [name, text] of Object.entries(cases)) {
      const offset = name === 'aliasMember' ? text.indexOf('t.') + 2 : name === 'expression' ? text.length : text.length;
      const samples: number[] = [];
      let count = 0;
      for (let i = 0; i < 300; i++) {
        const started = performance.now();
        count = suggest(index, text, offset).length;
        samples.push(performance.now() - started);
      }
      completion[name] = { ...stats(samples), suggestions: count };
    }

    const [createMs] = await time(() =>
      core.engine.run(
        `CREATE TABLE big AS SELECT range AS id, range % 97 AS k, range * 0.5 AS amount, 'row ' || range AS label FROM range(${ROWS})`,
      ),
    );
    const firstPage: number[] = [];
    let resultId = '';
    for (let i = 0; i < 7; i++) {
      const [ms, r] = await time(() => call('sqlwb.execute', { sql: 'SELECT * FROM big', pageSize: 200 }));
      firstPage.push(ms);
      resultId = r.resultId!;
    }
    const [countMs, counted] = await time(() => call('sqlwb.count', { resultId }));
    const pageAt = async (offset: number) =>
      stats(await Promise.all([0, 1, 2].map(async () => (await time(() => call('sqlwb.page', { resultId, offset, limit: 200 })))[0])));
    const middle = await pageAt(ROWS / 2);
    const last = await pageAt(ROWS - 200);
    const [sortedFirstMs] = await time(() =>
      call('sqlwb.page', { resultId, offset: 0, limit: 200, sort: [{ column: 'amount', desc: true }] }),
    );
    const [summaryMs] = await time(() => call('sqlwb.summary', { resultId, column: 'amount' }));
    const [exportMs, exported] = await time(() => call('sqlwb.export', { resultId, format: 'parquet', exportId: 'bench-parquet' }));
    return {
      note: 'Measured on a 2-core machine shared with other work; figures are wall-clock.',
      completion: {
        tables: 200,
        columnsPerTable: 25,
        functions: functions.length,
        indexBuildMs: Number(indexMs.toFixed(2)),
        ...completion,
      },
      result10M: {
        rows: counted.total,
        createTableMs: Math.round(createMs),
        firstPageMs: stats(firstPage),
        countMs: Math.round(countMs),
        middlePageMs: middle,
        lastPageMs: last,
        sortedFirstPageMs: Math.round(sortedFirstMs),
        columnSummaryMs: Math.round(summaryMs),
        exportParquetMs: Math.round(exportMs),
        exportParquetMB: Number((exported.bytes / 1024 / 1024).toFixed(1)),
        exportRowsPerSecond: Math.round(exported.rows / (exportMs / 1000)),
      },
    };
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
