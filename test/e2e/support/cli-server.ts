import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

export interface CliServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a `medallion` command that serves a page and resolves with the URL it prints. */
export function startCliServer(args: string[], env: Record<string, string> = {}): Promise<CliServer> {
  const child = spawn(process.execPath, [join(root, 'bin', 'medallion.cjs'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`medallion ${args[0]} did not start: ${err}`)), 90_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          process: child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`medallion ${args.join(' ')} exited with ${code}: ${err}`));
    });
  });
}
