import { describe, expect, it } from 'vitest';
import { pod } from '../../src/resources/pod.js';
import { podRow } from '../../src/resources/podStatus.js';
import type { KObj } from '../../src/resources/types.js';
import { NOW, byName, ctx, headers, load, row, tone } from './helpers.js';

const pods = load('pods.json');
const p = (name: string) => byName(pods, name);
const clone = (o: KObj): KObj => JSON.parse(JSON.stringify(o));
// Objects are immutable, as in the store (podRow caches by identity): each variant is a new object.
const variant = (o: KObj, change: (copy: KObj) => void): KObj => {
  const c = clone(o);
  change(c);
  return c;
};

describe('pod columns (printers.go printPod)', () => {
  it('has kubectl get pods headers, and -o wide ones', () => {
    expect(headers(pod)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(headers(pod, true)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
  });

  it.each([
    // name, READY, STATUS, RESTARTS, AGE, tone
    ['running-ready', '1/1', 'Running', '0', '3m12s', 'ok'],
    ['running-notready', '0/1', 'Running', '0', '45m', 'warn'],
    ['creating', '0/1', 'ContainerCreating', '0', '20s', 'warn'],
    ['crashloop', '0/1', 'CrashLoopBackOff', '5 (2m ago)', '5h', 'error'],
    ['imagepull', '0/1', 'ImagePullBackOff', '0', '7m30s', 'error'],
    ['oomkilled', '0/1', 'OOMKilled', '3 (70s ago)', '20h', 'error'],
    ['evicted', '0/1', 'Evicted', '0', '2d3h', 'error'],
    ['completed', '0/1', 'Completed', '0', '9d', 'dim'],
    ['init', '0/1', 'Init:0/1', '0', '50s', 'warn'],
    ['terminating', '1/1', 'Terminating', '0', '3h20m', 'warn'],
    ['multi', '1/2', 'Running', '0', '12m', 'warn'],
  ])('%s → READY %s STATUS %s RESTARTS %s AGE %s', (name, ready, status, restarts, age, t) => {
    const r = row(pod, p(name));
    expect([r.NAME, r.READY, r.STATUS, r.RESTARTS, r.AGE]).toEqual([name, ready, status, restarts, age]);
    expect(tone(pod, p(name), 'STATUS')).toBe(t);
  });

  it('dims READY of finished pods and warns on live pods short of ready', () => {
    expect(tone(pod, p('completed'), 'READY')).toBe('dim');
    expect(tone(pod, p('evicted'), 'READY')).toBe('dim');
    expect(tone(pod, p('multi'), 'READY')).toBe('warn');
    expect(tone(pod, p('running-ready'), 'READY')).toBeUndefined();
    expect(tone(pod, p('crashloop'), 'RESTARTS')).toBe('warn');
  });

  it('shows the wide cells', () => {
    const r = row(pod, p('running-ready'));
    expect([r.IP, r.NODE, r['NOMINATED NODE'], r['READINESS GATES']]).toEqual(['10.244.1.7', 'worker-1', '<none>', '<none>']);
    expect(row(pod, p('creating')).IP).toBe('<none>');
  });

  it('ticks AGE and "(Xm ago)" from ctx.now without a new object', () => {
    const later = { now: NOW + 60_000 };
    expect(row(pod, p('running-ready'), later).AGE).toBe('4m12s');
    expect(row(pod, p('crashloop'), later).RESTARTS).toBe('5 (3m ago)');
  });

  it('sorts RESTARTS numerically and AGE by seconds', () => {
    const restarts = pod.columns.find((c) => c.id === 'restarts')!;
    const age = pod.columns.find((c) => c.id === 'age')!;
    expect(restarts.value(p('crashloop'), ctx)).toBe(5);
    expect(age.value(p('running-ready'), ctx)).toBe(192);
  });

  it('reports Init:CrashLoopBackOff and a failed init container', () => {
    const x = clone(p('init'));
    x.status.initContainerStatuses[0].state = { waiting: { reason: 'CrashLoopBackOff' } };
    x.status.initContainerStatuses[0].restartCount = 4;
    x.status.initContainerStatuses[0].lastState = { terminated: { exitCode: 1, finishedAt: '2024-05-01T11:59:00Z' } };
    expect(podRow(x)).toMatchObject({ status: 'Init:CrashLoopBackOff', restarts: 4 });
    expect(row(pod, x).RESTARTS).toBe('4 (60s ago)');
    expect(tone(pod, x, 'STATUS')).toBe('error');

    const initEnded = (terminated: object) =>
      variant(p('init'), (y) => {
        y.status.initContainerStatuses[0].state = { terminated };
      });
    expect(podRow(initEnded({ exitCode: 2 })).status).toBe('Init:ExitCode:2');
    expect(podRow(initEnded({ exitCode: 137, signal: 9 })).status).toBe('Init:Signal:9');
    expect(podRow(initEnded({ exitCode: 1, reason: 'Error' })).status).toBe('Init:Error');
  });

  it('counts Init:1/2 for the second of two init containers', () => {
    const x = clone(p('init'));
    x.spec.initContainers.push({ name: 'seed', image: 'busybox' });
    x.status.initContainerStatuses = [
      { name: 'migrate', restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      { name: 'seed', restartCount: 0, state: { running: {} } },
    ];
    expect(podRow(x).status).toBe('Init:1/2');
  });

  it('counts a started sidecar (restartable init container) in READY and its restarts', () => {
    const x = clone(p('running-ready'));
    x.spec.initContainers = [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always' }];
    x.status.initContainerStatuses = [
      {
        name: 'proxy',
        ready: true,
        started: true,
        restartCount: 2,
        state: { running: {} },
        lastState: { terminated: { exitCode: 1, finishedAt: '2024-05-01T11:55:00Z' } },
      },
    ];
    const r = row(pod, x);
    expect([r.READY, r.STATUS, r.RESTARTS]).toEqual(['2/2', 'Running', '2 (5m ago)']);
  });

  it('shows ExitCode:N and Signal:N for terminated containers without a reason', () => {
    const ended = (terminated: object) =>
      variant(p('running-ready'), (x) => {
        x.status.containerStatuses[0].state = { terminated };
      });
    expect(podRow(ended({ exitCode: 3 })).status).toBe('ExitCode:3');
    expect(podRow(ended({ exitCode: 143, signal: 15 })).status).toBe('Signal:15');
  });

  it('uses the first container reason when several containers disagree', () => {
    const x = clone(p('multi'));
    x.status.containerStatuses[0].state = { waiting: { reason: 'CrashLoopBackOff' } };
    x.status.containerStatuses[1].state = { waiting: { reason: 'ImagePullBackOff' } };
    expect(podRow(x).status).toBe('CrashLoopBackOff');
  });

  it('says Running or NotReady when a completed container sits next to a running one', () => {
    const x = variant(p('multi'), (m) => {
      m.status.containerStatuses[1] = { name: 'sidecar', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } };
    });
    expect(podRow(x).status).toBe('NotReady');
    const ready = variant(x, (m) => {
      m.status.conditions.find((c: any) => c.type === 'Ready').status = 'True';
    });
    expect(podRow(ready).status).toBe('Running');
  });

  it('says Unknown for a deleted pod on a lost node, and not Terminating once terminal', () => {
    const x = clone(p('terminating'));
    x.status.reason = 'NodeLost';
    expect(podRow(x).status).toBe('Unknown');
    const y = clone(p('completed'));
    y.metadata.deletionTimestamp = '2024-05-01T12:00:10Z';
    expect(podRow(y).status).toBe('Completed');
  });

  it('says SchedulingGated for a gated pod', () => {
    const x = clone(p('creating'));
    x.status.containerStatuses = [];
    x.status.conditions = [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }];
    expect(podRow(x).status).toBe('SchedulingGated');
  });

  it('counts readiness gates in -o wide', () => {
    const x = clone(p('running-ready'));
    x.spec.readinessGates = [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }];
    x.status.conditions.push({ type: 'example.com/lb', status: 'True' });
    expect(row(pod, x)['READINESS GATES']).toBe('1/2');
  });
});

describe('pod metric columns', () => {
  const withMetrics = {
    now: NOW,
    podMetrics: new Map([['classroom/running-ready', { cpuMilli: 50, memBytes: 96 * 1024 * 1024 }]]),
  };

  it('shows usage and percentages of requests and limits', () => {
    const r = row(pod, p('running-ready'), withMetrics);
    expect([r.CPU, r.MEM, r['%CPU/R'], r['%CPU/L'], r['%MEM/R'], r['%MEM/L']]).toEqual(['50m', '96Mi', '50%', '10%', '150%', '75%']);
    expect(tone(pod, p('running-ready'), '%MEM/R', withMetrics)).toBe('error');
    expect(pod.columns.filter((c) => c.metrics).map((c) => c.header)).toEqual(['CPU', 'MEM', '%CPU/R', '%CPU/L', '%MEM/R', '%MEM/L']);
  });

  it('says n/a without metrics or without a request/limit', () => {
    expect(row(pod, p('crashloop'), withMetrics).CPU).toBe('n/a');
    const x = clone(p('running-ready'));
    delete x.spec.containers[0].resources.limits;
    const r = row(pod, x, withMetrics);
    expect([r['%CPU/R'], r['%CPU/L'], r['%MEM/L']]).toEqual(['50%', 'n/a', 'n/a']);
  });
});
