// The class view's summaries, pure: which namespaces are students', and what each row says.
import { describe, expect, it } from 'vitest';
import type { KObj } from '../../src/resources/types.js';
import { ClassSelectionError, parseDuration, stateOf, studentNamespaces, summarizeClass, type ClassObjects } from '../../src/course/summary.js';
import { classCsv, classJson, classRecord } from '../../src/course/report.js';

const NOW = Date.parse('2026-03-02T09:00:00Z');
const MIN = 60_000;
const iso = (t: number) => new Date(t).toISOString();

const ns = (name: string, labels: Record<string, string> = {}): KObj => ({ metadata: { name, uid: `uid-${name}`, labels, creationTimestamp: iso(NOW - 24 * 60 * MIN) } });
const quota = (namespace: string, used: Record<string, string>): KObj => ({
  metadata: { name: 'q', namespace, uid: `q-${namespace}` },
  spec: { hard: { 'requests.cpu': '2', 'requests.memory': '2Gi', pods: '20' } },
  status: { hard: { 'requests.cpu': '2', 'requests.memory': '2Gi', pods: '20' }, used },
});
function pod(namespace: string, name: string, o: { phase?: string; startedAgo?: number; restarts?: number; lastRestartAgo?: number } = {}): KObj {
  const cs: any = { name: 'c', restartCount: o.restarts ?? 0, state: { running: { startedAt: iso(NOW - (o.startedAgo ?? 30 * MIN)) } } };
  if (o.lastRestartAgo !== undefined) cs.lastState = { terminated: { finishedAt: iso(NOW - o.lastRestartAgo), exitCode: 1 } };
  return {
    metadata: { name, namespace, uid: `${namespace}-${name}`, creationTimestamp: iso(NOW - (o.startedAgo ?? 30 * MIN) - 5000) },
    status: { phase: o.phase ?? 'Running', containerStatuses: o.phase === 'Succeeded' ? [] : [cs] },
  };
}
const parkedDeployment = (namespace: string, name: string, downAgo: number): KObj => ({
  metadata: {
    name, namespace, uid: `${namespace}-d-${name}`, creationTimestamp: iso(NOW - 5 * 24 * 60 * MIN),
    annotations: { 'kdash.dev/down-replicas': '2', 'kdash.dev/down-at': iso(NOW - downAgo) },
  },
  spec: { replicas: 0 },
});
const event = (namespace: string, ago: number): KObj => ({ metadata: { name: `e${ago}`, namespace, uid: `e-${namespace}-${ago}`, creationTimestamp: iso(NOW) }, lastTimestamp: iso(NOW - ago) });

function objects(): ClassObjects {
  return {
    namespaces: [ns('kube-system'), ns('zed', { course: 'net4255' }), ns('amy', { course: 'net4255' }), ns('student-bo'), ns('left', { course: 'net4255' })],
    quotas: [quota('zed', { 'requests.cpu': '300m', 'requests.memory': '1Gi' }), quota('amy', { 'requests.cpu': '0', 'requests.memory': '0' }), quota('left', { 'requests.cpu': '2', 'requests.memory': '512Mi' })],
    pods: [
      pod('zed', 'web-1'),
      pod('zed', 'web-2', { restarts: 7, lastRestartAgo: 50_000 }),
      pod('zed', 'old', { restarts: 4, lastRestartAgo: 3 * 60 * MIN }),
      pod('zed', 'job-done', { phase: 'Succeeded' }),
      pod('zed', 'pending', { phase: 'Pending' }),
      pod('left', 'web', { startedAgo: 19 * 60 * MIN }),
    ],
    workloads: [parkedDeployment('amy', 'webnodb', 14 * 60 * MIN), parkedDeployment('amy', 'redis', 13 * 60 * MIN)],
    events: [event('zed', 2 * MIN), event('left', 20 * 60 * MIN)],
  };
}

describe('which namespaces are students', () => {
  it('by default every namespace with a ResourceQuota, in name order', () => {
    expect(studentNamespaces(objects(), {}).map((n) => n.metadata.name)).toEqual(['amy', 'left', 'zed']);
  });
  it('by label selector (any kubectl selector), or by name prefix', () => {
    expect(studentNamespaces(objects(), { selector: 'course=net4255' }).map((n) => n.metadata.name)).toEqual(['amy', 'left', 'zed']);
    expect(studentNamespaces(objects(), { selector: 'course in (net4255),course!=other' }).map((n) => n.metadata.name)).toEqual(['amy', 'left', 'zed']);
    expect(studentNamespaces(objects(), { prefix: 'student-' }).map((n) => n.metadata.name)).toEqual(['student-bo']);
  });
  it('a bad selector is one error naming it', () => {
    expect(() => studentNamespaces(objects(), { selector: 'course in (' })).toThrow(ClassSelectionError);
    expect(() => studentNamespaces(objects(), { selector: 'course in (' })).toThrow(/bad --selector "course in \("/);
  });
});

