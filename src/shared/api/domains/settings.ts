import { z } from 'zod';
import { method } from '../define';

/** What the data folder may free on request: caches and copies, never the database, settings or secrets. */
export const CleanableEntry = z.enum(['packaged-bundles', 'model-scratch']);
export type CleanableEntry = z.infer<typeof CleanableEntry>;

export const DataFolderEntry = z.object({
  name: z.string(),
  label: z.string(),
  bytes: z.number(),
  /** Set for the entries a clean-up may remove. */
  cleanable: CleanableEntry.nullable(),
});

export const DataFolder = z.object({
  path: z.string(),
  databasePath: z.string(),
  totalBytes: z.number(),
  entries: z.array(DataFolderEntry),
});
export type DataFolder = z.infer<typeof DataFolder>;

export const settingsMethods = {
  'settings.dataFolder': method(
    z.object({}).strict(),
    DataFolder,
    'The user-data folder: where it is, its size, and what a clean-up could free.',
  ),
  'settings.cleanUp': method(
    z.object({ entries: z.array(CleanableEntry).min(1).max(2) }).strict(),
    z.object({ freedBytes: z.number(), folder: DataFolder }),
    'Removes the chosen caches from the data folder (packaged bundle copies, model scratch files).',
  ),
} as const;
