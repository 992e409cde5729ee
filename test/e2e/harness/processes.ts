// Child processes of the end-to-end control plane: each runs in its own process group with its output in
// a log file, and is killed by process group id on stop, on failure and when the parent process exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface Proc {
  name: string;
  pid: number;
  logFile: string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  /** True until the process has exited. */
  alive(): boolean;
  /** SIGTERM to the group, SIGKILL after graceMs. Resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
  /** The last lines of its log, for failure messages. */
  tail(lines?: number): string;
}

const live = new Set<Proc>();
let exitHookInstalled = false;

/** Last resort: the parent exits (even on an uncaught error) → every group still alive gets SIGKILL. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const p of live) killGroup(p.pid, 'SIGKILL');
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      for (const p of live) killGroup(p.pid, 'SIGKILL');
      process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
    });
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

export function startProcess(name: string, command: string, args: string[], logFile: string, env: NodeJS.ProcessEnv = process.env): Proc {
  installExitHook();
  if (!existsSync(command)) throw new Error(`${name}: ${command} does not exist (run test/e2e/build.sh)`);
  const fd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, { detached: true, stdio: ['ignore', fd, fd], env });
  } finally {
    closeSync(fd);
  }
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  let done = false;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      live.delete(proc);
      resolve(code ?? signal ?? 'unknown');
    });
    child.once('error', () => {
      done = true;
      live.delete(proc);
      resolve('spawn error');
    });
  });
  const proc: Proc = {
    name,
    pid: child.pid,
    logFile,
    exited,
    alive: () => !done,
    async stop(graceMs = 5000) {
      if (done) return;
      killGroup(proc.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(proc.pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Anything the process left in its group goes too.
      killGroup(proc.pid, 'SIGKILL');
    },
    tail(lines = 30) {
      try {
        return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
      } catch {
        return '';
      }
    },
  };
  live.add(proc);
  // The harness must not keep the parent alive by itself; stop() is what ends them.
  child.unref();
  return proc;
}

/** A port the OS says is free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls cond until it returns a truthy value; fails with what it waited for (and why) at the deadline. */
export async function waitUntil<T>(what: string, cond: () => Promise<T> | T, timeoutMs: number, watch: Proc[] = []): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    for (const p of watch) {
      if (!p.alive()) throw new Error(`${p.name} exited while waiting for ${what}:\n${p.tail()}`);
    }
    try {
      const v = await cond();
      if (v) return v as NonNullable<T>;
      last = undefined;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}
