import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/logs/lineSplitter.js';

const enc = new TextEncoder();

describe('LineSplitter', () => {
  it('joins lines split across chunks', () => {
    const sp = new LineSplitter();
    expect(sp.push('hel')).toEqual([]);
    expect(sp.push('lo\nwor')).toEqual(['hello']);
    expect(sp.push('ld\n\nx')).toEqual(['world', '']);
    expect(sp.flush()).toEqual(['x']);
    expect(sp.flush()).toEqual([]);
  });

  it('keeps a multi-byte UTF-8 character split across chunks intact', () => {
    const bytes = enc.encode('日本€😀\n');
    const sp = new LineSplitter();
    const lines: string[] = [];
    for (const b of bytes) lines.push(...sp.push(new Uint8Array([b]))); // one byte at a time
    expect(lines).toEqual(['日本€😀']);
  });

  it('turns invalid UTF-8 into U+FFFD without losing the rest of the line', () => {
    const sp = new LineSplitter();
    const lines = sp.push(new Uint8Array([0x61, 0xff, 0xfe, 0x62, 0xc3, 0x0a, 0x63, 0x0a]));
    expect(lines).toEqual(['a\uFFFD\uFFFDb\uFFFD', 'c']);
  });

  it('reports a truncated UTF-8 character at the end of the stream', () => {
    const sp = new LineSplitter();
    expect(sp.push(new Uint8Array([0x61, 0xe6, 0x97]))).toEqual([]);
    expect(sp.flush()).toEqual(['a\uFFFD']);
  });

  it('strips CRLF, also when CR and LF arrive in different chunks', () => {
    const sp = new LineSplitter();
    expect(sp.push(enc.encode('one\r\ntwo\r'))).toEqual(['one']);
    expect(sp.push(enc.encode('\nthree\r\n'))).toEqual(['two', 'three']);
  });

  it('truncates a very long line with a marker and bounded memory', () => {
    const sp = new LineSplitter(100);
    const out: string[] = [];
    for (let i = 0; i < 1000; i++) out.push(...sp.push('x'.repeat(1000))); // 1M chars, no newline
    expect(out).toEqual([]);
    expect((sp as any).pending.length).toBeLessThanOrEqual(100);
    out.push(...sp.push('\nnext\n'));
    expect(out).toHaveLength(2);
    expect(out[0].startsWith('x'.repeat(100))).toBe(true);
    expect(out[0]).toContain('999900 more characters truncated');
    expect(out[1]).toBe('next');
  });

  it('does not split a surrogate pair when truncating', () => {
    const sp = new LineSplitter(3);
    const [line] = sp.push('ab😀cd\n');
    expect(line.startsWith('ab …')).toBe(true);
    expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
