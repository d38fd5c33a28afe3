/**
 * Who hears that a statement reached its time limit. DuckDB checks its interrupt only between
 * chunks, so a statement inside one long scalar call (a quadratic list_reduce) runs on after the
 * interrupt; in the engine child the listener tells the host, which ends the process when the
 * statement is still running after the grace period, as it does for an ignored cancel.
 */
export interface StatementTimeout {
  sql: string;
  timeoutMs: number;
}

let listener: ((timeout: StatementTimeout) => void) | undefined;

/** Sets the one listener (the engine child's); undefined removes it. */
export function onStatementTimeout(next: ((timeout: StatementTimeout) => void) | undefined): void {
  listener = next;
}

export function reportStatementTimeout(timeout: StatementTimeout): void {
  listener?.(timeout);
}
