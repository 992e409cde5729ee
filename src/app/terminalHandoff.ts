// Lending the terminal to something else (a shell in a container, an attach, $EDITOR) while the dashboard
// stays mounted underneath, then taking it back exactly as it was. Ink keeps running (its React state —
// the view, the row, the filter — is untouched), but while the terminal is lent:
//   - its frames are dropped (the dashboard's stdout writes are swallowed; the borrower writes through
//     `HandedTerminal.write`),
//   - its stdin listeners are detached, so every key (ctrl-c, ctrl-d, esc) goes to the borrower,
//   - the alternate screen is left, the cursor shown, colours and modes reset.
// Taking it back resets whatever the borrower left behind (raw mode, alternate screen, hidden cursor,
// colours, mouse reporting, bracketed paste, scroll region …), re-enters the alternate screen and has
// Ink draw its latest frame in full.
import type { Readable } from 'node:stream';
import type { HandedTerminal, TerminalHandoff, TerminalSize } from '../views/ports.js';

export type { HandedTerminal, HandoffOptions, TerminalHandoff, TerminalSize } from '../views/ports.js';

/** What kdash's terminal looks like to the handoff: process.stdin/stdout, or test doubles of them. */
export interface HandoffStdin extends Readable {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?(mode: boolean): unknown;
}
export interface HandoffStdout {
  isTTY?: boolean;
  columns?: number;
  rows?: number;
  write(data: string | Uint8Array, ...rest: any[]): boolean;
  on(event: 'resize', fn: () => void): unknown;
  off(event: 'resize', fn: () => void): unknown;
}

export const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H\x1b[2J';
export const LEAVE_ALT_SCREEN = '\x1b[?1049l';
/**
 * Modes a program may leave on and that would make the dashboard or the user's shell unusable: colours,
 * mouse reporting (all encodings), focus events, bracketed paste, application cursor keys and keypad,
 * insert mode, origin mode and scroll region, line wrap off, the G0 charset (line drawing), and the
 * cursor shown. Used on the way out to the borrower and on the way back.
 */
export const SANE_MODES =
  '\x1b[0m\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1005l\x1b[?1006l\x1b[?1015l\x1b[?1004l\x1b[?2004l' +
  '\x1b[?1l\x1b>\x1b[4l\x1b[?6l\x1b[r\x1b[?7h\x1b(B\x1b[?25h';
/** Ink draws with the cursor hidden. */
const HIDE_CURSOR = '\x1b[?25l';

export function createTerminalHandoff(stdin: HandoffStdin, stdout: HandoffStdout): TerminalHandoff {
  let repaint: (() => void) | undefined;
  let busy = false;
  const tty = () => Boolean(stdin.isTTY && stdout.isTTY && stdin.setRawMode);
  const size = (): TerminalSize => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });

  return {
    available: tty,
    setRepaint(fn) {
      repaint = fn;
    },
    async run(borrower, opts = {}) {
      if (!tty()) throw new Error('no terminal: kdash is not running in an interactive terminal');
      if (busy) throw new Error('the terminal is already handed over');
      busy = true;
      const mode = opts.input ?? 'raw';
      const realWrite = stdout.write;
      const write = (data: string | Uint8Array) => void realWrite.call(stdout, data);
      const wasRaw = Boolean(stdin.isRaw);
      // Ink's keyboard listeners leave for the duration; they come back in the same order.
      const inkReadable = stdin.listeners('readable') as Array<(...a: unknown[]) => void>;
      const inkData = stdin.listeners('data') as Array<(...a: unknown[]) => void>;
      for (const l of inkReadable) stdin.removeListener('readable', l);
      for (const l of inkData) stdin.removeListener('data', l);
      const inputs = new Set<(d: Buffer) => void>();
      const resizes = new Set<(s: TerminalSize) => void>();
      const onData = (chunk: Buffer | string) => {
        const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        for (const fn of inputs) fn(b);
      };
      const onResize = () => {
        const s = size();
        for (const fn of resizes) fn(s);
      };
      stdout.on('resize', onResize);
      // From here on the dashboard's frames go nowhere: Ink keeps its state and draws it again on return.
      stdout.write = (() => true) as HoldWrite;
      write(LEAVE_ALT_SCREEN + SANE_MODES);
      if (mode === 'raw') {
        stdin.setRawMode?.(true);
        stdin.on('data', onData);
        stdin.resume();
      } else {
        stdin.setRawMode?.(false);
        stdin.pause();
      }
      const handed: HandedTerminal = {
        size,
        write,
        onInput(fn) {
          inputs.add(fn);
          return () => inputs.delete(fn);
        },
        onResize(fn) {
          resizes.add(fn);
          return () => resizes.delete(fn);
        },
      };
      try {
        return await borrower(handed);
      } finally {
        inputs.clear();
        resizes.clear();
        stdin.removeListener('data', onData);
        stdout.off('resize', onResize);
        try {
          stdin.setRawMode?.(wasRaw);
        } catch {
          // stdin closed under us: the exit path restores what it can
        }
        write(SANE_MODES + ENTER_ALT_SCREEN + HIDE_CURSOR);
        stdout.write = realWrite;
        // The stream settles its own listener bookkeeping on the next tick: a borrower that ended at once
        // would otherwise leave it flowing with nobody listening, and keys would be lost.
        await new Promise((r) => setImmediate(r));
        for (const l of inkData) stdin.on('data', l);
        for (const l of inkReadable) stdin.on('readable', l);
        // Reading again (a paused stream keeps its handle stopped): readable listeners take it from here.
        if (inkReadable.length || inkData.length) stdin.resume();
        else stdin.pause();
        busy = false;
        repaint?.();
      }
    },
  };
}

type HoldWrite = HandoffStdout['write'];
