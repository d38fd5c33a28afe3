'use strict';
// A stand-in engine child for the host's watchdog tests: it speaks the host protocol
// (src/core/host/protocol.ts) but, instead of core, its calls misbehave on purpose:
// `hang` blocks its event loop (no pong, no answer), `exit` ends the process, `ignore-timeout` reports that
// its statement reached a 100 ms time limit and never answers (as a call that ignores DuckDB's interrupt),
// anything else answers ok.
process.on('message', (m) => {
  if (m.type === 'init') return process.send({ type: 'ready', pid: process.pid });
  if (m.type === 'ping') return process.send({ type: 'pong', id: m.id });
  if (m.type === 'close') return process.exit(0);
  if (m.type !== 'call') return;
  if (m.method === 'hang') for (;;);
  if (m.method === 'exit') process.exit(3);
  if (m.method === 'ignore-timeout') return process.send({ type: 'timeout', id: m.id, timeoutMs: 100 });
  process.send({ type: 'result', id: m.id, result: { ok: true, data: { method: m.method } } });
});
