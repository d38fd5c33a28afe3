import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { BundleInfo, DashboardSummary } from '../../shared/api';
import type { Filters } from '../../shared/dashboards/filters';
import { parseDashboard } from '../../shared/dashboards/parse';
import { AppError } from '../../shared/errors';
import type { BundleDashboards, DashboardService, OpenedDashboard } from '../dashboards/service';
import { BUNDLE_PREFIX } from '../dashboards/service';
import type { Engine } from '../engine/engine';
import { duckdbTarget } from '../engine/sql-target';
import type { JobRegistry } from '../jobs/job-registry';
import { BUNDLE_EXTENSION, createBundle } from './create';
import type { BundleContent } from './manifest';
import { decodeBundle, type DecodedBundle } from './format';
import { openSandbox } from './sandbox';

interface Session {
  info: BundleInfo;
  dispose(): void;
  opened: OpenedDashboard;
  /** The sandbox's own DuckDB (tests probe its locks). */
  engine: Engine;
}

const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

/** Creates, verifies and opens packaged dashboards; each opened bundle gets its own locked-down DuckDB. */
export class BundleService implements BundleDashboards {
  private readonly sessions = new Map<string, Session>();
  private readonly uploads = new Map<string, { chunks: Buffer[]; total: number; bytes: number }>();
  private readonly created = new Set<string>();

  constructor(
    private readonly userEngine: Engine,
    private readonly dashboards: () => DashboardService,
    private readonly bundlesDir: string,
    private readonly jobs: JobRegistry,
  ) {}

  /**
   * Packages a dashboard as a `bundles.create` job (progress per table copied, cancel with jobs.cancel);
   * packaging the same dashboard again while it runs is refused.
   */
  async create(input: { dashboardId: string; filters?: Filters; outPath?: string; content?: BundleContent; note?: string }) {
    const started = performance.now();
    const opened = this.dashboards().open(input.dashboardId);
    if (opened.source === 'bundle')
      throw new AppError('INVALID_INPUT', 'A bundle cannot be packaged again; package the original dashboard.');
    if (input.outPath && !input.outPath.toLowerCase().endsWith(BUNDLE_EXTENSION)) {
      throw new AppError('INVALID_INPUT', `A bundle file name must end in ${BUNDLE_EXTENSION} (got ${basename(input.outPath)}).`);
    }
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    const outPath = resolve(input.outPath ?? freshBundlePath(this.bundlesDir, `${opened.definition.id}-${stamp}`));
    const key = `bundles.create:${input.dashboardId}`;
    const busy = () => new AppError('CONFLICT', `"${opened.definition.title}" is already being packaged; wait for it or cancel it first.`);
    if (this.jobs.active(key)) throw busy();
    const available = await this.dashboards().filterOptions(input.dashboardId);
    if (this.jobs.active(key)) throw busy();
    const message = `Packaging ${opened.definition.title}`;
    const r = await this.jobs.start({ kind: 'bundles.create', key, message }, (job) =>
      createBundle(this.userEngine, {
        opened,
        available,
        filters: input.filters,
        outPath,
        databaseName: this.userEngine.databaseName,
        content: input.content,
        note: input.note,
        signal: job.signal,
        onProgress: (done, total, step) => job.progress({ done, total, message: `${message}: ${step}` }),
      }),
    ).result;
    this.created.add(r.path);
    return { ...r, fileName: basename(r.path), title: opened.definition.title, elapsedMs: performance.now() - started };
  }

  verify(path: string) {
    return verifyBundleFile(path);
  }

  async open(path: string): Promise<BundleInfo> {
    return this.openBuffer(readBundleFile(path));
  }

  receiveChunk(input: { uploadId: string; index: number; total: number; base64: string }): { received: number } {
    let upload = this.uploads.get(input.uploadId);
    if (!upload) {
      upload = { chunks: [], total: input.total, bytes: 0 };
      this.uploads.set(input.uploadId, upload);
    }
    if (input.total !== upload.total || input.index >= upload.total)
      throw new AppError('INVALID_INPUT', 'The upload chunks do not fit together; choose the file again.');
    const chunk = Buffer.from(input.base64, 'base64');
    upload.bytes += chunk.length;
    if (upload.bytes > MAX_UPLOAD_BYTES) {
      this.uploads.delete(input.uploadId);
      throw new AppError('INVALID_INPUT', 'The file is larger than 2 GB, more than any bundle this app makes.');
    }
    upload.chunks[input.index] = chunk;
    return { received: upload.chunks.filter(Boolean).length };
  }

  async openUpload(uploadId: string): Promise<BundleInfo> {
    const upload = this.uploads.get(uploadId);
    this.uploads.delete(uploadId);
    if (!upload || upload.chunks.filter(Boolean).length !== upload.total)
      throw new AppError('INVALID_INPUT', 'The file did not arrive whole; choose it again.');
    return this.openBuffer(Buffer.concat(upload.chunks));
  }

