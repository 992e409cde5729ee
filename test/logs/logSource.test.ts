import { describe, expect, it } from 'vitest';
import type { Api } from '../../src/kube/api.js';
import { LogSource, type LogSourceOptions } from '../../src/logs/logSource.js';
import type { Target } from '../../src/logs/streamSet.js';
import type { LogSourceSpec } from '../../src/logs/types.js';
import type { KObj } from '../../src/resources/types.js';
import { until } from '../support/until.js';

function pod(name: string, labels: Record<string, string>, containers: string[], extra: { created?: string; deleted?: boolean; phase?: string } = {}): KObj {
  return {
    metadata: {
      name,
      namespace: 'shop',
      uid: name,
      labels,
      creationTimestamp: extra.created ?? '2026-11-21T10:00:00Z',
      ...(extra.deleted ? { deletionTimestamp: '2026-11-21T11:00:00Z' } : {}),
    },
    spec: { containers: containers.map((c) => ({ name: c })) },
    status: { phase: extra.phase ?? 'Running' },
  };
}

/** A source with a recording host and stream sink. `api` answers only what a test gives it. */
function rig(spec: LogSourceSpec, api: Partial<Api> = {}, opts: LogSourceOptions = { podFeed: 'external' }) {
  const rec = { targets: [] as Target[][], lines: [] as string[], holds: 0 };
  const sink = { setTargets: (t: Target[]) => rec.targets.push(t) };
  const source = new LogSource(api as Api, spec, opts, {
    push: (kind, text) => rec.lines.push(`${kind}: ${text}`),
    holdFirstTails: () => rec.holds++,
    changed: () => {},
  });
  const last = () => rec.targets.at(-1)?.map((t) => `${t.pod}/${t.container}@${t.tail ?? 'all'}`);
  return { source, sink, rec, last };
}

const workload = (extra: Partial<Extract<LogSourceSpec, { kind: 'workload' }>> = {}): LogSourceSpec => ({
  kind: 'workload', namespace: 'shop', workloadKind: 'deployment', name: 'web', selector: 'app=web', tail: 20, ...extra,
});

