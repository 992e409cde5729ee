// The CLI as a user runs it: the built binary (dist/bin, `npm run build` first) in a child process,
// stdout and stdin not a TTY. A run that does not end by itself within timeoutMs is killed and says so.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';

export const cliPath = join(import.meta.dirname, '../../dist/bin/kdash.js');

export interface CliRun {
  code: number;
  out: string;
  err: string;
  /** The command was still running at timeoutMs and was killed. */
  timedOut: boolean;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** HOME for the child (so no real ~/.kube/config is read). */
  home: string;
  timeoutMs?: number;
  /** Close the read end of stdout at once, like `| head` that has read what it wanted. */
  closeStdout?: boolean;
}

export function runCli(args: string[], opts: RunOptions): Promise<CliRun> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [cliPath, ...args], {
      env: { ...process.env, KUBECONFIG: '', HOME: opts.home, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timedOut = false;
    if (opts.closeStdout) p.stdout.destroy();
    else p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill('SIGKILL');
    }, opts.timeoutMs ?? 20_000);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal === 'SIGPIPE' ? 141 : -1), out, err, timedOut });
    });
  });
}

/** Exactly one line on stderr matching pattern, a non-zero exit, no stack trace. */
export function expectOneLineError(r: CliRun, pattern: RegExp): void {
  expect(r.timedOut, 'the command did not end').toBe(false);
  expect(r.code).not.toBe(0);
  const lines = r.err.trim().split('\n');
  expect(lines, r.err).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.err).not.toMatch(/\n\s+at /);
}
