import { describe, expect, it } from 'vitest';
// @ts-expect-error the benchmark's pseudo-terminal driver is plain JavaScript
import { startPty, waitFor } from '../../bench/lib/pty.mjs';
// @ts-expect-error plain JavaScript too
import { titleCounts } from '../../bench/lib/text.mjs';

type Chunk = { text: string; frame: boolean };

// A program that draws only the cells that changed (k9s through tcell) rewrites "[9500]" → "[10000]"
// by moving the cursor into the title and writing "10000]": the bench must read the screen, not the bytes.
describe("the bench's pseudo-terminal", () => {
  it('reads a title count that the program rewrote in place', async () => {
    const script = [
      "process.stdout.write('\\x1b[?1049h\\x1b[2J\\x1b[1;1HPods(ns)[9500]\\x1b[3;1Hrow-1');",
      "setTimeout(() => process.stdout.write('\\x1b[1;10H10000]'), 150);",
      'setTimeout(() => {}, 400);',
    ].join('\n');
    const term = await startPty(process.execPath, ['-e', script], { cols: 40, rows: 6 });
    const hit = await waitFor(term, (c: Chunk) => titleCounts(c.text).some((x: { count: number }) => x.count === 10000), { timeoutMs: 5000 });
    await term.exited;
    expect(hit, `screens seen: ${JSON.stringify(term.chunks.map((c: Chunk) => c.text))}`).not.toBeNull();
  });

  it('shows a synchronized frame as one screen, after the bytes before it', async () => {
    const BSU = '\\x1b[?2026h';
    const ESU = '\\x1b[?2026l';
    const script = [
      `process.stdout.write('\\x1b[?1049h\\x1b[?25l${BSU}\\x1b[1;1Hpods(a)[1]\\x1b[2;1H> one');`,
      `setTimeout(() => process.stdout.write('\\x1b[2;3Htwo${ESU}'), 100);`,
      'setTimeout(() => {}, 300);',
    ].join('\n');
    const term = await startPty(process.execPath, ['-e', script], { cols: 30, rows: 4 });
    await term.exited;
    const frames = term.chunks.filter((c: Chunk) => c.frame);
    expect(frames.map((c: Chunk) => c.text.split('\n').slice(0, 2))).toEqual([['pods(a)[1]', '> two']]);
  });
});
