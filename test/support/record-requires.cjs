'use strict';
// Loaded with `node --require`: appends every package the process requires (bare specifiers only)
// to the file named by MEDALLION_RECORD_REQUIRES, one per line, so a test can see what a command loaded.
const { appendFileSync } = require('node:fs');
const Module = require('node:module');

const out = process.env.MEDALLION_RECORD_REQUIRES;
const original = Module.prototype.require;
const seen = new Set();
Module.prototype.require = function recordRequire(id) {
  if (out && typeof id === 'string' && !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('node:') && !seen.has(id)) {
    seen.add(id);
    appendFileSync(out, `${id}\n`);
  }
  return original.apply(this, arguments);
};
