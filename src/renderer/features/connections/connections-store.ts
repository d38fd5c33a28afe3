import { create } from 'zustand';
import type { BrowseItem, ConnectionVerdict, Job, MethodInput, MethodOutput, PullResult, WarehouseProfile } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { api } from '../../api/client';
import { followJob } from '../../api/job-follow';
import { childQuery, nodeKey } from './tree-model';

export type ProfileDraft = MethodInput<'warehouse.saveProfile'>;
type PullRecord = MethodOutput<'warehouse.pulls'>['pulls'][number];

const message = (e: unknown) => (e instanceof AppError || e instanceof Error ? e.message : String(e));

interface ConnectionsState {
  profiles: WarehouseProfile[];
  secretsProtected: boolean;
  selectedId?: string;
  editing?: ProfileDraft;
  formError?: string;
  saving: boolean;
  verdict?: ConnectionVerdict;
  testing: boolean;
  children: Record<string, BrowseItem[]>;
  expanded: Record<string, boolean>;
  loading: Record<string, boolean>;
  treeError?: string;
  search: string;
  pullSource?: { catalog: string; schema: string; table: string };
  /** `job` is the pull job as job.progressed tells it; `controller` is set while the call runs. */
  pull?: { job?: Job; result?: PullResult; error?: string; controller?: AbortController };
  pulls: PullRecord[];
  load(): Promise<void>;
  select(id: string | undefined): void;
  newProfile(): void;
  edit(draft: ProfileDraft): void;
  save(): Promise<void>;
  remove(): Promise<void>;
  test(): Promise<void>;
  toggle(path: string[]): Promise<void>;
  setSearch(search: string): void;
  choosePullSource(path: string[]): void;
  startPull(target: string, replace: boolean, sql?: string): Promise<void>;
  cancelPull(): void;
}

const emptyDraft = (): ProfileDraft => ({ name: '', host: '', httpPath: '', catalog: '', schema: '', authType: 'pat' });

function draftOf(p: WarehouseProfile): ProfileDraft {
  return {
    id: p.id,
    name: p.name,
    host: p.host,
    httpPath: p.httpPath,
    warehouseId: p.warehouseId ?? undefined,
    catalog: p.catalog ?? '',
    schema: p.schema ?? '',
    authType: p.authType,
    clientId: p.clientId ?? undefined,
    oauthProvider: p.oauthProvider,
    azureTenantId: p.azureTenantId ?? undefined,
    caCertPath: p.caCertPath ?? undefined,
  };
}

/** The Connections page: profiles (never their secrets), test verdicts, the lazy catalog tree and pulls. */
export const useConnectionsStore = create<ConnectionsState>((set, get) => ({
  profiles: [],
  secretsProtected: true,
  saving: false,
  testing: false,
  children: {},
  expanded: {},
  loading: {},
  search: '',
  pulls: [],

  async load() {
    const [{ profiles, secretsProtected }, { pulls }] = await Promise.all([
      api.call('warehouse.listProfiles', {}),
      api.call('warehouse.pulls', {}),
    ]);
    set({ profiles, secretsProtected, pulls });
    // Open the first profile, unless the user already started a new one while the list was loading.
    const { selectedId, editing } = get();
    if (!selectedId && !editing && profiles.length > 0) get().select(profiles[0]!.id);
    if (profiles.length === 0 && !get().editing) set({ editing: emptyDraft() });
  },

  select(id) {
    const profile = get().profiles.find((p) => p.id === id);
    set({
      selectedId: id,
      editing: profile ? draftOf(profile) : undefined,
      verdict: undefined,
      formError: undefined,
      children: {},
      expanded: {},
      treeError: undefined,
      pullSource: undefined,
    });
    if (profile && profile.hasSecret) void get().toggle([]);
  },

  newProfile() {
    set({ selectedId: undefined, editing: emptyDraft(), verdict: undefined, formError: undefined, children: {}, expanded: {} });
  },

  edit(draft) {
    set({ editing: draft });
  },

  async save() {
    const draft = get().editing;
    if (!draft) return;
    set({ saving: true, formError: undefined });
    try {
      const clean = Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== '' && v !== undefined)) as ProfileDraft;
      const { profile } = await api.call('warehouse.saveProfile', clean);
      await get().load();
      get().select(profile.id);
    } catch (e) {
      set({ formError: message(e) });
    } finally {
      set({ saving: false });
    }
  },

  async remove() {
    const id = get().selectedId;
    if (!id) return;
    try {
      await api.call('warehouse.deleteProfile', { profileId: id });
      set({ selectedId: undefined, editing: undefined });
      await get().load();
    } catch (e) {
      set({ formError: message(e) });
    }
  },

  async test() {
    const id = get().selectedId;
    if (!id) return;
    set({ testing: true, verdict: undefined });
    try {
      set({ verdict: await api.call('warehouse.testConnection', { profileId: id }) });
    } catch (e) {
      set({ verdict: { ok: false, verdict: 'error', message: message(e), serverVersion: null, latencyMs: 0 } });
    } finally {
      set({ testing: false });
    }
  },

  async toggle(path) {
    const id = get().selectedId;
    const key = nodeKey(path);
    if (!id) return;
    if (path.length > 0 && get().expanded[key]) {
      set({ expanded: { ...get().expanded, [key]: false } });
      return;
    }
    set({ expanded: { ...get().expanded, [key]: true } });
    if (get().children[key] || get().loading[key]) return;
    set({ loading: { ...get().loading, [key]: true }, treeError: undefined });
    try {
      const { items } = await api.call('warehouse.browse', { profileId: id, ...childQuery(path) });
      set({ children: { ...get().children, [key]: items } });
    } catch (e) {
      set({ treeError: message(e) });
    } finally {
      set({ loading: { ...get().loading, [key]: false } });
    }
  },

  setSearch(search) {
    set({ search });
  },

  choosePullSource(path) {
    const [catalog, schema, table] = path;
    if (catalog && schema && table) set({ pullSource: { catalog, schema, table }, pull: undefined });
  },

  async startPull(target, replace, sql) {
    const id = get().selectedId;
    const source = get().pullSource;
    if (!id || (!source && !sql)) return;
    const controller = new AbortController();
    set({ pull: { controller } });
    // Follows the first running pull job into this table from now on, then only that job.
    const off = followJob(
      api,
      { key: `warehouse.pull:${target.toLowerCase()}` },
      () => get().pull?.job,
      (job) => {
        const pull = get().pull;
        if (pull?.controller === controller) set({ pull: { ...pull, job } });
      },
    );
    try {
      const result = await api.call(
        'warehouse.pull',
        { profileId: id, source: sql ? { kind: 'query', sql } : { kind: 'table', ...source! }, target, replace },
        { signal: controller.signal },
      );
      set({ pull: { ...get().pull, result, controller: undefined } });
      set({ pulls: (await api.call('warehouse.pulls', {})).pulls });
    } catch (e) {
      set({ pull: { ...get().pull, error: message(e), controller: undefined } });
    } finally {
      off();
    }
  },

  cancelPull() {
    const pull = get().pull;
    // One cancel for every long task: jobs.cancel; before the job is known, abort the call itself.
    if (pull?.job) void api.call('jobs.cancel', { id: pull.job.id }).catch(() => pull.controller?.abort());
    else pull?.controller?.abort();
  },
}));
