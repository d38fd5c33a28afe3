// `npm run electronegativity`: Doyensec Electronegativity over the sources (Electron main, preload,
// renderer HTML). Fails on any HIGH or MEDIUM finding, on any finding of the checks that must never
// fire, and on any file the tool could not parse, unless the finding is in the checked-in allowlist
// with a reason. Allowlist entries that no longer match a finding fail too, so the list stays honest.
//
//   node scripts/electronegativity.mjs [--input src] [--allowlist scripts/electronegativity-allowlist.json]
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    input: { type: 'string', default: join(root, 'src') },
    allowlist: { type: 'string', default: join(root, 'scripts', 'electronegativity-allowlist.json') },
  },
});
const input = resolve(values.input);

// These settings are never acceptable, whatever grade the tool gives them (NODE_INTEGRATION is
// graded INFORMATIONAL when a window sets nodeIntegration: true without other context).
const ALWAYS_FAIL = new Set([
  'NODE_INTEGRATION_JS_CHECK',
  'NODE_INTEGRATION_HTML_CHECK',
  'CONTEXT_ISOLATION_JS_CHECK',
  'SANDBOX_JS_CHECK',
  'WEB_SECURITY_JS_CHECK',
  'WEB_SECURITY_HTML_CHECK',
  'INSECURE_CONTENT_JS_CHECK',
  'INSECURE_CONTENT_HTML_CHECK',
  'EXPERIMENTAL_FEATURES_JS_CHECK',
  'EXPERIMENTAL_FEATURES_HTML_CHECK',
  'BLINK_FEATURES_JS_CHECK',
  'BLINK_FEATURES_HTML_CHECK',
  'ALLOWPOPUPS_HTML_CHECK',
  'REMOTE_MODULE_JS_CHECK',
]);
const FAIL_SEVERITIES = new Set(['HIGH', 'MEDIUM']);
// This check downloads Electron's release list from the network, which CI here cannot reach;
// the Electron version is kept current by the dependency update policy in SECURITY.md.
const OFFLINE_EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];

if (!existsSync(input)) fail(`Nothing to scan: ${input} does not exist.`);
const allowlist = readAllowlist(values.allowlist);

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity/dist/runner.js');
const electronVersion = require('electron/package.json').version;

// The tool prints network warnings (translations) through console.log; keep our output readable.
const log = console.log;
console.log = (...args) => {
  if (!String(args[0] ?? '').includes('translations')) log(...args);
};
const started = Date.now();
const result = await run(
  { input, isRelative: true, electronVersionOverride: electronVersion, excludeFromScan: OFFLINE_EXCLUDED, isVerbose: false },
  false,
);
console.log = log;

const findings = result.issues.map((issue) => ({
  check: issue.id,
  file: issue.file === 'N/A' ? 'N/A' : issue.file.split('\\').join('/'),
  line: issue.location?.line ?? 0,
  severity: issue.severity.name,
  confidence: issue.confidence.name,
  description: issue.description,
}));
const blocking = findings.filter((f) => FAIL_SEVERITIES.has(f.severity) || ALWAYS_FAIL.has(f.check));
const used = new Set();
const unexplained = blocking.filter((f) => {
  const entry = allowlist.findIndex((a) => a.check === f.check && a.file === f.file);
  if (entry >= 0) used.add(entry);
  return entry < 0;
});
const stale = allowlist.filter((_, i) => !used.has(i));
const unparsed = result.errors.filter((e) => !e.tolerable);

const where = relative(root, input) || '.';
console.log(
  `Electronegativity ${where}: ${result.atomicChecks + result.globalChecks} checks, ${findings.length} findings, ${blocking.length - unexplained.length} allowlisted (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
for (const f of findings) {
  const mark = unexplained.includes(f) ? '✘' : blocking.includes(f) ? '≈' : '·';
  console.log(`  ${mark} ${f.check} ${f.severity}/${f.confidence} ${f.file}:${f.line} ${f.description}`);
}
for (const e of unparsed) console.log(`  ✘ could not parse ${relative(input, e.file)}: ${e.message}`);
for (const a of stale) console.log(`  ✘ allowlist entry ${a.check} ${a.file} matches no finding: remove it`);

if (unexplained.length || unparsed.length || stale.length) {
  fail(
    `Electronegativity failed: ${unexplained.length} unexplained finding(s), ${unparsed.length} unparsed file(s), ${stale.length} stale allowlist entr(ies). ` +
      `Fix the code, or add { "check", "file", "why" } to ${relative(root, values.allowlist)} saying why it is safe.`,
  );
}
console.log('Electronegativity passed: no unexplained HIGH/MEDIUM findings.');

function readAllowlist(file) {
  if (!existsSync(file)) return [];
  const list = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(list)) fail(`${file} must be a JSON array.`);
  for (const entry of list) {
    if (
      typeof entry.check !== 'string' ||
      typeof entry.file !== 'string' ||
      typeof entry.why !== 'string' ||
      entry.why.trim().length < 20
    ) {
      fail(`Allowlist entry ${JSON.stringify(entry)} needs "check", "file" and a "why" that explains why it is safe.`);
    }
  }
  return list;
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
