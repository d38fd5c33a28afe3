import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent as ReactMouseEvent } from 'react';
import type { ExecuteResult, SortKey } from '../../../../shared/api';
import { ColumnSummaryPanel } from './ColumnSummaryPanel';
import { cellText, columnWidth, isNumericType, toTsv } from './cell-format';
import { clampVirtual, isScaled, realToVirtual, rowsInView, spacerHeight, virtualToReal, type ScrollGeometry } from './scroll-math';
import { useResultPages } from './use-result-pages';

const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 40;

interface CellRef {
  row: number;
  col: number;
}

interface Props {
  result: ExecuteResult;
  onStatus?(text: string): void;
}

/**
 * The result grid: virtualised rows over a scaled scrollbar (so 10M rows fit the browser's
 * height limit), pages fetched on demand, sortable columns, range selection and copy.
 */
export function ResultGrid({ result }: Props) {
  const [sort, setSort] = useState<SortKey[]>([]);
  const pages = useResultPages(result, sort);
  const scroller = useRef<HTMLDivElement>(null);
  const [virtualTop, setVirtualTop] = useState(0);
  const expectedScroll = useRef<number | undefined>(undefined);
  const [viewHeight, setViewHeight] = useState(400);
  const [anchor, setAnchor] = useState<CellRef | undefined>();
  const [focus, setFocus] = useState<CellRef | undefined>();
  const [summaryColumn, setSummaryColumn] = useState<string | undefined>();
  const [copied, setCopied] = useState<string | undefined>();
  const count = pages.rowCount;
  // Wide enough for the biggest row number ("10,000,000").
  const INDEX_WIDTH = Math.max(48, count.toLocaleString().length * 8 + 18);
  const [resized, setResized] = useState<Record<number, number>>({});
  const natural = useMemo(() => result.columns.map((c, i) => columnWidth(c, result.rows, i)), [result]);
  const widths = natural.map((w, i) => resized[i] ?? w);
  const totalWidth = INDEX_WIDTH + widths.reduce((a, b) => a + b, 0);

  useEffect(() => {
    setSort([]);
    setAnchor(undefined);
    setFocus(undefined);
    setSummaryColumn(undefined);
    setResized({});
    scroller.current?.scrollTo({ top: 0 });
    setVirtualTop(0);
  }, [result]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewHeight(Math.max(ROW_HEIGHT, el.clientHeight - HEADER_HEIGHT)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const geometry: ScrollGeometry = { rowHeight: ROW_HEIGHT, viewHeight, totalRows: count };
  const geometryRef = useRef(geometry);
  geometryRef.current = geometry;
  const view = { ...rowsInView(virtualTop, geometry), spacerPx: spacerHeight(geometry) };

  useEffect(() => {
    // The wheel moves rows 1:1 even when the scrollbar is scaled; the scrollbar follows.
    const el = scroller.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const g = geometryRef.current;
      if (!isScaled(g) || e.ctrlKey) return;
      e.preventDefault();
      const unit = e.deltaMode === 1 ? ROW_HEIGHT : e.deltaMode === 2 ? g.viewHeight : 1;
      setVirtualTop((top) => {
        const next = clampVirtual(top + e.deltaY * unit, g);
        const real = virtualToReal(next, g);
        expectedScroll.current = real;
        el.scrollTop = real;
        return next;
      });
      if (e.deltaX) el.scrollLeft += e.deltaX * unit;
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const onScroll = (el: HTMLDivElement) => {
    const expected = expectedScroll.current;
    expectedScroll.current = undefined;
    if (expected !== undefined && Math.abs(el.scrollTop - expected) < 2) return;
    setVirtualTop(realToVirtual(el.scrollTop, geometry));
  };
  const first = Math.floor(view.firstRow);
  const last = Math.min(count - 1, first + view.visibleRows);
  const { request } = pages;
  useEffect(() => {
    if (count > 0) request(first, last);
  }, [first, last, count, request]);

  /** Drag a header's right edge to resize its column. */
  const startResize = (index: number, e: ReactMouseEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const startX = e.clientX;
    const startWidth = widths[index]!;
    const onMove = (m: MouseEvent) => setResized((r) => ({ ...r, [index]: Math.max(40, Math.round(startWidth + m.clientX - startX)) }));
    const onUp = () => {
      document.removeEventListener('mousemove', onMove);
      document.removeEventListener('mouseup', onUp);
    };
    document.addEventListener('mousemove', onMove);
    document.addEventListener('mouseup', onUp);
  };

  const toggleSort = (column: string) => {
    if (!result.resultId) return;
    const current = sort.find((s) => s.column === column);
    setSort(!current ? [{ column, desc: false }] : !current.desc ? [{ column, desc: true }] : []);
  };

  const range =
    anchor && focus
      ? {
          r0: Math.min(anchor.row, focus.row),
          r1: Math.max(anchor.row, focus.row),
          c0: Math.min(anchor.col, focus.col),
          c1: Math.max(anchor.col, focus.col),
        }
      : undefined;
  const inRange = (r: number, c: number) => !!range && r >= range.r0 && r <= range.r1 && c >= range.c0 && c <= range.c1;

  const copy = async (what: 'cell' | 'row' | 'range') => {
    if (!range || !focus) return;
    let text: string;
    if (what === 'cell') {
      text = cellText(pages.rowAt(focus.row)?.[focus.col]);
    } else if (what === 'row') {
      const rows = await pages.readRange(focus.row, focus.row);
      text = toTsv(rows, undefined);
    } else {
      const rows = await pages.readRange(range.r0, Math.min(range.r1, range.r0 + 99_999));
      text = toTsv(
        rows.map((r) => r.slice(range.c0, range.c1 + 1)),
        result.columns.slice(range.c0, range.c1 + 1),
      );
    }
    await navigator.clipboard.writeText(text).catch(() => undefined);
    setCopied(`${what === 'range' ? `${range.r1 - range.r0 + 1}×${range.c1 - range.c0 + 1} cells` : what} copied`);
    setTimeout(() => setCopied(undefined), 1500);
  };

  /** Scrolls just enough to show `row` (keyboard moves), keeping the scaled scrollbar in step. */
  const revealRow = (row: number) => {
    const el = scroller.current;
    if (!el) return;
    let top = virtualTop;
    if (row * ROW_HEIGHT < top) top = row * ROW_HEIGHT;
    else if ((row + 1) * ROW_HEIGHT > top + viewHeight) top = (row + 1) * ROW_HEIGHT - viewHeight;
    if (top === virtualTop) return;
    const next = clampVirtual(top, geometry);
    const real = virtualToReal(next, geometry);
    expectedScroll.current = real;
    el.scrollTop = real;
    setVirtualTop(next);
  };

  const move = (e: KeyboardEvent): boolean => {
    const from = focus ?? { row: 0, col: 0 };
    const page = Math.max(1, Math.floor(viewHeight / ROW_HEIGHT) - 1);
    const lastRow = Math.max(0, count - 1);
    const lastCol = result.columns.length - 1;
    const ctrl = e.ctrlKey || e.metaKey;
    const moves: Record<string, CellRef> = {
      ArrowDown: { row: Math.min(lastRow, from.row + 1), col: from.col },
      ArrowUp: { row: Math.max(0, from.row - 1), col: from.col },
      ArrowRight: { row: from.row, col: Math.min(lastCol, from.col + 1) },
      ArrowLeft: { row: from.row, col: Math.max(0, from.col - 1) },
      PageDown: { row: Math.min(lastRow, from.row + page), col: from.col },
      PageUp: { row: Math.max(0, from.row - page), col: from.col },
      Home: ctrl ? { row: 0, col: from.col } : { row: from.row, col: 0 },
      End: ctrl ? { row: lastRow, col: from.col } : { row: from.row, col: lastCol },
    };
    const to = moves[e.key];
    if (!to || count === 0) return false;
    e.preventDefault();
    if (!e.shiftKey || !anchor) setAnchor(to);
    setFocus(to);
    revealRow(to.row);
    return true;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (move(e)) return;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c') {
      e.preventDefault();
      void copy(range && (range.r0 !== range.r1 || range.c0 !== range.c1) ? 'range' : 'cell');
    }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      setAnchor({ row: 0, col: 0 });
      setFocus({ row: Math.max(0, count - 1), col: result.columns.length - 1 });
    }
  };

  const rows = [];
  for (let r = first; r <= last; r++) {
    const row = pages.rowAt(r);
    const top = HEADER_HEIGHT + (r - view.firstRow) * ROW_HEIGHT;
    rows.push(
      <div key={r} className="grid-row" style={{ top, width: totalWidth }} data-testid="grid-row" data-row={r}>
        <div className="grid-index" style={{ width: INDEX_WIDTH }}>
          {(r + 1).toLocaleString()}
        </div>
        {result.columns.map((c, i) => {
          const cell = row?.[i];
          const classes = [
            'grid-cell',
            row === undefined ? 'loading' : cell === null ? 'null' : isNumericType(c.type) ? 'num' : '',
            inRange(r, i) ? 'selected' : '',
          ];
          return (
            <div
              key={i}
              className={classes.join(' ')}
              style={{ width: widths[i] }}
              onMouseDown={(e) => {
                if (e.shiftKey && anchor) setFocus({ row: r, col: i });
                else {
                  setAnchor({ row: r, col: i });
                  setFocus({ row: r, col: i });
                }
              }}
              onMouseEnter={(e) => {
                if (e.buttons === 1 && anchor) setFocus({ row: r, col: i });
              }}
            >
              {row === undefined ? '…' : cellText(cell)}
            </div>
          );
        })}
      </div>,
    );
  }

  return (
    <div className="result-grid-wrap">
      <div className="grid-toolbar">
        <span data-testid="grid-total">
          {pages.total === null
            ? `${count.toLocaleString()}+ rows (counting…)`
            : `${pages.total.toLocaleString()} row${pages.total === 1 ? '' : 's'}`}
        </span>
        <span className="muted">{result.elapsedMs.toFixed(0)} ms</span>
        <span className="muted" data-testid="grid-held-pages" data-pages={pages.heldPages()} />
        <span className="spacer" />
        {copied && <span className="muted">{copied}</span>}
        <button disabled={!focus} onClick={() => void copy('cell')}>
          Copy cell
        </button>
        <button disabled={!focus} onClick={() => void copy('row')}>
          Copy row
        </button>
        <button disabled={!range} onClick={() => void copy('range')} data-testid="grid-copy-range">
          Copy range
        </button>
      </div>
      {pages.error && <div className="error-box">{pages.error}</div>}
      <div className="grid-body">
        <div
          className="grid-scroll"
          ref={scroller}
          tabIndex={0}
          onKeyDown={onKeyDown}
          onScroll={(e) => onScroll(e.currentTarget)}
          data-testid="result-grid"
        >
          <div style={{ height: view.spacerPx + HEADER_HEIGHT, width: totalWidth, position: 'relative' }}>
            <div className="grid-layer" style={{ height: viewHeight + HEADER_HEIGHT, width: totalWidth }}>
              <div className="grid-header" style={{ height: HEADER_HEIGHT, width: totalWidth }}>
                <div className="grid-index" style={{ width: INDEX_WIDTH }}>
                  #
                </div>
                {result.columns.map((c, i) => {
                  const s = sort.find((k) => k.column === c.name);
                  return (
                    <div key={i} className="grid-head-cell" style={{ width: widths[i] }} title={`${c.name} · ${c.type}`}>
                      <button
                        className="grid-sort"
                        onClick={() => toggleSort(c.name)}
                        disabled={!result.resultId}
                        data-testid={`grid-sort-${c.name}`}
                      >
                        <span className="grid-col-name">{c.name}</span>
                        {s && <span>{s.desc ? ' ▼' : ' ▲'}</span>}
                      </button>
                      <span className="grid-col-type">{c.type}</span>
                      {result.resultId && (
                        <button
                          className="grid-summary-button"
                          title={`Summary of ${c.name}`}
                          onClick={() => setSummaryColumn(c.name)}
                          data-testid={`grid-summary-${c.name}`}
                        >
                          Σ
                        </button>
                      )}
                      <span
                        className="grid-resize"
                        onMouseDown={(e) => startResize(i, e)}
                        onDoubleClick={() => setResized((r) => ({ ...r, [i]: Math.max(natural[i]!, 360) }))}
                        title="Drag to resize; double-click to widen"
                      />
                    </div>
                  );
                })}
              </div>
              {rows}
            </div>
          </div>
        </div>
        {summaryColumn && result.resultId && (
          <ColumnSummaryPanel resultId={result.resultId} column={summaryColumn} onClose={() => setSummaryColumn(undefined)} />
        )}
      </div>
    </div>
  );
}