describe('a namespace summary', () => {
  const all = objects();
  const rows = summarizeClass(studentNamespaces(all, {}), all, { now: NOW, idleMs: 2 * 60 * MIN });
  const row = (name: string) => rows.find((r) => r.namespace === name)!;

  it('counts running pods of the unfinished ones, and requests against the quota', () => {
    expect(row('zed')).toMatchObject({ running: 3, total: 4 });
    expect(row('zed').cpu).toMatchObject({ used: 0.3, hard: 2 });
    expect(row('zed').memory?.ratio).toBeCloseTo(0.5);
    expect(row('left').cpu?.ratio).toBe(1);
  });
  it('counts restarts of containers that restarted in the last hour only', () => {
    expect(row('zed').restarts).toBe(7);
    expect(NOW - row('zed').lastRestart!).toBe(50_000);
  });
  it('last activity is the newest event, pod start or object change; parked since is when down ran first', () => {
    expect(NOW - row('zed').lastActivity!).toBe(50_000); // the restart, newer than the event 2 min ago
    expect(row('amy').parked).toEqual({ objects: 2, since: NOW - 14 * 60 * MIN });
    expect(NOW - row('amy').lastActivity!).toBe(13 * 60 * MIN);
    expect(stateOf(row('amy'))).toBe('parked');
  });
  it('running with nothing happening for the idle threshold is left running', () => {
    expect(row('left').idle).toBe(true);
    expect(stateOf(row('left'))).toBe('left-running');
    expect(row('zed').idle).toBe(false);
    expect(stateOf(row('zed'))).toBe('running');
    const relaxed = summarizeClass(studentNamespaces(all, {}), all, { now: NOW, idleMs: 24 * 60 * 60_000 });
    expect(relaxed.find((r) => r.namespace === 'left')!.idle).toBe(false);
  });
  it('-o json has one record per namespace with stable fields; csv has a header and a line each', () => {
    const parsed = JSON.parse(classJson(rows, NOW));
    expect(parsed.kind).toBe('ClassReport');
    expect(parsed.items).toEqual(rows.map((r) => JSON.parse(JSON.stringify(classRecord(r, NOW)))));
    expect(parsed.items.find((i: any) => i.namespace === 'amy')).toMatchObject({ state: 'parked', parkedObjects: 2, parkedSince: iso(NOW - 14 * 60 * MIN), runningPods: 0 });
    expect(parsed.items.find((i: any) => i.namespace === 'left')).toMatchObject({ state: 'left-running', quietSeconds: 19 * 60 * 60 });
    const csv = classCsv(rows, NOW).trimEnd().split('\n');
    expect(csv[0]).toMatch(/^namespace,runningPods,pods,cpuRequested,cpuQuota,/);
    expect(csv).toHaveLength(4);
    expect(csv[3]).toMatch(/^zed,3,4,0.3,2,/);
  });
  it('csv quotes what needs quoting and never carries control characters', () => {
    const withFinding = rows.map((r) => ({ ...r, findings: { count: 1, worst: { severity: 'error' as const, text: 'image "a,b"\u001b[31m typo' } } }));
    const line = classCsv(withFinding, NOW).split('\n')[1];
    expect(line).not.toContain('\u001b');
    expect(line).toMatch(/"image ""a,b""[^"]*typo"$/);
  });
});

describe('--idle durations', () => {
  it('reads 2h, 90m, 1h30m, 45s, 1d and refuses the rest', () => {
    expect(parseDuration('2h')).toBe(2 * 60 * MIN);
    expect(parseDuration('90m')).toBe(90 * MIN);
    expect(parseDuration('1h30m')).toBe(90 * MIN);
    expect(parseDuration('45s')).toBe(45_000);
    expect(parseDuration('1d')).toBe(24 * 60 * MIN);
    for (const bad of ['', '2', 'h', '2x', '-1h', '2 h']) expect(parseDuration(bad), bad).toBeUndefined();
  });
});
