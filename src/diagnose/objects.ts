// Small readings of the snapshot's objects the rules share: who owns a pod, how kubectl names an
// object, a workload's pods, the events about an object, quantities that may be malformed.
import type { KObj } from '../resources/types.js';
import { tryParseQuantity, formatQuantity } from '../metrics/quantity.js';
import type { NamespaceSnapshot, ObjectRef } from './types.js';

const SHORT: Record<string, string> = {
  Deployment: 'deploy', ReplicaSet: 'rs', StatefulSet: 'sts', DaemonSet: 'ds', Pod: 'pod', Service: 'svc', Job: 'job',
  CronJob: 'cj', Ingress: 'ing', HorizontalPodAutoscaler: 'hpa', PersistentVolumeClaim: 'pvc', ResourceQuota: 'quota',
};

/** `deploy/web`, `pod/web-7c9f-abcde`: how kubectl's commands take the object. */
export function kubectlName(ref: Pick<ObjectRef, 'kind' | 'name'>): string {
  return `${SHORT[ref.kind] ?? ref.kind.toLowerCase()}/${ref.name}`;
}

export function refOf(kind: string, obj: KObj, namespace: string): ObjectRef {
  return { kind, name: obj.metadata.name, namespace: obj.metadata.namespace ?? namespace };
}

export function controllerRef(obj: KObj): { kind: string; name: string; uid: string } | undefined {
  return obj.metadata.ownerReferences?.find((o) => o.controller);
}

/**
 * The object a person manages for this pod: its Deployment (through its ReplicaSet), StatefulSet,
 * DaemonSet, Job, a ReplicaSet nothing owns — or the pod itself when nothing controls it.
 */
export function topOwner(snap: NamespaceSnapshot, pod: KObj): { ref: ObjectRef; obj?: KObj } {
  const ns = snap.namespace;
  const c = controllerRef(pod);
  if (!c) return { ref: refOf('Pod', pod, ns), obj: pod };
  if (c.kind === 'ReplicaSet') {
    const rs = snap.replicaSets.find((r) => r.metadata.uid === c.uid || r.metadata.name === c.name);
    const d = rs && controllerRef(rs);
    if (d?.kind === 'Deployment') {
      const dep = snap.deployments.find((x) => x.metadata.uid === d.uid || x.metadata.name === d.name);
      return { ref: { kind: 'Deployment', name: d.name, namespace: ns }, obj: dep };
    }
    return { ref: { kind: 'ReplicaSet', name: c.name, namespace: ns }, obj: rs };
  }
  const list = c.kind === 'StatefulSet' ? snap.statefulSets : c.kind === 'DaemonSet' ? snap.daemonSets : [];
  return { ref: { kind: c.kind, name: c.name, namespace: ns }, obj: list.find((x) => x.metadata.uid === c.uid) };
}

/** Events about one object (by uid when the event names it, else by kind and name), newest last. */
export function eventsFor(snap: NamespaceSnapshot, kind: string, obj: KObj): KObj[] {
  const index = eventIndex(snap);
  const byUid = obj.metadata.uid ? index.byUid.get(obj.metadata.uid) ?? [] : [];
  const byName = index.byName.get(`${kind}\u0000${obj.metadata.name}`) ?? [];
  // In the events' own order before sorting by time, so events of the same time keep it.
  const mine = byUid.length && byName.length ? [...byUid, ...byName].sort((a, b) => a - b) : byUid.length ? byUid : byName;
  return mine.map((i) => snap.events[i]).sort((a, b) => eventTime(a) - eventTime(b));
}

interface EventIndex { byUid: Map<string, number[]>; byName: Map<string, number[]> }
const eventIndexes = new WeakMap<NamespaceSnapshot, EventIndex>();

/**
 * The snapshot's events by the object they name (its uid, else its kind and name), built once per list:
 * three rules ask for each pod's events, and filtering every event for each of 10k pods cost a diagnosis
 * pods × events.
 */
function eventIndex(snap: NamespaceSnapshot): EventIndex {
  const known = eventIndexes.get(snap);
  if (known) return known;
  const index: EventIndex = { byUid: new Map(), byName: new Map() };
  snap.events.forEach((e, i) => {
    const io = e.involvedObject ?? e.regarding ?? {};
    if (io.uid) groupInto(index.byUid, io.uid, i);
    else groupInto(index.byName, `${io.kind}\u0000${io.name}`, i);
  });
  eventIndexes.set(snap, index);
  return index;
}

/** Adds `value` to the list of `key` in `groups` (the rules index a snapshot's objects with it). */
export function groupInto<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}

export function eventTime(e: KObj): number {
  const t = e.lastTimestamp ?? e.eventTime ?? e.series?.lastObservedTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isFinite(ms) ? ms : 0;
}

/** `Warning BackOff: Back-off restarting failed container (x12)`: one event as evidence. */
export function eventLine(e: KObj): string {
  const count = e.count ?? e.series?.count;
  return `event ${e.type ?? 'Normal'} ${e.reason ?? ''}: ${oneLine(e.message ?? e.note ?? '')}${count > 1 ? ` (x${count})` : ''}`;
}

export function oneLine(s: string): string {
  return String(s).replace(/\s+/g, ' ').trim();
}

/** A quantity in base units, or undefined when absent or malformed (cluster data is untrusted). */
export function qty(s: unknown): number | undefined {
  return tryParseQuantity(s as string | number | undefined);
}

export const cpuText = (cores: number) => formatQuantity(cores, 'cpu');
export const memText = (bytes: number) => formatQuantity(bytes, 'memory');

/** A workload's pod template containers (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job) or a pod's own. */
export function templateContainers(obj: KObj | undefined): any[] {
  return obj?.spec?.template?.spec?.containers ?? obj?.spec?.containers ?? [];
}

/** Pods whose controller chain leads to `owner` (or the pod itself). */
export function podsOf(snap: NamespaceSnapshot, owner: ObjectRef): KObj[] {
  return snap.pods.filter((p) => {
    const t = topOwner(snap, p).ref;
    return t.kind === owner.kind && t.name === owner.name;
  });
}

/** The container's index in the template, for a JSON patch path; -1 when not found. */
export function containerIndex(obj: KObj | undefined, name: string): number {
  return templateContainers(obj).findIndex((c) => c?.name === name);
}

/** Single-quoted for a POSIX shell: the commands we print are pasted as they are. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