describe('LogSource for a workload', () => {
  it('follows the selected pods oldest first; pods there at the start get the tail, later ones their whole log', () => {
    const { source, sink, rec, last } = rig(workload());
    source.start(sink);
    const web1 = pod('web-1', { app: 'web' }, ['app', 'sidecar'], { created: '2026-11-21T10:00:01Z' });
    const web0 = pod('web-0', { app: 'web' }, ['app'], { created: '2026-11-21T10:00:00Z' });
    const api = pod('api-1', { app: 'api' }, ['app']);
    const gone = pod('web-old', { app: 'web' }, ['app'], { deleted: true, phase: 'Succeeded' });
    const finishedJobPod = pod('web-done', { app: 'web' }, ['app'], { phase: 'Succeeded', created: '2026-11-21T10:00:02Z' });
    source.setPods([web1, api, gone, web0, finishedJobPod]);
    expect(last()).toEqual(['web-0/app@20', 'web-1/app@20', 'web-done/app@20']);
    expect(source.containers).toEqual(['app', 'sidecar']);
    expect(source.multi).toBe(true);
    expect(source.status).toBeUndefined();
    expect(rec.holds).toBe(1);
    source.setPods([web0, web1, pod('web-2', { app: 'web' }, ['app'], { created: '2026-11-21T10:05:00Z' })]);
    expect(last()).toEqual(['web-0/app@20', 'web-1/app@20', 'web-2/app@all']);
    expect(rec.holds).toBe(1);
    expect(rec.lines).toEqual([]);
  });

  it('follows every container with "*", and only pods that have a named container', () => {
    const pods = [pod('web-0', { app: 'web' }, ['app', 'sidecar']), pod('web-1', { app: 'web' }, ['app'])];
    const all = rig(workload({ container: '*', tail: -1 }));
    all.source.start(all.sink);
    all.source.setPods(pods);
    expect(all.last()).toEqual(['web-0/app@all', 'web-0/sidecar@all', 'web-1/app@all']);
    const named = rig(workload({ container: 'sidecar' }));
    named.source.start(named.sink);
    named.source.setPods(pods);
    expect(named.last()).toEqual(['web-0/sidecar@20']);
  });

  it('says once that no pods match yet, and waits', () => {
    const { source, sink, rec, last } = rig(workload({ selector: 'app=web,tier in (fe, be)' }));
    source.start(sink);
    source.setPods([pod('api-1', { app: 'api' }, ['app'])]);
    source.setPods([]);
    expect(rec.lines).toEqual(['note: no pods match app=web,tier in (be,fe) yet']);
    expect(source.status).toEqual({ phase: 'waiting', detail: 'no pods' });
    expect(last()).toEqual([]);
  });

  it('fails with a one-line message for a malformed selector', () => {
    const { source, sink, rec } = rig(workload({ selector: 'app in (' }));
    source.start(sink);
    expect(rec.lines).toEqual(['error: invalid label selector "app in (": cannot parse "app in ("']);
    expect(source.status).toMatchObject({ phase: 'error' });
  });

  it('sends targets only to the streams of the latest start, and none after stop', () => {
    const { source, sink, rec } = rig(workload());
    source.start(sink);
    const other: Target[][] = [];
    source.start({ setTargets: (t) => other.push(t) });
    source.setPods([pod('web-0', { app: 'web' }, ['app'])]);
    expect(rec.targets).toEqual([]);
    expect(other).toHaveLength(1);
    source.stop();
    source.setPods([pod('web-1', { app: 'web' }, ['app'])]);
    expect(other).toHaveLength(1);
  });

  it('reads the selector from the workload when none is given, and polls for its pods', async () => {
    const asked: string[] = [];
    const api = {
      objects: {
        get: async () => ({ spec: { selector: { matchLabels: { tier: 'fe', app: 'web' } } } }),
        list: async (_kind: unknown, _ns: string, q: { labelSelector: string }) => {
          asked.push(q.labelSelector);
          return [pod('web-0', { app: 'web', tier: 'fe' }, ['app'])];
        },
      },
    } as unknown as Partial<Api>;
    const { source, sink, last } = rig(workload({ selector: undefined }), api, { pollMs: 10 });
    source.start(sink);
    await until(() => asked.length >= 2, 'two polls');
    source.stop();
    expect(asked[0]).toBe('app=web,tier=fe');
    expect(last()).toEqual(['web-0/app@20']);
  });
});

describe('LogSource for a pod', () => {
  const api = (p: KObj) => ({ objects: { get: async () => p } }) as unknown as Partial<Api>;
  const twoContainers = pod('web-0', {}, ['app', 'sidecar']);

  it("follows the pod's default container and offers the others", async () => {
    const { source, sink, last } = rig({ kind: 'pod', namespace: 'shop', pod: 'web-0', tail: 5 }, api(twoContainers));
    source.start(sink);
    await until(() => last(), 'targets');
    expect(last()).toEqual(['web-0/app@5']);
    expect(source.container).toBe('app');
    expect(source.containers).toEqual(['app', 'sidecar']);
    expect(source.multi).toBe(false);
  });

  it('follows all containers with "*" and holds their first tails to merge them', async () => {
    const { source, sink, rec, last } = rig({ kind: 'pod', namespace: 'shop', pod: 'web-0', container: '*' }, api(twoContainers));
    source.start(sink);
    await until(() => last(), 'targets');
    expect(last()).toEqual(['web-0/app@200', 'web-0/sidecar@200']);
    expect(source.multi).toBe(true);
    expect(rec.holds).toBe(1);
  });

  it('names the valid containers when the chosen one does not exist', async () => {
    const { source, sink, rec } = rig({ kind: 'pod', namespace: 'shop', pod: 'web-0', container: 'db' }, api(twoContainers));
    source.start(sink);
    await until(() => source.status?.phase === 'error', 'the error');
    expect(rec.lines).toEqual(['error: container "db" is not valid for pod "web-0" (containers: app, sidecar)']);
    expect(rec.targets).toEqual([]);
  });
});
