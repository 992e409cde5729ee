import { describe, expect, it } from 'vitest';
import { findMatches, highlight, truncateColumns, visibleWidth, wrapColumns } from '../../src/text/ansiText.js';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('wrapColumns', () => {
  it('cuts ASCII into rows of the width', () => {
    expect(wrapColumns('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapColumns('', 4)).toEqual(['']);
  });

  it('counts wide characters as two columns', () => {
    const rows = wrapColumns('日本語テキスト', 5);
    expect(rows.map(plain)).toEqual(['日本', '語テ', 'キス', 'ト']);
    for (const r of rows) expect(visibleWidth(r)).toBeLessThanOrEqual(5);
  });

  it('carries colours across rows and closes them at each row end', () => {
    const rows = wrapColumns('\x1b[31mabcdef\x1b[0mgh', 4);
    expect(rows.map(plain)).toEqual(['abcd', 'efgh']);
    expect(rows[0]).toBe('\x1b[31mabcd\x1b[0m');
    expect(rows[1].startsWith('\x1b[31mef')).toBe(true);
  });

  it('stops after maxRows', () => {
    expect(wrapColumns('x'.repeat(1000), 10, 3)).toHaveLength(3);
  });
});

describe('truncateColumns', () => {
  it('fits to the width with an ellipsis', () => {
    expect(truncateColumns('hello world', 5)).toBe('hell…');
    expect(truncateColumns('hi', 5)).toBe('hi');
    const t = truncateColumns('\x1b[32m日本語テキスト\x1b[0m', 6);
    expect(visibleWidth(t)).toBeLessThanOrEqual(6);
    expect(plain(t).endsWith('…')).toBe(true);
  });
});

describe('search highlighting', () => {
  it('finds matches with smart case', () => {
    expect(findMatches('Error error ERROR', 'error')).toHaveLength(3);
    expect(findMatches('Error error ERROR', 'Error')).toEqual([{ start: 0, end: 5 }]);
  });

  it('wraps each match in a highlight', () => {
    const h = highlight('GET /a 500 GET /b', findMatches('GET /a 500 GET /b', 'get'));
    expect(h).toBe('\x1b[30;43mGET\x1b[0m /a 500 \x1b[30;43mGET\x1b[0m /b');
  });
});
