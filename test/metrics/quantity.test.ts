import { describe, expect, it } from 'vitest';
import {
  cpuToMilli,
  formatBytes,
  formatCompact,
  formatCpuMilli,
  formatQuantity,
  formatUsedHard,
  memToBytes,
  parseQuantity,
  quantityKind,
  tryParseQuantity,
} from '../../src/metrics/quantity.js';

const Ki = 1024;
const Mi = Ki ** 2;
const Gi = Ki ** 3;

describe('parseQuantity', () => {
  const table: Array<[string, number]> = [
    // plain numbers
    ['0', 0],
    ['1', 1],
    ['2', 2],
    ['007', 7],
    ['1.5', 1.5],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['1.', 1],
    ['1234567', 1234567],
    // signs
    ['+1', 1],
    ['-1', -1],
    ['-0', 0],
    ['-1.5', -1.5],
    ['+250m', 0.25],
    ['-100Mi', -100 * Mi],
    // decimal SI
    ['1n', 1e-9],
    ['123456789n', 0.123456789],
    ['1u', 1e-6],
    ['500u', 0.0005],
    ['1m', 0.001],
    ['100m', 0.1],
    ['250m', 0.25],
    ['1500m', 1.5],
    ['0.5m', 0.0005],
    ['1k', 1000],
    ['1.5k', 1500],
    ['1M', 1e6],
    ['128M', 128e6],
    ['1G', 1e9],
    ['2.5G', 2.5e9],
    ['1T', 1e12],
    ['1P', 1e15],
    ['1E', 1e18],
    ['0m', 0],
    ['0Gi', 0],
    // binary SI, including fractional (client-node's helper throws on these)
    ['1Ki', Ki],
    ['1Mi', Mi],
    ['45Mi', 45 * Mi],
    ['1Gi', Gi],
    ['1.5Gi', 1.5 * Gi],
    ['0.5Gi', 512 * Mi],
    ['.25Mi', 256 * Ki],
    ['2Ti', 2 * Ki ** 4],
    ['1Pi', Ki ** 5],
    ['1Ei', Ki ** 6],
    ['1.5Ki', 1536],
    // exponents
    ['1e3', 1000],
    ['1E3', 1000],
    ['1e-3', 0.001],
    ['1E-3', 0.001],
    ['1.5e2', 150],
    ['1.5E+2', 150],
    ['12e0', 12],
    ['-2e1', -20],
    ['5e-9', 5e-9],
  ];
  it.each(table)('parses %s', (text, expected) => {
    const v = parseQuantity(text);
    expect(v).toBeCloseTo(expected, 12);
    expect(Math.abs(v - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-15);
  });

  it('gives exact decimal values, not float products (100m is 0.1)', () => {
    expect(parseQuantity('100m')).toBe(0.1);
    expect(parseQuantity('300m')).toBe(0.3);
    expect(parseQuantity('1.1')).toBe(1.1);
  });

  const malformed = [
    '',
    ' ',
    ' 1',
    '1 ',
    '1 Gi',
    '12x',
    'abc',
    '1K', // kilo is lower-case k
    '1ki',
    '1gi',
    '1mi',
    '1Kib',
    'Gi',
    '.',
    '-',
    '+',
    '--1',
    '1..5',
    '1.5.5',
    '1e',
    '1e+',
    '1e1.5',
    '1Gi1',
    '0x10',
    '1,5',
    'NaN',
    'Infinity',
    '1e400',
    '\u001b[31m1',
  ];
  it.each(malformed)('rejects %j with a clear error', (text) => {
    expect(() => parseQuantity(text)).toThrow(/quantity/);
    expect(tryParseQuantity(text)).toBeUndefined();
  });

  it('names the bad input in the error message', () => {
    expect(() => parseQuantity('12x')).toThrow('invalid quantity "12x"');
  });

  it('rejects non-strings in tryParseQuantity but passes finite numbers through', () => {
    expect(tryParseQuantity(undefined)).toBeUndefined();
    expect(tryParseQuantity(null)).toBeUndefined();
    expect(tryParseQuantity(3)).toBe(3);
    expect(tryParseQuantity(NaN)).toBeUndefined();
    expect(tryParseQuantity({} as any)).toBeUndefined();
  });
});

describe('cpuToMilli and memToBytes', () => {
  it.each<[string, number]>([
    ['250m', 250],
    ['1', 1000],
    ['1.5', 1500],
    ['0.1', 100],
    ['2k', 2_000_000],
    ['123456789n', 123.456789],
    ['500u', 0.5],
    ['1e-3', 1],
  ])('cpu %s is %d millicores', (text, milli) => {
    expect(cpuToMilli(text)).toBeCloseTo(milli, 9);
  });

  it.each<[string, number]>([
    ['128Mi', 128 * Mi],
    ['1.5Gi', 1.5 * Gi],
    ['1.5Ki', 1536],
    ['1G', 1e9],
    ['100m', 1], // rounded up, like Quantity.Value()
    ['1e3', 1000],
  ])('memory %s is %d bytes', (text, bytes) => {
    expect(memToBytes(text)).toBe(bytes);
  });

  it('throws on malformed input', () => {
    expect(() => cpuToMilli('lots')).toThrow('invalid quantity "lots"');
    expect(() => memToBytes('1 Gi')).toThrow('invalid quantity');
  });
});

describe('formatting like kubectl', () => {
  it('formats CPU like kubectl top (MilliValue, rounded up)', () => {
    expect(formatCpuMilli(12)).toBe('12m');
    expect(formatCpuMilli(0)).toBe('0m');
    expect(formatCpuMilli(0.2)).toBe('1m');
    expect(formatCpuMilli(12.000000000001)).toBe('12m');
    expect(formatCpuMilli(1500)).toBe('1500m');
    expect(formatCpuMilli(NaN)).toBe('n/a');
  });

  it('formats memory like kubectl top (whole Mi)', () => {
    expect(formatBytes(47185920)).toBe('45Mi');
    expect(formatBytes(0)).toBe('0Mi');
    expect(formatBytes(Mi - 1)).toBe('0Mi');
    expect(formatBytes(3 * Gi)).toBe('3072Mi');
    expect(formatBytes(Infinity)).toBe('n/a');
  });

  it('formats quota quantities canonically (kubectl describe quota)', () => {
    expect(formatQuantity(1.2, 'cpu')).toBe('1200m');
    expect(formatQuantity(2, 'cpu')).toBe('2');
    expect(formatQuantity(0, 'cpu')).toBe('0');
    expect(formatQuantity(0.1 + 0.2, 'cpu')).toBe('300m');
    expect(formatQuantity(2 * Gi, 'memory')).toBe('2Gi');
    expect(formatQuantity(1152 * Mi, 'memory')).toBe('1152Mi');
    expect(formatQuantity(1536, 'memory')).toBe('1536');
    expect(formatQuantity(1000, 'memory')).toBe('1000');
    expect(formatQuantity(0, 'memory')).toBe('0');
    expect(formatQuantity(7, 'count')).toBe('7');
  });

  it('round-trips canonical text through the parser', () => {
    for (const [text, kind] of [['1200m', 'cpu'], ['2', 'cpu'], ['2Gi', 'memory'], ['1152Mi', 'memory'], ['20', 'count']] as const) {
      expect(formatQuantity(parseQuantity(text), kind)).toBe(text);
    }
  });

  it('formats compact header values', () => {
    expect(formatCompact(1.2, 'cpu')).toBe('1.2');
    expect(formatCompact(2, 'cpu')).toBe('2');
    expect(formatCompact(0.25, 'cpu')).toBe('0.25');
    expect(formatCompact(1.1 * Gi, 'memory')).toBe('1.1Gi');
    expect(formatCompact(512 * Mi, 'memory')).toBe('512Mi');
    expect(formatCompact(7, 'count')).toBe('7');
    expect(formatUsedHard(1.2, 2, 'cpu')).toBe('1.2/2');
    expect(formatUsedHard(1.1 * Gi, 2 * Gi, 'memory')).toBe('1.1/2Gi');
    expect(formatUsedHard(384 * Mi, 2 * Gi, 'memory')).toBe('0.4/2Gi');
    expect(formatUsedHard(7, 20, 'count')).toBe('7/20');
  });

  it('knows the unit family of quota resource names', () => {
    expect(quantityKind('requests.cpu')).toBe('cpu');
    expect(quantityKind('limits.cpu')).toBe('cpu');
    expect(quantityKind('cpu')).toBe('cpu');
    expect(quantityKind('requests.memory')).toBe('memory');
    expect(quantityKind('limits.memory')).toBe('memory');
    expect(quantityKind('requests.storage')).toBe('memory');
    expect(quantityKind('pods')).toBe('count');
    expect(quantityKind('count/deployments.apps')).toBe('count');
  });
});