  /** Reads part of a bundle this session created, so a browser can download it. */
  read(path: string, offset: number, length: number): { base64: string; size: number; done: boolean } {
    const full = resolve(path);
    if (!this.created.has(full)) throw new AppError('FORBIDDEN', 'Only bundles made in this session can be downloaded.');
    const size = statSync(full).size;
    const fd = openSync(full, 'r');
    try {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      readSync(fd, buf, 0, buf.length, offset);
      return { base64: buf.toString('base64'), size, done: offset + buf.length >= size };
    } finally {
      closeSync(fd);
    }
  }

  list(): BundleInfo[] {
    return [...this.sessions.values()].map((s) => s.info);
  }

  close(bundleId: string): boolean {
    const s = this.sessions.get(bundleId);
    if (!s) return false;
    this.sessions.delete(bundleId);
    s.dispose();
    return true;
  }

  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.close(id);
  }

  opened(sessionId: string): OpenedDashboard | undefined {
    return this.sessions.get(sessionId)?.opened;
  }

  /** An opened bundle's sandbox database. */
  sandbox(sessionId: string): Engine | undefined {
    return this.sessions.get(sessionId)?.engine;
  }

  summaries(): DashboardSummary[] {
    return [...this.sessions.values()].map((s) => ({
      id: BUNDLE_PREFIX + s.info.bundleId,
      title: s.info.title,
      description:
        `Packaged ${s.info.created.slice(0, 10)} from ${s.info.source.database}; snapshot of ${s.info.filters.options.minDate} to ${s.info.filters.options.maxDate}` +
        (s.info.content === 'aggregates' ? ', aggregates only.' : '.'),
      widgetCount: s.opened.definition.widgets.length,
      source: 'bundle' as const,
    }));
  }

  private async openBuffer(file: Buffer): Promise<BundleInfo> {
    const decoded = decodeChecked(file);
    const definition = parseDashboard(decoded.manifest.dashboard);
    const options = decoded.manifest.filters.options;
    const sandbox = await openSandbox(decoded);
    const engine = sandbox.engine;
    const tables = decoded.manifest.tables.map((t) => t.name);
    const bundleId = randomUUID().slice(0, 8);
    const info = describeBundle(decoded, bundleId);
    // Its SQL runs only in its sandbox, over its bundled tables, through the same gate as any SQL the app did not write.
    const target = duckdbTarget(engine, {
      info: { kind: 'bundle', label: `Bundle · ${info.title}`, place: `the bundle "${info.title}"` },
      source: { origin: `This bundle's SQL (${info.title})`, relations: tables },
    });
    const opened: OpenedDashboard = {
      definition,
      source: 'bundle',
      readOnly: true,
      target,
      bundled: {
        filterOptions: options,
        snapshot: {
          dateFrom: options.minDate ?? info.filters.initial.dateFrom,
          dateTo: options.maxDate ?? info.filters.initial.dateTo,
          created: info.created,
          content: info.content,
          note: info.note,
        },
      },
    };
    this.sessions.set(bundleId, { info, dispose: sandbox.dispose, opened, engine });
    return info;
  }
}

function readBundleFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_FILE',
      code === 'ENOENT' ? `There is no file ${path}.` : `Could not read ${path}: ${(error as Error).message}`,
    );
  }
}

/** Checks a bundle file end to end (format, length, checksums, manifest, dashboard) without opening it. */
export function verifyBundleFile(path: string): { ok: true; info: Omit<BundleInfo, 'bundleId'> } {
  const { bundleId: _omit, ...info } = describeBundle(decodeChecked(readBundleFile(path)), '');
  return { ok: true, info };
}

function decodeChecked(file: Buffer): DecodedBundle {
  const decoded = decodeBundle(file);
  try {
    parseDashboard(decoded.manifest.dashboard);
  } catch (error) {
    throw new AppError('INVALID_FILE', `This bundle was refused: its dashboard is invalid (${(error as Error).message}).`);
  }
  return decoded;
}

function describeBundle(decoded: DecodedBundle, bundleId: string): BundleInfo {
  const m = decoded.manifest;
  return {
    bundleId,
    dashboardId: parseDashboard(m.dashboard).id,
    title: m.title,
    created: m.created,
    source: m.source,
    filters: m.filters,
    formatVersion: m.formatVersion,
    sha256: decoded.sha256,
    bytes: decoded.bytes,
    tables: m.tables.map((t) => ({ name: t.name, rows: t.rows })),
    content: m.content ?? 'rows',
    note: m.note ?? null,
  };
}

/** `<stem>.mdash` in the bundles folder; a second package in the same second gets `-2`, `-3`, … so it never overwrites the first. */
function freshBundlePath(dir: string, stem: string): string {
  for (let n = 1; ; n++) {
    const path = join(dir, `${stem}${n === 1 ? '' : `-${n}`}${BUNDLE_EXTENSION}`);
    if (!existsSync(path)) return path;
  }
}
