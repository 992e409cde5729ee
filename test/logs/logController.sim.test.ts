import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogController, type LogController } from '../../src/logs/logController.js';
import type { KObj } from '../../src/resources/types.js';
import type { Sim } from '@kdash/sim';
import type { TypedApi } from '../support/typedApi.js';
import { classroom, crashedPod, podNamed } from './simSupport.js';
import { until } from '../support/until.js';

let sim: Sim;
let api: TypedApi;
let admin: TypedApi;
let ns: string;
const controllers: LogController[] = [];
const fast = { initialMs: 50, maxMs: 500 };

beforeAll(async () => {
  ({ sim, api, admin, ns } = await classroom());
});
afterAll(async () => {
  for (const c of controllers) c.dispose();
  await sim.stop();
});

function make(...args: Parameters<typeof createLogController>) {
  const c = createLogController(args[0], args[1], { retry: fast, notifyMs: 20, ...args[2] });
  controllers.push(c);
  return c;
}
const all = (c: LogController) => {
  const s = c.getSnapshot();
  return c.lines(s.first, s.end);
};

async function scale(name: string, replicas: number) {
  await admin.apps.replaceNamespacedDeploymentScale({ name, namespace: ns, body: { metadata: { name, namespace: ns }, spec: { replicas } } });
}

describe('log controller against the embedded cluster', () => {
  it('interleaves all pods of a deployment with stable per-pod prefixes, and follows pods that appear later', async () => {
    const c = make(api, { kind: 'workload', namespace: ns, workloadKind: 'deployment', name: 'webnodb', tail: 3 }, { pollMs: 200 });
    const pods = () => new Set(all(c).filter((l) => l.kind === 'log').map((l) => l.source?.pod));
    await until(() => pods().size === 3, 'lines from the three webnodb pods');
    // The three first tails are merged by time, not shown pod after pod.
    const firstTails = all(c).filter((l) => l.kind === 'log').slice(0, 9);
    expect(new Set(firstTails.map((l) => l.source?.pod)).size).toBe(3);
    const stamps = firstTails.map((l) => l.ts!);
    expect(stamps).toEqual([...stamps].sort());
    const colors = new Map(all(c).filter((l) => l.source).map((l) => [l.source!.pod, l.source!.color]));
    for (const l of all(c)) if (l.source) expect(l.source.color).toBe(colors.get(l.source.pod));
    expect(c.getSnapshot().multi).toBe(true);
    await scale('webnodb', 4);
    const initial = pods();
    await until(() => [...pods()].some((p) => !initial.has(p)), 'lines from the new pod', 20_000);
    expect(all(c).filter((l) => l.kind === 'note' && /was deleted/.test(l.plain))).toEqual([]);
    await scale('webnodb', 3);
  }, 30_000);

  it('takes the pod list from the caller (the store) and caps concurrent streams with a note', async () => {
    const c = make(api, { kind: 'workload', namespace: ns, workloadKind: 'deployment', name: 'webnodb', tail: 2 }, { podFeed: 'external', maxStreams: 2 });
    const list = await api.core.listNamespacedPod({ namespace: ns });
    c.setPods(list.items as unknown as KObj[]);
    await until(() => all(c).find((l) => l.kind === 'note' && /following 2 of \d streams \(limit 2\); \d waiting for a free slot/.test(l.plain)), 'the cap note');
    await until(() => new Set(all(c).filter((l) => l.kind === 'log').map((l) => l.source?.pod)).size === 2, 'two pods streaming');
    expect(c.getSnapshot().streams).toMatchObject({ active: 2 });
    expect(c.getSnapshot().streams.pending).toBeGreaterThan(0);
  });

  it('shows a pod with a clear error when it does not exist, and when the workload is missing', async () => {
    const p = make(api, { kind: 'pod', namespace: ns, pod: 'nope' });
    await until(() => p.getSnapshot().status.phase === 'error', 'error state');
    expect(all(p).map((l) => l.plain)).toContain(`pod "nope" not found in namespace "${ns}"`);
    const w = make(api, { kind: 'workload', namespace: ns, workloadKind: 'statefulset', name: 'nope' });
    await until(() => w.getSnapshot().status.phase === 'error', 'error state');
    expect(all(w).map((l) => l.plain)).toContain(`statefulset "nope" not found in namespace "${ns}"`);
  });

  it('toggles previous, switches container and saves what is held to a file', async () => {
    const pod = await crashedPod(api, ns, 'worker');
    const dir = mkdtempSync(path.join(tmpdir(), 'kdash-logs-'));
    const c = make(api, { kind: 'pod', namespace: ns, pod, tail: 50 }, { saveDir: dir, now: () => new Date(2026, 10, 21, 9, 5, 7) });
    await until(() => c.getSnapshot().container === 'worker', 'the default container');
    c.togglePrevious();
    await until(() => all(c).some((l) => /Traceback/.test(l.plain)), 'the previous run');
    expect(c.getSnapshot().previous).toBe(true);
    const r = await c.save({ timestamps: true });
    if (!r.ok) throw new Error(r.message);
    expect(r.path).toBe(path.join(dir, `${ns}-${pod}-20261121-090507.log`));
    const text = readFileSync(r.path, 'utf8');
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT[^ ]+ .*Traceback/m);
    expect(text.split('\n').filter(Boolean)).toHaveLength(r.lines);
  });

  it('ctrl-s saves under $XDG_STATE_HOME/kdash/dumps when no directory is given, not in the current directory', async () => {
    const pod = await crashedPod(api, ns, 'worker');
    const state = mkdtempSync(path.join(tmpdir(), 'kdash-state-'));
    const saved = { xdg: process.env.XDG_STATE_HOME, dir: process.env.KDASH_LOG_DIR };
    process.env.XDG_STATE_HOME = state;
    delete process.env.KDASH_LOG_DIR;
    try {
      const c = make(api, { kind: 'pod', namespace: ns, pod, tail: 5 }, { now: () => new Date(2026, 10, 21, 9, 5, 8) });
      await until(() => all(c).length > 0, 'some lines');
      const r = await c.save();
      if (!r.ok) throw new Error(r.message);
      expect(r.path).toBe(path.join(state, 'kdash', 'dumps', `${ns}-${pod}-20261121-090508.log`));
      expect(readFileSync(r.path, 'utf8').split('\n').filter(Boolean)).toHaveLength(r.lines);
    } finally {
      for (const [k, v] of [['XDG_STATE_HOME', saved.xdg], ['KDASH_LOG_DIR', saved.dir]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('neutralizes the control sequences of tricky-logger in what it holds', async () => {
    const pod = await podNamed(api, ns, 'tricky-logger-');
    const c = make(api, { kind: 'pod', namespace: ns, pod, tail: 50 });
    await until(() => all(c).some((l) => l.plain.includes('clipboard write attempt')), 'the hostile lines');
    for (const l of all(c)) {
      // Only SGR colours may remain; nothing else a terminal would act on.
      expect(l.text.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\x00-\x08\x0a-\x1f\x7f-\x9f]/);
    }
    expect(all(c).some((l) => l.plain.includes('␛]52;c;'))).toBe(true);
  });
});
