/** The recordings a file replay reads, by extension (JSON lines may be named .jsonl, .ndjson or .json). */
export const REPLAYABLE_EXTENSIONS: readonly string[] = ['.csv', '.jsonl', '.ndjson', '.json', '.parquet'];

const GLOB = /[*?[]/u;

/** A path's last segment's extension, lower case, as node's `extname` reads it ('' for none or a leading dot only). */
export function pathExtension(path: string): string {
  const name = path.split(/[\\/]/u).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/**
 * Why `path` cannot be replayed, as a clause a client puts its own name for the field before
 * (`--file has…` in the CLI), or null. An allowlist read from the text alone, so every client is
 * refused the same way before anything is opened: a recording by its extension, a glob, or a folder
 * (no extension, or ending in a slash). Whether the file or folder exists is the replay's to say.
 */
export function replayPathProblem(path: string): string | null {
  if (GLOB.test(path) || /[\\/]$/u.test(path)) return null;
  const ext = pathExtension(path);
  if (ext === '' || REPLAYABLE_EXTENSIONS.includes(ext)) return null;
  return `has an unknown format "${ext}": name a .csv, .jsonl (JSON lines) or .parquet file, a glob, or a folder (ending in / if its name has a dot)`;
}
