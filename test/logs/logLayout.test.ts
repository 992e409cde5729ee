import { describe, expect, it } from 'vitest';
import { layout, type LayoutOptions } from '../../src/logs/logLayout.js';
import { findLine, countMatches } from '../../src/logs/logSearch.js';
import { RingBuffer } from '../../src/logs/ringBuffer.js';
import type { LogLine } from '../../src/logs/types.js';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const mk = (text: string, extra: Partial<LogLine> = {}): LogLine => ({ kind: 'log', text, plain: text, ...extra });

function buf(lines: LogLine[], cap = 100) {
  const rb = new RingBuffer<LogLine>(cap);
  for (const l of lines) rb.push(l);
  return rb;
}
const base: LayoutOptions = { width: 20, height: 3, wrap: false, timestamps: false, prefix: 'none' };

describe('layout', () => {
  it('follows the newest lines and never returns more rows than the height', () => {
    const rb = buf(Array.from({ length: 10 }, (_, i) => mk(`line ${i}`)));
    const v = layout((a, b) => rb.slice(a, b), rb.firstIndex, rb.endIndex, undefined, base);
    expect(v.rows.map(plain)).toEqual(['line 7', 'line 8', 'line 9']);
    expect(v.top).toBe(7);
    expect(v.atBottom).toBe(true);
  });

  it('shows from a fixed top when paused', () => {
    const rb = buf(Array.from({ length: 10 }, (_, i) => mk(`line ${i}`)));
    const v = layout((a, b) => rb.slice(a, b), rb.firstIndex, rb.endIndex, 2, base);
    expect(v.rows.map(plain)).toEqual(['line 2', 'line 3', 'line 4']);
    expect(v.atBottom).toBe(false);
  });

  it('wraps long lines into rows but keeps within the height', () => {
    const rb = buf([mk('a'.repeat(50)), mk('short')]);
    const v = layout((a, b) => rb.slice(a, b), rb.firstIndex, rb.endIndex, undefined, { ...base, wrap: true });
    expect(v.rows).toHaveLength(3);
    expect(v.rows.map(plain)).toEqual(['a'.repeat(20), 'a'.repeat(10), 'short']);
    const nowrap = layout((a, b) => rb.slice(a, b), rb.firstIndex, rb.endIndex, undefined, base);
    expect(nowrap.rows.map(plain)[0]).toBe('a'.repeat(19) + '…');
  });

  it('shows timestamps and colored prefixes on demand', () => {
    const rb = buf([mk('hello', { ts: '2026-11-21T21:17:34.123456789Z', source: { pod: 'web-1', container: 'app', color: 36 } })]);
    const v = layout((a, b) => rb.slice(a, b), 0, 1, undefined, { ...base, width: 80, timestamps: true, prefix: 'pod' });
    expect(plain(v.rows[0])).toBe('2026-11-21T21:17:34.123Z web-1 hello');
    expect(v.rows[0]).toContain('\x1b[36mweb-1');
  });

  it('highlights search matches', () => {
    const rb = buf([mk('GET /x 500')]);
    const v = layout((a, b) => rb.slice(a, b), 0, 1, undefined, { ...base, needle: '500' });
    expect(v.rows[0]).toContain('\x1b[30;43m500');
  });
});

describe('findLine', () => {
  const rb = buf([mk('a'), mk('err 1'), mk('b'), mk('err 2'), mk('c')]);
  const get = (a: number, b: number) => rb.slice(a, b);
  it('finds the next and previous match, wrapping around', () => {
    expect(findLine(get, 0, 5, 0, 1, 'err')).toBe(1);
    expect(findLine(get, 0, 5, 1, 1, 'err')).toBe(3);
    expect(findLine(get, 0, 5, 3, 1, 'err')).toBe(1);
    expect(findLine(get, 0, 5, 5, -1, 'err')).toBe(3);
    expect(findLine(get, 0, 5, 0, 1, 'zzz')).toBeUndefined();
    expect(countMatches(get, 0, 5, 'ERR')).toBe(0); // smart case: upper-case needle is case-sensitive
    expect(countMatches(get, 0, 5, 'err')).toBe(2);
  });
});
