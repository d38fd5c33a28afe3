import { writeFile } from 'node:fs/promises';
import { appMethods } from '../shared/api/domains/app';
import { AppError, type ApiResult } from '../shared/errors';

/** The part of Electron's WebContents this needs: its own print to PDF (print.css applies, text stays text). */
export interface PdfSource {
  printToPDF(options: { printBackground: boolean; preferCSSPageSize: boolean; generateDocumentOutline: boolean }): Promise<Uint8Array>;
}

/** Where to save: the native save dialog in the app (undefined when the user cancels). */
export type ChoosePdfPath = (defaultName: string) => Promise<string | undefined>;

/**
 * app.printToPdf, answered in the main process (core has no window): asks where to save first, then prints the
 * calling window's print view to that file. The input is checked against the contract like any other call.
 */
export async function printToPdf(
  source: PdfSource,
  input: unknown,
  choosePath: ChoosePdfPath,
): Promise<ApiResult<{ path: string | null }>> {
  const parsed = appMethods['app.printToPdf'].input.safeParse(input);
  if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: `fileName: ${parsed.error.issues[0]?.message}` } };
  try {
    const path = await choosePath(parsed.data.fileName);
    if (!path) return { ok: true, data: { path: null } };
    const pdf = await source.printToPDF({ printBackground: true, preferCSSPageSize: true, generateDocumentOutline: true });
    await writeFile(path, pdf);
    return { ok: true, data: { path } };
  } catch (error) {
    const message =
      error instanceof AppError ? error.message : `The PDF could not be saved: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, error: { code: 'INTERNAL', message } };
  }
}
