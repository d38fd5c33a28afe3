import type { Cell } from '../../../../shared/api';

/**
 * The few pages of a result the grid holds, least recently used dropped first, so scrolling
 * a 10M-row result keeps memory flat.
 */
export class PageCache {
  private readonly pages = new Map<number, Cell[][]>();

  constructor(
    readonly pageSize: number,
    readonly maxPages: number,
  ) {}

  get size(): number {
    return this.pages.size;
  }

  has(page: number): boolean {
    return this.pages.has(page);
  }

  put(page: number, rows: Cell[][], keep: Set<number> = new Set()): void {
    this.pages.delete(page);
    this.pages.set(page, rows);
    for (const old of this.pages.keys()) {
      if (this.pages.size <= this.maxPages) break;
      if (!keep.has(old) && old !== page) this.pages.delete(old);
    }
  }

  /** A row if its page is held (and touches the page). */
  row(index: number): Cell[] | undefined {
    const page = Math.floor(index / this.pageSize);
    const rows = this.pages.get(page);
    return rows?.[index - page * this.pageSize];
  }

  touch(page: number): void {
    const rows = this.pages.get(page);
    if (!rows) return;
    this.pages.delete(page);
    this.pages.set(page, rows);
  }

  /** Pages covering rows [first, last], that are not held. */
  missing(first: number, last: number): number[] {
    const out: number[] = [];
    for (let p = Math.floor(first / this.pageSize); p <= Math.floor(last / this.pageSize); p++) if (!this.pages.has(p)) out.push(p);
    return out;
  }

  clear(): void {
    this.pages.clear();
  }
}
