import { describe, expect, it } from 'vitest';
// @ts-expect-error the benchmark's report is plain JavaScript
import { mergeRealResults, realMarkdown, realReadmeTable } from '../../bench/lib/realReport.mjs';

const row = (label: string, ms: number, load: number[]) => ({ label, pods: 1000, scope: '-n x', user: 'admin', load, loadAfter: load, rawList: { ms: 100 }, kdash: { ms, firstRowsMs: ms / 2 } });
const full = {
  target: 'real',
  scale: 1,
  date: '2026-12-01T10:00:00.000Z',
  server: 'kube-apiserver',
  k9s: 'v0.50.16',
  loadAtStart: [1, 1, 1],
  loadAtEnd: [2, 2, 2],
  seconds: 1900,
  startup: [row('1k in one namespace', 500, [1, 1, 1]), row('10k in one namespace', 3000, [1, 1, 1])],
  student: [row('1k, namespace-restricted student', 400, [1, 1, 1])],
  once: [],
  delayed: [],
  churn: [{ churn: 10, kdash: { cpuPercent: 3 } }, { churn: 100, kdash: { cpuPercent: 14 } }],
  audit: { requests: 1, order: ['old'], userAgents: ['kdash'] },
  notes: ['full note'],
};

describe('a partial real-target run merged into the last full one', () => {
  it('replaces only the rows it measured, and says which run measured what', () => {
    const part = { ...full, date: '2026-12-07T11:00:00.000Z', only: ['startup'], seconds: 600, loadAtStart: [5, 5, 5], startup: [row('10k in one namespace', 2000, [5, 5, 5])], student: [], churn: [{ churn: 100, kdash: { cpuPercent: 4 } }], audit: null, notes: ['part note'] };
    const merged = mergeRealResults(full, part);
    expect(merged.startup.map((s: { label: string; kdash: { ms: number } }) => [s.label, s.kdash.ms])).toEqual([
      ['1k in one namespace', 500],
      ['10k in one namespace', 2000],
    ]);
    expect(merged.student).toHaveLength(1);
    expect(merged.churn.map((c: { kdash: { cpuPercent: number } }) => c.kdash.cpuPercent)).toEqual([3, 4]);
    expect(merged.audit.order).toEqual(['old']);
    expect(merged.notes).toEqual(['full note', '2026-12-07 11:00 (`--only startup`): part note']);
    const md = realMarkdown(merged);
    expect(md).toContain('- 2026-12-01 10:00 UTC, the full run');
    expect(md).toContain('- 2026-12-07 11:00 UTC, `--only startup`');
    expect(realReadmeTable(merged)).toContain('Measured 2026-12-01 (the full run) and 2026-12-07 (`--only startup`)');
    // A second partial run adds its part; the first stays listed.
    const again = mergeRealResults(merged, { ...part, date: '2026-12-08T09:00:00.000Z', only: ['churn'], startup: [] });
    expect(again.parts.map((p: { only: string[] }) => p.only.join(' '))).toEqual(['', 'startup', 'churn']);
  });
});

describe('the recovery target', () => {
  const recoveryRow = (recovery: object) => realMarkdown({ ...full, recovery }).split('\n').find((l: string) => l.startsWith('| recovery after'));
  it('says when kdash was live before /readyz passed, and judges the server-count time', () => {
    const line = recoveryRow({ msToLive: -4964, msToServerCount: 273, ghostRows: 0 });
    expect(line).toContain('live again 4964 ms before /readyz passed');
    expect(line).toContain("the server's count 273 ms after /readyz");
    expect(line).toMatch(/\| yes \|$/);
  });
  it('is not met when the server count comes late, or with ghost rows', () => {
    expect(recoveryRow({ msToLive: 800, msToServerCount: 7000, ghostRows: 0 })).toMatch(/\*\*no\*\* \|$/);
    expect(recoveryRow({ msToLive: 800, msToServerCount: 900, ghostRows: 2 })).toMatch(/\*\*no\*\* \|$/);
    expect(recoveryRow({ msToLive: 800, msToServerCount: null, ghostRows: 0 })).toContain("the server's count never shown");
  });
});
