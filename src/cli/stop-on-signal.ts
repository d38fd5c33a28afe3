/** Closes what a long-running command opened (servers, then core) on Ctrl+C or SIGTERM, then exits. */
export function stopOnSignal(...closers: Array<{ close(): Promise<void> | void }>): void {
  const stop = async () => {
    for (const closer of closers) await closer.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
