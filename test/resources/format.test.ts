import { describe, expect, it } from 'vitest';
import {
  formatCpu,
  formatLabels,
  formatMem,
  formatRfc1123Z,
  humanDuration,
  sanitize,
  shortHumanDuration,
  translateTimestampSince,
} from '../../src/resources/format.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each([
    [-3 * s, '<invalid>'],
    [-1500, '0s'],
    [0, '0s'],
    [59 * s, '59s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [3 * m + 12 * s, '3m12s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [5 * h + 30 * m, '5h30m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d + 5 * h, '8d'],
    [400 * d, '400d'],
    [730 * d, '2y'],
    [800 * d, '2y70d'],
    [365 * 9 * d, '9y'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('shortHumanDuration', () => {
  it.each([
    [45 * s, '45s'],
    [3 * m + 12 * s, '3m'],
    [5 * h + 59 * m, '5h'],
    [3 * d, '3d'],
    [400 * d, '1y'],
  ])('%d ms → %s', (ms, text) => expect(shortHumanDuration(ms)).toBe(text));
});

describe('translateTimestampSince', () => {
  it('is <unknown> without a timestamp and ticks with now', () => {
    expect(translateTimestampSince(undefined, 0)).toBe('<unknown>');
    const t = '2024-05-01T12:00:00Z';
    const base = Date.parse(t);
    expect(translateTimestampSince(t, base + 5 * s)).toBe('5s');
    expect(translateTimestampSince(t, base + 6 * s)).toBe('6s');
  });
});

describe('kubectl top style values', () => {
  it('prints millicores and mebibytes', () => {
    expect(formatCpu(12)).toBe('12m');
    expect(formatCpu(1234.1)).toBe('1235m'); // MilliValue rounds up, as for a 1234100000n sample
    expect(formatCpu(0.1 * 3 * 1000)).toBe('300m');
    expect(formatMem(45 * 1024 * 1024 + 1000)).toBe('45Mi');
    expect(formatMem(0)).toBe('0Mi');
  });
});

describe('formatting helpers', () => {
  it('formats labels sorted, <none> when empty', () => {
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels({})).toBe('<none>');
  });
  it('formats RFC1123Z like kubectl describe', () => {
    expect(formatRfc1123Z('2024-05-01T09:03:07Z')).toBe('Wed, 01 May 2024 09:03:07 +0000');
  });
  it('neutralises terminal control sequences in cluster text', () => {
    expect(sanitize('evil\u001b]0;pwned\u0007name')).toBe('evil\uFFFD]0;pwned\uFFFDname');
    expect(sanitize('a\nb\tc\r')).toBe('a b c ');
    expect(sanitize('x\r\ny', true)).toBe('x \ny');
    expect(sanitize('a\nb', true)).toBe('a\nb');
  });
});
