import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Python of the bench's peers: bench/.venv-peers (gitignored), created on first use with the
 * pinned pandas / polars / pyarrow of bench/peers/requirements.txt from PyPI. npm test never needs it.
 */
export function peersPython(): string {
  const venv = join(process.cwd(), 'bench', '.venv-peers');
  const python = join(venv, 'bin', 'python');
  const requirements = join(process.cwd(), 'bench', 'peers', 'requirements.txt');
  const stamp = join(venv, 'requirements.installed');
  const wanted = readFileSync(requirements, 'utf8');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return python;
  if (!existsSync(python)) run('python3', ['-m', 'venv', venv]);
  run(python, ['-m', 'pip', 'install', '--quiet', '-r', requirements]);
  writeFileSync(stamp, wanted);
  return python;
}

function run(command: string, args: string[]): void {
  process.stderr.write(`bench: ${command} ${args.join(' ')}\n`);
  const r = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status})`);
}
