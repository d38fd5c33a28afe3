import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportPreview, Job } from '../../../../../../src/shared/api';
import type * as StoreModule from '../../../../../../src/renderer/features/sql/io/import-store';
import { standInBridge } from '../../../../../support/renderer-bridge';

// Loading an imported file on the SQL page: sqlwb.importLoad answers when the table is in; meanwhile the bar follows
// the load's job (key sqlwb.import:<uploadId>) through job.progressed, as every view follows a job (job-follow.ts).
const preview: ImportPreview = {
  uploadId: 'up1',
  fileName: 'payments.csv',
  format: 'csv',
  suggestedName: 'payments',
  columns: [{ name: 'amount', type: 'DOUBLE' }],
  rows: [[12.5]],
  bytes: 20,
};

const job = (patch: Partial<Job>): Job => ({
  id: 'j-load',
  kind: 'sqlwb.import',
  key: 'sqlwb.import:up1',
  state: 'running',
  progress: { message: 'Loading', done: 0, total: 100 },
  startedAt: '2026-01-01T00:00:00Z',
  endedAt: null,
  error: null,
  ...patch,
});

const bridge = standInBridge({ 'sqlwb.importPreview': preview });
let answerLoad: (rows: number) => void = () => undefined;
const invoke = (method: string) =>
  method === 'sqlwb.importLoad'
    ? new Promise((resolve) => (answerLoad = (rows) => resolve({ ok: true, data: { table: 'payments', rows } })))
    : bridge.invoke(method);

let store: typeof StoreModule.useImportStore;
beforeAll(async () => {
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
  vi.stubGlobal('window', { medallion: { invoke, on: bridge.on } });
  ({ useImportStore: store } = await import('../../../../../../src/renderer/features/sql/io/import-store'));
});
afterAll(() => vi.unstubAllGlobals());

describe('the import store follows its load job', () => {
  it("moves the bar with its own job only, and a late event never moves it back after the job's end", async () => {
    store.setState({ phase: 'preview', preview, percent: 0 });
    const loading = store.getState().load('payments');
    expect(store.getState()).toMatchObject({ phase: 'loading', percent: 0 });
    bridge.emit('job.progressed', job({ progress: { message: 'Loading', done: 40, total: 100 } }));
    expect(store.getState().percent).toBe(40);
    // Another upload's load, and an export, are not this bar's.
    bridge.emit('job.progressed', job({ id: 'j-other', key: 'sqlwb.import:up2', progress: { message: 'x', done: 90, total: 100 } }));
    bridge.emit(
      'job.progressed',
      job({ id: 'j-ex', kind: 'sqlwb.export', key: 'sqlwb.export:ex1', progress: { message: 'x', done: 70, total: 100 } }),
    );
    expect(store.getState().percent).toBe(40);
    // The job ends; a running event that arrives after it (out of order) is stale.
    bridge.emit(
      'job.progressed',
      job({ state: 'succeeded', endedAt: '2026-01-01T00:00:02Z', progress: { message: 'Done', done: 100, total: 100 } }),
    );
    bridge.emit('job.progressed', job({ progress: { message: 'Loading', done: 60, total: 100 } }));
    expect(store.getState().percent).toBe(40);
    answerLoad(1234);
    await loading;
    expect(store.getState()).toMatchObject({ phase: 'done', percent: 100, loaded: { table: 'payments', rows: 1234 } });
    // Once loaded, the store no longer listens.
    bridge.emit('job.progressed', job({ id: 'j-next', progress: { message: 'Loading', done: 10, total: 100 } }));
    expect(store.getState().percent).toBe(100);
  });
});
