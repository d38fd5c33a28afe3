import { z } from 'zod';
import { method } from '../define';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  duckdbVersion: z.string(),
  databasePath: z.string(),
  mode: z.enum(['electron', 'browser', 'cli']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appMethods = {
  'app.info': method(z.object({}).strict(), AppInfo, 'What is running: versions, the open database and the transport.'),
  'app.cancel': method(
    z.object({ callId: z.string().min(1) }).strict(),
    z.object({ cancelled: z.boolean() }),
    'Cancels a running call by the id its caller gave it.',
  ),
  'app.printToPdf': method(
    z.object({ fileName: z.string().regex(/^[\w][\w .()-]{0,150}\.pdf$/u, 'a plain file name ending in .pdf') }).strict(),
    z.object({ path: z.string().nullable() }),
    "Desktop only: saves the window's print view as a vector PDF where the user chooses (null: the save dialog was cancelled).",
  ),
} as const;
