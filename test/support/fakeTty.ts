// A terminal for a shell or an attach to borrow in tests: keys typed into it, and what the remote side
// wrote, as text. The same handoff module as the real dashboard (src/app/terminalHandoff.ts).
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { createTerminalHandoff } from '../../src/app/terminalHandoff.js';

/** A TTY's two ends as the handoff sees them: keys typed into stdin, and each write to the screen in order. */
export function ttyEnds(columns = 100, rows = 30) {
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    isRaw: false,
    setRawMode(mode: boolean) {
      stdin.isRaw = mode;
      return stdin;
    },
  });
  const writes: string[] = [];
  const stdout = Object.assign(new EventEmitter(), {
    isTTY: true,
    columns,
    rows,
    write(data: string | Uint8Array) {
      writes.push(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
      return true;
    },
  });
  return { stdin, stdout, writes };
}

export function fakeTty(columns = 100, rows = 30) {
  const { stdin, stdout, writes } = ttyEnds(columns, rows);
  return {
    handoff: createTerminalHandoff(stdin, stdout),
    type: (text: string) => void stdin.write(text),
    /** Everything written since the start (escape sequences included). */
    screen: () => writes.join(''),
    resize(c: number, r: number) {
      stdout.columns = c;
      stdout.rows = r;
      stdout.emit('resize');
    },
  };
}
