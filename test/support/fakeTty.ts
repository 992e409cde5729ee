// A terminal for a shell or an attach to borrow in tests: keys typed into it, and what the remote side
// wrote, as text. The same handoff module as the real dashboard (src/app/terminalHandoff.ts).
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { createTerminalHandoff } from '../../src/app/terminalHandoff.js';

export function fakeTty(columns = 100, rows = 30) {
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    isRaw: false,
    setRawMode(mode: boolean) {
      stdin.isRaw = mode;
      return stdin;
    },
  });
  let screen = '';
  const stdout = Object.assign(new EventEmitter(), {
    isTTY: true,
    columns,
    rows,
    write(data: string | Uint8Array) {
      screen += typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
      return true;
    },
  });
  return {
    handoff: createTerminalHandoff(stdin, stdout),
    type: (text: string) => void stdin.write(text),
    /** Everything written since the start (escape sequences included). */
    screen: () => screen,
    resize(c: number, r: number) {
      stdout.columns = c;
      stdout.rows = r;
      stdout.emit('resize');
    },
  };
}
