import type { Table } from '../../../shared/api';
import { toCsv } from '../../../shared/dashboards/csv';

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

async function snapshot(node: HTMLElement): Promise<{ dataUrl: string; width: number; height: number }> {
  const { toPng } = await import('html-to-image');
  const dataUrl = await toPng(node, { backgroundColor: background(), pixelRatio: 1.5, cacheBust: true, skipFonts: true });
  return { dataUrl, width: node.scrollWidth, height: node.scrollHeight };
}

/** The whole dashboard as a PNG. */
export async function exportPng(node: HTMLElement, fileName: string): Promise<void> {
  const { dataUrl } = await snapshot(node);
  downloadBlob(dataUrlToBlob(dataUrl), fileName);
}

/** Decodes a data: URL locally (the CSP forbids fetching data: URLs). */
function dataUrlToBlob(dataUrl: string): Blob {
  const [head, body = ''] = dataUrl.split(',', 2);
  const type = /data:([^;]+)/.exec(head ?? '')?.[1] ?? 'application/octet-stream';
  const bin = atob(body);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** The whole dashboard as a PDF: a header with the title and the active filters, then the widgets over as many pages as needed. */
export async function exportPdf(
  node: HTMLElement,
  fileName: string,
  header: { title: string; filters: string; generated: string },
): Promise<void> {
  const [{ jsPDF }, shot] = await Promise.all([import('jspdf'), snapshot(node)]);
  const pdf = new jsPDF({ orientation: 'landscape', unit: 'pt', format: 'a4' });
  const pageW = pdf.internal.pageSize.getWidth();
  const pageH = pdf.internal.pageSize.getHeight();
  const margin = 28;
  const drawHeader = () => {
    pdf.setFontSize(16);
    pdf.text(header.title, margin, margin + 8);
    pdf.setFontSize(9);
    pdf.setTextColor(90);
    pdf.text(`Filters: ${header.filters}`, margin, margin + 24);
    pdf.text(header.generated, pageW - margin, margin + 8, { align: 'right' });
    pdf.setTextColor(0);
  };
  const top = margin + 36;
  const imgW = pageW - margin * 2;
  const imgH = (shot.height / shot.width) * imgW;
  const room = pageH - top - margin;
  let offset = 0;
  for (let page = 0; offset < imgH; page++) {
    if (page > 0) pdf.addPage();
    drawHeader();
    pdf.addImage(shot.dataUrl, 'PNG', margin, top - offset, imgW, imgH);
    // Cover what spills above the content area on continuation pages.
    if (page > 0) {
      pdf.setFillColor(255, 255, 255);
      pdf.rect(0, 0, pageW, top - 2, 'F');
      drawHeader();
    }
    offset += room;
  }
  pdf.save(fileName);
}
