import { describe, expect, it } from 'vitest';
import type { KObj } from '../../src/resources/types.js';
import { headerLines, quotaLeft, quotaLines, quotaTone } from '../../src/metrics/quota.js';
import { quotaSummaryLine } from '../../src/metrics/onceSummary.js';

const Gi = 1024 ** 3;
const Mi = 1024 ** 2;

function quota(name: string, hard: Record<string, string>, used?: Record<string, string>): KObj {
  return { metadata: { name, namespace: 'vgauthier', uid: name }, spec: { hard }, status: { hard, used } };
}

const compute = quota(
  'compute-quota',
  { 'requests.cpu': '2', 'requests.memory': '2Gi', 'limits.cpu': '4', 'limits.memory': '4Gi', pods: '20', 'count/configmaps': '10' },
  { 'requests.cpu': '1200m', 'requests.memory': '1152Mi', 'limits.cpu': '2400m', 'limits.memory': '2304Mi', pods: '7', 'count/configmaps': '2' },
);

describe('quota lines', () => {
  it('lists the header resources first, then the others, with used/hard/ratio', () => {
    const lines = quotaLines([compute]);
    expect(lines.map((l) => l.resource)).toEqual(['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'pods', 'count/configmaps']);
    const cpu = lines[0];
    expect(cpu).toMatchObject({ quota: 'compute-quota', used: 1.2, hard: 2, usedText: '1200m', hardText: '2', tone: 'ok' });
    expect(cpu.ratio).toBeCloseTo(0.6);
    expect(lines[1]).toMatchObject({ used: 1152 * Mi, hard: 2 * Gi, usedText: '1152Mi', hardText: '2Gi' });
    expect(lines[4]).toMatchObject({ used: 7, hard: 20, usedText: '7', hardText: '20' });
  });

  it('turns yellow at 80% and red at 100%', () => {
    expect(quotaTone(0.79)).toBe('ok');
    expect(quotaTone(0.8)).toBe('warn');
    expect(quotaTone(0.99)).toBe('warn');
    expect(quotaTone(1)).toBe('error');
    expect(quotaTone(1.5)).toBe('error');
    expect(quotaTone(undefined)).toBeUndefined();
    const q = quota('q', { 'requests.cpu': '2', pods: '10', 'requests.memory': '1Gi' }, { 'requests.cpu': '1600m', pods: '10', 'requests.memory': '809Mi' });
    expect(quotaLines([q]).map((l) => l.tone)).toEqual(['warn', 'ok', 'error']);
  });

  it('shows a line without usage as unknown until the quota controller fills status.used', () => {
    const q: KObj = { metadata: { name: 'new', uid: 'n' }, spec: { hard: { pods: '5' } } };
    expect(quotaLines([q])).toEqual([expect.objectContaining({ resource: 'pods', used: undefined, usedText: '?', tone: undefined })]);
  });

  it('treats a hard limit of 0 as full', () => {
    const q = quota('none', { pods: '0' }, { pods: '0' });
    expect(quotaLines([q])[0].tone).toBe('error');
  });

  it('skips malformed quantities rather than crashing', () => {
    const q = quota('bad', { pods: 'many', 'requests.cpu': '1' }, { 'requests.cpu': 'x' });
    expect(quotaLines([q]).map((l) => [l.resource, l.usedText])).toEqual([['requests.cpu', '?']]);
  });

  it('keeps the tightest quota per header resource, with bare cpu meaning requests.cpu', () => {
    const loose = quota('loose', { cpu: '10' }, { cpu: '1200m' });
    const lines = headerLines([loose, compute]);
    expect(lines.map((l) => [l.resource, l.quota])).toEqual([
      ['requests.cpu', 'compute-quota'],
      ['requests.memory', 'compute-quota'],
      ['limits.cpu', 'compute-quota'],
      ['limits.memory', 'compute-quota'],
      ['pods', 'compute-quota'],
    ]);
  });

  it('computes what is left under the tightest quota', () => {
    expect(quotaLeft([compute], 'requests.cpu')).toBeCloseTo(0.8);
    expect(quotaLeft([compute, quota('other', { cpu: '1.5' }, { cpu: '1' })], 'cpu')).toBeCloseTo(0.5);
    expect(quotaLeft([compute], 'pods')).toBe(13);
    expect(quotaLeft([compute], 'services')).toBeUndefined();
    expect(quotaLeft([], 'pods')).toBeUndefined();
  });
});

describe('--once quota summary', () => {
  it('prints one line per quota with used/hard', () => {
    expect(quotaSummaryLine([compute])).toBe(
      'quota compute-quota: cpu 1.2/2  memory 1.1Gi/2Gi  limits.cpu 2.4/4  limits.memory 2.3Gi/4Gi  pods 7/20',
    );
  });

  it('is empty without quotas and does not let names carry control sequences', () => {
    expect(quotaSummaryLine([])).toBe('');
    const evil = quota('x\u001b[2Jy', { pods: '2' }, { pods: '1' });
    const line = quotaSummaryLine([evil]);
    expect(line).not.toContain('\u001b');
    expect(line).toMatch(/^quota x.*y: pods 1\/2$/);
  });
});
