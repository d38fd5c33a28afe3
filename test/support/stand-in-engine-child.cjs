'use strict';
// A stand-in engine child for the host's watchdog tests: it speaks the host protocol
// (src/core/host/protocol.ts) but, instead of core, its calls misbehave on purpose:
// `hang` blocks its event loop (no pong, no answer), `exit` ends the process, anything else answers ok.
process.on('message', (m) => {
  if (m.type === 'init') return process.send({ type: 'ready', pid: process.pid });
  if (m.type === 'ping') return process.send({ type: 'pong', id: m.id });
  if (m.type === 'close') return process.exit(0);
  if (m.type !== 'call') return;
  if (m.method === 'hang') for (;;);
  if (m.method === 'exit') process.exit(3);
  process.send({ type: 'result', id: m.id, result: { ok: true, data: { method: m.method } } });
});
