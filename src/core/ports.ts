/**
 * What core needs from its host (Electron main, the server, the CLI), as small interfaces
 * so core never imports Electron.
 */
export interface SecretStore {
  /** Whether secrets are protected at rest (false: e.g. Linux with no keyring). */
  readonly protectedAtRest: boolean;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface HostPorts {
  secrets: SecretStore;
  userDataDir: string;
}

/** A file type offered in a save dialog, e.g. `{ name: 'CSV', extensions: ['csv'] }`. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Native dialogs of a desktop host; absent in the browser (server) and the CLI. */
export interface DialogPort {
  /** Asks where to save a file; resolves undefined when the user cancels. */
  chooseSavePath(defaultName: string, filters: FileFilter[]): Promise<string | undefined>;
}
