// The bundle draws frames with scripts/ink/output.js instead of Ink's own Output: both must draw the
// same screen, frame after frame (ours reuses rows from earlier frames), for any mix of writes, clips,
// transforms, colors, wide characters and writes that fall partly or wholly off the screen.
import { describe, expect, it } from 'vitest';
import InkOutput from '../../node_modules/ink/build/output.js';
// @ts-expect-error plain JavaScript, bundled in place of Ink's file
import RowCachedOutput, { buildRow, cachedRows } from '../../scripts/ink/output.js';

type Op =
  | { type: 'write'; x: number; y: number; text: string; transformers: ((s: string, i: number) => string)[] }
  | { type: 'clip'; clip: { x1?: number; x2?: number; y1?: number; y2?: number } }
  | { type: 'unclip' };

interface Drawable {
  write(x: number, y: number, text: string, o: { transformers: ((s: string, i: number) => string)[] }): void;
  clip(c: object): void;
  unclip(): void;
  get(): { output: string; height: number };
}

function draw(Out: new (o: { width: number; height: number }) => Drawable, width: number, height: number, ops: Op[]) {
  const out = new Out({ width, height });
  for (const op of ops) {
    if (op.type === 'write') out.write(op.x, op.y, op.text, { transformers: op.transformers });
    else if (op.type === 'clip') out.clip(op.clip);
    else out.unclip();
  }
  return out.get();
}

// A small seeded generator, so a failure names a case that can be run again.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const words = ['web-7f9c', 'Running', '1/1', '\x1b[31mCrashLoopBackOff\x1b[39m', '\x1b[1m\x1b[36mNAME\x1b[39m\x1b[22m', '日本語', '🙂ok', 'a\tb', '', '  ', '\x1b[7m selected row \x1b[27m', 'x'.repeat(90)];
const upper = (s: string) => s.toUpperCase();
const green = (s: string, i: number) => (i % 2 ? s : `\x1b[32m${s}\x1b[39m`);

function randomFrame(r: () => number, width: number, height: number): Op[] {
  const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const ops: Op[] = [];
  let depth = 0;
  for (let n = int(1, 30); n > 0; n--) {
    const k = r();
    if (k < 0.12) {
      const clip: { x1?: number; x2?: number; y1?: number; y2?: number } = {};
      if (r() < 0.7) Object.assign(clip, { x1: int(-2, width), x2: int(0, width + 2) });
      if (r() < 0.7) Object.assign(clip, { y1: int(-2, height), y2: int(0, height + 2) });
      ops.push({ type: 'clip', clip });
      depth++;
    } else if (k < 0.2 && depth > 0) {
      ops.push({ type: 'unclip' });
      depth--;
    } else {
      const lines = Array.from({ length: int(1, 4) }, () => Array.from({ length: int(1, 4) }, () => pick(words)).join(' '));
      const transformers = r() < 0.3 ? [pick([upper, green])] : [];
      ops.push({ type: 'write', x: int(-3, width + 2), y: int(-2, height + 1), text: lines.join('\n'), transformers });
    }
  }
  return ops;
}

describe('the bundle\'s Output (scripts/ink/output.js)', () => {
  it('draws what Ink 6.8 draws, over many random frames, reusing rows between frames', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const r = rng(seed);
      const width = 20 + Math.floor(r() * 60);
      const height = 1 + Math.floor(r() * 12);
      const frame = randomFrame(r, width, height);
      const next = [...frame.slice(0, Math.floor(frame.length / 2)), ...randomFrame(r, width, height)];
      for (const ops of [frame, next, frame]) {
        expect(draw(RowCachedOutput, width, height, ops), `seed ${seed}`).toEqual(draw(InkOutput as never, width, height, ops));
      }
    }
  });

  it('draws a table whose one row changes: only that row differs', () => {
    const table = (status: string): Op[] =>
      ['NAME   STATUS', `web-1  ${status}`, 'web-2  Running'].map((text, y) => ({ type: 'write', x: 0, y, text, transformers: [] }));
    const first = draw(RowCachedOutput, 30, 3, table('Running'));
    const second = draw(RowCachedOutput, 30, 3, table('\x1b[31mError\x1b[39m'));
    expect(first.output.split('\n')).toEqual(['NAME   STATUS', 'web-1  Running', 'web-2  Running']);
    expect(second.output.split('\n')).toEqual(['NAME   STATUS', 'web-1  \x1b[31mError\x1b[39m', 'web-2  Running']);
  });

  it('draws rows in one style each (a tone, the selected row, dimmed, bold) as Ink does, at any place and width', () => {
    const r = rng(7);
    // As chalk writes them for Ink's <Text color inverse dimColor bold>, and two lines left open or reset.
    const sgr = (open: string, close: string) => (s: string) => `${open}${s}${close}`;
    const styles = [
      sgr('\x1b[33m', '\x1b[39m'), sgr('\x1b[31m', '\x1b[39m'), sgr('\x1b[7m', '\x1b[27m'), sgr('\x1b[2m', '\x1b[22m'), sgr('\x1b[1m', '\x1b[22m'),
      sgr('\x1b[90m\x1b[2m', '\x1b[22m\x1b[39m'), sgr('\x1b[7m\x1b[1m', '\x1b[22m\x1b[27m'), sgr('\x1b[33m\x1b[2m\x1b[1m', '\x1b[22m\x1b[22m\x1b[39m'),
      sgr('\x1b[0m', ''), sgr('\x1b[31m', ''), sgr('\x1b[38;5;208m', '\x1b[39m'),
    ];
    for (let n = 0; n < 300; n++) {
      const width = 1 + Math.floor(r() * 30);
      const text = Array.from({ length: Math.floor(r() * 35) + 1 }, () => 'ab -1/9'[Math.floor(r() * 7)]).join('');
      const line = styles[Math.floor(r() * styles.length)](text);
      const ops: Op[] = [{ type: 'write', x: Math.floor(r() * 4), y: 0, text: line, transformers: [] }];
      expect(draw(RowCachedOutput, width, 1, ops), JSON.stringify(ops)).toEqual(draw(InkOutput as never, width, 1, ops));
    }
  });

  it('builds a row from its writes, a later write over an earlier one', () => {
    expect(buildRow(12, [0, 'aaaaaaaa', 2, 'bb'])).toBe('aabbaaaa');
    expect(buildRow(6, [4, '日本'])).toBe('    日本');
  });
});

describe('the Ink the tests render with', () => {
  it('draws with the bundle\'s Output, as users run it (vitest.config.ts swaps it in)', async () => {
    const { render } = await import('ink-testing-library');
    const { Text } = await import('ink');
    const React = await import('react');
    const before = cachedRows();
    const app = render(React.createElement(Text, null, 'drawn by the bundle\'s Output'));
    expect(app.lastFrame()).toBe('drawn by the bundle\'s Output');
    expect(cachedRows()).toBeGreaterThan(before);
    app.unmount();
  });
});
