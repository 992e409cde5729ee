import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTerminalHandoff } from '../../src/app/terminalHandoff.js';
import { ttyEnds } from '../support/fakeTty.js';

const fakeTty = () => {
  const { stdin, stdout, writes } = ttyEnds();
  return { stdin, stdout, screen: writes };
};

/** The dashboard's side: Ink reads keys with a 'readable' listener in raw mode. */
function dashboardKeys(stdin: PassThrough & { setRawMode(m: boolean): unknown }) {
  const keys: string[] = [];
  stdin.setEncoding('utf8');
  stdin.setRawMode(true);
  stdin.on('readable', () => {
    let c;
    while ((c = stdin.read()) !== null) keys.push(String(c));
  });
  return keys;
}

const tick = () => new Promise((r) => setImmediate(r));

describe('terminal handoff', () => {
  it('gives every key to the borrower and none to the dashboard, then gives the keys back', async () => {
    const { stdin, stdout } = fakeTty();
    const dash = dashboardKeys(stdin);
    const handoff = createTerminalHandoff(stdin, stdout);
    const borrowed: string[] = [];
    await handoff.run(async (t) => {
      t.onInput((b) => borrowed.push(b.toString()));
      stdin.write('ls\r\x03\x04');
      await tick();
      expect(stdin.isRaw).toBe(true);
    });
    expect(borrowed.join('')).toBe('ls\r\x03\x04');
    expect(dash).toEqual([]);
    stdin.write('j');
    await tick();
    expect(dash).toEqual(['j']);
    expect(stdin.isRaw).toBe(true);
  });

  it("drops the dashboard's frames while lent, resets what the borrower left on, and repaints", async () => {
    const { stdin, stdout, screen } = fakeTty();
    dashboardKeys(stdin);
    const handoff = createTerminalHandoff(stdin, stdout);
    let repaints = 0;
    handoff.setRepaint(() => {
      repaints++;
      stdout.write('FRAME');
    });
    await handoff.run(async (t) => {
      stdout.write('dashboard frame while away');
      // A program that leaves raw mode, the alternate screen, a hidden cursor, mouse reporting and red on.
      t.write('\x1b[?1049h\x1b[?25l\x1b[?1000h\x1b[31mbye');
    });
    const all = screen.join('');
    expect(all).not.toContain('dashboard frame while away');
    expect(all.indexOf('\x1b[?1049l')).toBeLessThan(all.indexOf('bye'));
    const after = all.slice(all.indexOf('bye'));
    for (const reset of ['\x1b[0m', '\x1b[?1000l', '\x1b[?25h', '\x1b[?1049h', '\x1b[2J']) expect(after).toContain(reset);
    expect(after.endsWith('FRAME')).toBe(true);
    expect(repaints).toBe(1);
    stdout.write('next frame');
    expect(screen.at(-1)).toBe('next frame');
  });

  it('passes resizes on and restores the dashboard when the borrower fails', async () => {
    const { stdin, stdout } = fakeTty();
    const dash = dashboardKeys(stdin);
    const handoff = createTerminalHandoff(stdin, stdout);
    const sizes: string[] = [];
    await expect(
      handoff.run(async (t) => {
        t.onResize((s) => sizes.push(`${s.columns}x${s.rows}`));
        stdout.columns = 120;
        stdout.rows = 40;
        stdout.emit('resize');
        throw new Error('connection lost');
      }),
    ).rejects.toThrow('connection lost');
    expect(sizes).toEqual(['120x40']);
    stdin.write('k');
    await tick();
    expect(dash).toEqual(['k']);
  });

  it('says there is no terminal to lend when stdin is not a TTY', async () => {
    const { stdin, stdout } = fakeTty();
    stdin.isTTY = false;
    const handoff = createTerminalHandoff(stdin, stdout);
    expect(handoff.available()).toBe(false);
    await expect(handoff.run(async () => 0)).rejects.toThrow(/no terminal/);
  });
});
