import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printToPdf, type PdfSource } from '../../../src/main/print-to-pdf';

// The one-click desktop PDF, main side: a stand-in for the window's WebContents (Electron cannot load
// outside its binary) records what it was asked; the file is really written.
const PDF = new TextEncoder().encode('%PDF-1.7 test');
function window() {
  const asked: unknown[] = [];
  const source: PdfSource = {
    printToPDF: async (options) => {
      asked.push(options);
      return PDF;
    },
  };
  return { source, asked };
}

describe('app.printToPdf in the main process', () => {
  it('asks where to save under the dashboard’s name, then writes the window’s own vector PDF there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'medallion-pdf-'));
    const { source, asked } = window();
    const offered: string[] = [];
    const result = await printToPdf(source, { fileName: 'executive-overview.pdf' }, async (name) => {
      offered.push(name);
      return join(dir, name);
    });
    expect(result).toEqual({ ok: true, data: { path: join(dir, 'executive-overview.pdf') } });
    expect(offered).toEqual(['executive-overview.pdf']);
    expect(asked).toEqual([expect.objectContaining({ printBackground: true, preferCSSPageSize: true })]);
    expect(readFileSync(join(dir, 'executive-overview.pdf'))).toEqual(Buffer.from(PDF));
  });

  it('prints nothing when the save dialog is cancelled', async () => {
    const { source, asked } = window();
    await expect(printToPdf(source, { fileName: 'fraud-risk.pdf' }, async () => undefined)).resolves.toEqual({
      ok: true,
      data: { path: null },
    });
    expect(asked).toEqual([]);
  });

  it.each([['../../.bashrc.pdf'], ['/tmp/x.pdf'], ['report.exe'], ['a\\b.pdf'], [''], [{ fileName: 'x.pdf', path: '/tmp' }]])(
    'refuses %j as a file name before any dialog opens',
    async (fileName) => {
      const dir = mkdtempSync(join(tmpdir(), 'medallion-pdf-'));
      const { source, asked } = window();
      let dialogs = 0;
      const input = typeof fileName === 'string' ? { fileName } : fileName;
      const result = await printToPdf(source, input, async () => {
        dialogs++;
        return join(dir, 'out.pdf');
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(dialogs).toBe(0);
      expect(asked).toEqual([]);
      expect(existsSync(join(dir, 'out.pdf'))).toBe(false);
    },
  );

  it('says what went wrong when the file cannot be written', async () => {
    const { source } = window();
    const result = await printToPdf(source, { fileName: 'x.pdf' }, async () => join(tmpdir(), 'no-such-dir-medallion', 'x.pdf'));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('The PDF could not be saved') },
    });
  });
});
