import type {
  Catalog,
  Cell,
  Column,
  ColumnProfile,
  ColumnSummary,
  ExplainOutput,
  ExportFormat,
  FunctionInfo,
  SortKey,
  SqlParams,
  SqlTarget,
} from '../../shared/api';
import { AppError } from '../../shared/errors';

/** Called with 0..100 while long work runs. */
export type ProgressFn = (percent: number, rows: number | null) => void;

/** A result kept on the target's side so the UI can page, sort, summarise and export it. */
export interface ResultHandle {
  readonly columns: Column[];
  page(offset: number, limit: number, sort: SortKey[] | undefined, signal: AbortSignal): Promise<Cell[][]>;
  count(signal: AbortSignal): Promise<number>;
  summary(column: string, signal: AbortSignal): Promise<ColumnSummary>;
  exportTo(path: string, format: ExportFormat, sort: SortKey[] | undefined, progress: ProgressFn, signal: AbortSignal): Promise<number>;
  dispose(): Promise<void>;
}

export interface ExecuteOutcome {
  statementType: string;
  columns: Column[];
  rows: Cell[][];
  total: number | null;
  hasMore: boolean;
  handle: ResultHandle | null;
}

/**
 * One place SQL can run. The local DuckDB database is one; the Databricks warehouse
 * (feat/warehouse) registers another with the same shape, and the SQL page works on either.
 */
export interface SqlTargetRunner {
  readonly info: SqlTarget;
  catalog(signal: AbortSignal): Promise<Catalog>;
  functions(signal: AbortSignal): Promise<FunctionInfo[]>;
  execute(sql: string, params: SqlParams | undefined, pageSize: number, signal: AbortSignal): Promise<ExecuteOutcome>;
  explain(sql: string, params: SqlParams | undefined, analyze: boolean, signal: AbortSignal): Promise<ExplainOutput>;
  /** Profiles a column of a catalog relation; a target without it (a warehouse) only lists its tables. */
  profileColumn?(ref: { schema: string; relation: string; column: string }, signal: AbortSignal): Promise<ColumnProfile>;
}

/** The targets the SQL page can choose from; other features add theirs with `register`. */
export class TargetRegistry {
  private readonly targets = new Map<string, SqlTargetRunner>();

  register(target: SqlTargetRunner): () => void {
    this.targets.set(target.info.id, target);
    return () => this.targets.delete(target.info.id);
  }

  list(): SqlTarget[] {
    return [...this.targets.values()].map((t) => t.info);
  }

  get(id: string): SqlTargetRunner {
    const target = this.targets.get(id);
    if (!target)
      throw new AppError('NOT_FOUND', `There is no SQL target "${id}". Pick one from the target selector (it may have been disconnected).`);
    return target;
  }
}
