/** Where `medallion serve` leaves its handshake for a database: next to it. Import-free, so the CLI can look cheaply. */
export function handshakePath(databasePath: string): string {
  return `${databasePath}.engine.json`;
}
