import type { Table } from '../../../shared/api';
import { toCsv } from '../../../shared/dashboards/csv';
import type { ExportContext } from './export-context';
import { withPngText } from '../../../shared/dashboards/png-text';

/** Saves a blob through the browser's download (works the same in Electron's renderer). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(table: Table, fileName: string): void {
  downloadBlob(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }), fileName);
}

export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'dashboard'
  );
}

function background(): string {
  return getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() || '#ffffff';
}

/**
 * The dashboard as a PNG with its export header (title, filters, data time, source) drawn at the
 * top, and the same facts in the file's tEXt metadata.
 */
export async function exportPng(node: HTMLElement, fileName: string, context: ExportContext): Promise<void> {
  const { toPng } = await import('html-to-image');
  node.classList.add('exporting');
  let dataUrl: string;
  try {
    dataUrl = await toPng(node, { backgroundColor: background(), pixelRatio: 1.5, cacheBust: true, skipFonts: true });
  } finally {
    node.classList.remove('exporting');
  }
  const png = withPngText(dataUrlToBytes(dataUrl), {
    Title: context.title,
    Description: `Filters: ${context.filters}. ${context.dataTime}.`,
    Source: context.source,
    'Creation Time': context.generated,
    Software: 'Medallion Workbench',
  });
  downloadBlob(new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }), fileName);
}

/** Decodes a data: URL locally (the CSP forbids fetching data: URLs). */
function dataUrlToBytes(dataUrl: string): Uint8Array {
  const body = dataUrl.split(',', 2)[1] ?? '';
  const bin = atob(body);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * The PDF export: the browser's own print to PDF ("Save as PDF" in the print dialog) of the print
 * view (print.css). Text stays text and charts stay SVG, so the file is small, searchable and sharp.
 */
export function exportPdf(): void {
  window.print();
}
