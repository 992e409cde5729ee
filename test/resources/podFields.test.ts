// The store keeps part of each pod (src/resources/podFields.ts). Every reader outside describe and
// YAML must answer the same from the kept pod as from the whole one: the pod row and its tones, the
// usage arithmetic, shell/attach/port-forward's choices, logs' container states, the class view, and
// node/workload describe's lists of pods. (The diagnosis is checked the same way in
// test/diagnose/rules.test.ts, on the pods of the embedded cluster.)
import { describe, expect, it } from 'vitest';
import { pod } from '../../src/resources/pod.js';
import { podStoredFields } from '../../src/resources/podFields.js';
import { project, type FieldTree } from '../../src/resources/storedFields.js';
import { describeObject } from '../../src/resources/describe.js';
import { findKind } from '../../src/resources/registry.js';
import { containerNames, defaultContainer } from '../../src/resources/podSelection.js';
import { podResources } from '../../src/metrics/usage.js';
import { candidatePods, containerChoices, isReadyPod, offeredPorts, podPort } from '../../src/streams/podTargets.js';
import { containerStatus, describeContainerState, willRestart } from '../../src/logs/podInfo.js';
import { summarizeClass } from '../../src/course/summary.js';
import { trimObject } from '../../src/store/trim.js';
import type { KObj } from '../../src/resources/types.js';
import { NOW, ctx, load, row } from './helpers.js';

const pods = [...load('pods.json'), ...load('pod-full.json')];
const nodes = load('nodes.json');

/** What each family of readers answers for these pods. */
function readers(list: KObj[]) {
  const names = (p: KObj) => containerNames(p);
  return {
    rows: list.map((p) => ({ row: row(pod, p), tones: pod.columns.map((c) => c.tone?.(p, ctx)) })),
    usage: list.map((p) => podResources(p)),
    streams: list.map((p) => ({
      ready: isReadyPod(p),
      choices: containerChoices(p),
      ports: offeredPorts('pods', p),
      byName: (p.spec?.containers ?? []).flatMap((c: any) => (c.ports ?? []).map((x: any) => podPort({ kind: 'pod', name: p.metadata.name }, undefined, p, x.name ?? x.containerPort))),
      default: defaultContainer(p),
    })),
    candidates: candidatePods({ kind: 'deployment', namespace: 'default', name: 'web', selector: [] }, list).map((p) => p.metadata.name),
    logs: list.map((p) => names(p).map((n) => {
      const st = containerStatus(p, n);
      return { n, restart: willRestart(p, st), state: describeContainerState(st) };
    })),
    course: summarizeClass([{ metadata: { name: 'default', uid: 'ns', creationTimestamp: '2024-04-01T00:00:00Z' } }], { namespaces: [], pods: list, workloads: [], events: [], quotas: [] }, { now: NOW }),
    nodeDescribe: nodes.map((n) => describeObject(findKind('nodes')!, n, { events: [], pods: list }, NOW)),
  };
}

const kept = (list: KObj[], fields: FieldTree = podStoredFields) => list.map((p) => project(p, fields) as KObj);

describe('the pod as the store keeps it', () => {
  it('is what trimObject stores for a pod, and much less than the whole one', () => {
    const full = pods.find((p) => p.metadata.name === pods.at(-1)!.metadata.name)!;
    const stored = trimObject(structuredClone(full));
    expect(stored).toEqual(project(full, podStoredFields));
    expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(full).length * 0.8);
    // Describe and YAML read the whole pod: env values are not kept.
    expect(JSON.stringify(full)).toContain('"env"');
    expect(JSON.stringify(stored)).not.toContain('"env"');
  });

  it('answers every reader as the whole pod does', () => {
    expect(readers(kept(pods))).toEqual(readers(pods));
  });

  it('a field a reader needs, left out, is caught (ports, statuses\' lastState, resources)', () => {
    const spec = podStoredFields.spec as FieldTree;
    const container = spec.containers as FieldTree;
    const status = podStoredFields.status as FieldTree;
    const { ports: _p, ...noPorts } = container;
    const { resources: _r, ...noResources } = container;
    const { lastState: _l, ...noLast } = status.containerStatuses as FieldTree;
    const cuts: FieldTree[] = [
      { ...podStoredFields, spec: { ...spec, containers: noPorts } },
      { ...podStoredFields, spec: { ...spec, containers: noResources } },
      { ...podStoredFields, status: { ...status, containerStatuses: noLast } },
    ];
    for (const cut of cuts) expect(readers(kept(pods, cut))).not.toEqual(readers(pods));
  });
});
