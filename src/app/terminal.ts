// Full-screen mode: the alternate screen while the dashboard runs, and the terminal always put
// back — on quit, on a crash, and on SIGINT/SIGTERM/SIGHUP — so the user's shell screen returns.
const ENTER = '\x1b[?1049h\x1b[H\x1b[2J';
const LEAVE = '\x1b[?25h\x1b[0m\x1b[?1049l';

let active = false;
let out: NodeJS.WriteStream = process.stdout;
const cleanups: Array<() => void> = [];

export function enterFullscreen(stdout: NodeJS.WriteStream = process.stdout): void {
  if (active) return;
  active = true;
  out = stdout;
  out.write(ENTER);
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
  out.write(LEAVE);
  while (cleanups.length) cleanups.pop()?.();
}
