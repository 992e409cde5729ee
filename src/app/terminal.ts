// Full-screen mode: the alternate screen while the dashboard runs, and the terminal always put
// back — on quit, on a crash, and on SIGINT/SIGTERM/SIGHUP — so the user's shell screen returns.
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, SANE_MODES } from './terminalHandoff.js';

const ENTER = ENTER_ALT_SCREEN;
// Whatever a shell or editor run from kdash left on (mouse reporting, colours, a hidden cursor) goes too.
const LEAVE = SANE_MODES + LEAVE_ALT_SCREEN;

let active = false;
// The stream's own write, taken on entry: a terminal handoff (src/app/terminalHandoff.ts) swaps
// `write` while a shell has the screen, and a signal then must still reach the terminal.
let rawWrite: (s: string) => void = (s) => void process.stdout.write(s);
const cleanups: Array<() => void> = [];

export function enterFullscreen(stdout: NodeJS.WriteStream = process.stdout): void {
  if (active) return;
  active = true;
  const write = stdout.write;
  rawWrite = (s) => void write.call(stdout, s);
  rawWrite(ENTER);
  const onSignal = (sig: NodeJS.Signals) => {
    restoreTerminal();
    process.exit(sig === 'SIGINT' ? 130 : sig === 'SIGHUP' ? 129 : 143);
  };
  const onCrash = (err: unknown) => {
    restoreTerminal();
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`kdash: internal error: ${msg.split('\n')[0]}\n`);
    process.exit(70);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, onSignal);
    cleanups.push(() => process.off(sig, onSignal));
  }
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  process.on('exit', restoreTerminal);
  cleanups.push(() => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    process.off('exit', restoreTerminal);
  });
}

export function restoreTerminal(): void {
  if (!active) return;
  active = false;
  try {
    if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
  } catch {
    // stdin may already be closed
  }
  rawWrite(LEAVE);
  while (cleanups.length) cleanups.pop()?.();
}
