// Renders an Ink tree the way ink-testing-library does, but with real terminal dimensions (Ink lays
// out to stdout.columns), and gives domain verbs: press(key), type(text), waitForFrame(predicate).
// No fixed sleeps: everything waits for a condition with a deadline.
import { EventEmitter } from 'node:events';
import type { ReactElement } from 'react';
import { render as inkRender } from 'ink';

class FakeStdout extends EventEmitter {
  frames: string[] = [];
  isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
  lastFrame = () => this.frames[this.frames.length - 1];
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private buffer: string | null = null;
  write = (data: string) => {
    this.buffer = data;
    this.emit('readable');
    this.emit('data', data);
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => {
    const b = this.buffer;
    this.buffer = null;
    return b;
  };
}

export const keys: Record<string, string> = {
  enter: '\r',
  esc: '\x1b',
  up: '\x1b[A',
  down: '\x1b[B',
  left: '\x1b[D',
  right: '\x1b[C',
  pgup: '\x1b[5~',
  pgdown: '\x1b[6~',
  tab: '\t',
  backspace: '\x7f',
  space: ' ',
  'ctrl+c': '\x03',
  'ctrl+d': '\x04',
  'ctrl+k': '\x0b',
  'ctrl+r': '\x12',
  'ctrl+s': '\x13',
  'ctrl+u': '\x15',
};

// Ink's frames carry colour codes; tests assert on the text a person reads.
const SGR = /\x1b\[[0-9;]*m/g;
export const plain = (s: string | undefined) => (s ?? '').replace(SGR, '');

export interface Rendered {
  stdout: FakeStdout;
  frame(): string;
  press(key: string): Promise<void>;
  type(text: string): Promise<void>;
  waitForFrame(pred: (frame: string) => boolean, what?: string, timeoutMs?: number): Promise<string>;
  waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<string>;
  resize(columns: number, rows: number): void;
  rerender(tree: ReactElement): void;
  unmount(): void;
}

const tick = () => new Promise((r) => setTimeout(r, 5));

export function renderApp(tree: ReactElement, size: { columns: number; rows: number } = { columns: 120, rows: 40 }): Rendered {
  const stdout = new FakeStdout(size.columns, size.rows);
  const stdin = new FakeStdin();
  const stderr = new FakeStdout(size.columns, size.rows);
  const inst = inkRender(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const frame = () => plain(stdout.lastFrame());
  const waitForFrame = async (pred: (f: string) => boolean, what = 'condition', timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const f = frame();
      if (pred(f)) return f;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${f}`);
      await tick();
    }
  };
  return {
    stdout,
    frame,
    async press(key: string) {
      stdin.write(keys[key] ?? key);
      await tick();
    },
    async type(text: string) {
      for (const ch of text) {
        stdin.write(ch);
        await tick();
      }
    },
    waitForFrame,
    waitFor: (pattern, timeoutMs) =>
      waitForFrame(
        (f) => (typeof pattern === 'string' ? f.includes(pattern) : pattern.test(f)),
        String(pattern),
        timeoutMs,
      ),
    resize(columns, rows) {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
    },
    rerender: (t) => inst.rerender(t),
    unmount: () => inst.unmount(),
  };
}
