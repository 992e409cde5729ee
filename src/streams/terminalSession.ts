// A shell or an attach in a container, on a terminal kdash has lent (src/app/terminalHandoff.ts): raw
// keys to the remote TTY (ctrl-c and ctrl-d included), the size sent first and on every resize, and one
// line at the end — the exit code, the server's reason, or "connection lost". A shell tries each
// command in turn (bash, then sh, like k9s) while the previous one could not start.
import type { KubeConfig } from '@kubernetes/client-node';
import { describeError } from '../kube/errors.js';
import { attachStream, execStream, type ExecTarget, type StreamEnd, type StreamSession } from '../kube/streams.js';

/** What a lent terminal offers (src/views/ports.ts HandedTerminal has this shape). */
export interface RawTerminal {
  size(): { columns: number; rows: number };
  write(data: string | Uint8Array): void;
  onInput(fn: (data: Buffer) => void): () => void;
  onResize(fn: (size: { columns: number; rows: number }) => void): () => void;
}

export interface SessionResult {
  ok: boolean;
  message: string;
}

/** The shells tried when none is configured, in order. */
export const DEFAULT_SHELLS = [['bash'], ['sh']];

/** ctrl-p ctrl-q: leave an attach without ending the process (docker's and kubectl's detach keys). */
const DETACH = Buffer.from([0x10, 0x11]);

/** A command that could not start (no such binary) as runtimes and kwok report it, or sh's 127/126. */
export function couldNotStart(end: StreamEnd): boolean {
  if (end.kind === 'exit') return end.code === 127 || end.code === 126;
  if (end.kind === 'error') return /not found|no such file|executable file|cannot run|permission denied/i.test(end.message);
  return false;
}

/** One line for how it ended. */
export function endLine(what: string, end: StreamEnd): SessionResult {
  if (end.kind === 'exit') return { ok: end.code === 0, message: `${what} ended: exit code ${end.code}` };
  if (end.kind === 'lost') return { ok: false, message: `${what}: ${end.message}` };
  return { ok: false, message: `${what}: ${end.message}` };
}

type Open = (handlers: { onStdout(b: Buffer): void }) => Promise<StreamSession>;

/** Runs one remote TTY on the terminal until it ends; 'typed' says whether the person typed anything. */
async function runOnTerminal(term: RawTerminal, open: Open, opts: { detach?: boolean }): Promise<{ end: StreamEnd; typed: boolean; detached: boolean }> {
  let typed = false;
  let detached = false;
  const session = await open({ onStdout: (b) => term.write(b) });
  const size = term.size();
  session.resize(size.columns, size.rows);
  let last = 0;
  const offInput = term.onInput((data) => {
    typed = true;
    if (opts.detach) {
      const prev = last;
      last = data[data.length - 1];
      if ((prev === 0x10 && data[0] === 0x11) || data.includes(DETACH)) {
        detached = true;
        session.close();
        return;
      }
    }
    session.write(data);
  });
  const offResize = term.onResize((s) => session.resize(s.columns, s.rows));
  try {
    const end = await session.ended;
    return { end, typed, detached };
  } finally {
    offInput();
    offResize();
  }
}

/** A shell in the container: each command of `shells` in turn until one starts. */
export async function runShell(kc: KubeConfig, target: ExecTarget, shells: string[][], term: RawTerminal): Promise<SessionResult> {
  const what = `shell in ${target.pod}${target.container ? `/${target.container}` : ''}`;
  let last: StreamEnd | undefined;
  for (const cmd of shells) {
    try {
      const r = await runOnTerminal(term, (h) => execStream(kc, target, cmd, { stdin: true, tty: true, onStdout: h.onStdout }), {});
      last = r.end;
      if (!r.typed && couldNotStart(r.end) && cmd !== shells[shells.length - 1]) continue;
      return endLine(what, r.end);
    } catch (err) {
      return { ok: false, message: `${what}: ${describeError(err)}` };
    }
  }
  return endLine(what, last ?? { kind: 'error', message: 'no shell to try' });
}

/** Attaches to the container's main process; ctrl-p ctrl-q detaches and leaves it running. */
export async function runAttach(kc: KubeConfig, target: ExecTarget, tty: boolean, term: RawTerminal): Promise<SessionResult> {
  const what = `attach to ${target.pod}${target.container ? `/${target.container}` : ''}`;
  try {
    term.write(`(attached to ${target.pod}: ctrl-p ctrl-q detaches)\r\n`);
    const r = await runOnTerminal(term, (h) => attachStream(kc, target, { stdin: true, tty, onStdout: h.onStdout, onStderr: h.onStdout }), { detach: true });
    if (r.detached) return { ok: true, message: `detached from ${target.pod}: it keeps running` };
    return endLine(what, r.end);
  } catch (err) {
    return { ok: false, message: `${what}: ${describeError(err)}` };
  }
}
