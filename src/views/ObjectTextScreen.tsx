// describe and YAML of one object, live: the text follows the object in the store (and its events),
// and says so when the object is gone instead of showing a stale copy as current.
import React, { useEffect, useMemo, useState } from 'react';
import type { KObj, ResourceKind } from '../resources/types.js';
import { describeObject } from '../resources/describe.js';
import { toYaml } from '../resources/yaml.js';
import { keyOf } from '../store/keys.js';
import { selectObjects } from '../store/selectors.js';
import { useClusterState, useNow, useServices, useWatch } from './context.js';
import { TextScreen } from './TextScreen.js';

export interface ObjectTextScreenProps {
  mode: 'describe' | 'yaml';
  kind: ResourceKind;
  namespace: string;
  uid: string;
  name: string;
  width: number;
  height: number;
  onBack(): void;
}

export function ObjectTextScreen({ mode, kind, namespace, uid, name, width, height, onBack }: ObjectTextScreenProps) {
  const ns = kind.namespaced ? namespace : '';
  const eventsNs = kind.namespaced ? namespace : 'default';
  const isDescribe = mode === 'describe';
  useWatch(isDescribe ? 'events' : undefined, eventsNs);
  // Which related objects describe needs: pods for workloads, services and nodes (nodes: all
  // namespaces), replica sets for deployments, quotas for a namespace.
  const related = isDescribe && ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'services', 'nodes'].includes(kind.id);
  const podsNs = kind.id === 'nodes' ? '' : ns;
  useWatch(related ? 'pods' : undefined, podsNs);
  const quotaNs = isDescribe && kind.id === 'namespaces' ? name : undefined;
  useWatch(quotaNs ? 'resourcequotas' : undefined, quotaNs ?? '');
  useWatch(kind.id === 'deployments' && isDescribe ? 'replicasets' : undefined, ns);
  const objects = useClusterState((s) => selectObjects(s, keyOf(kind.id, ns)));
  const events = useClusterState((s) => (isDescribe ? selectObjects(s, keyOf('events', eventsNs)) : undefined));
  const pods = useClusterState((s) => (related ? selectObjects(s, keyOf('pods', podsNs)) : undefined));
  const quotas = useClusterState((s) => (quotaNs ? selectObjects(s, keyOf('resourcequotas', quotaNs)) : undefined));
  const replicaSets = useClusterState((s) => (kind.id === 'deployments' && isDescribe ? selectObjects(s, keyOf('replicasets', ns)) : undefined));
  const now = useNow(isDescribe ? 1000 : 60_000);
  const row = useMemo(() => objects.find((o) => o.metadata.uid === uid), [objects, uid]);
  const whole = useWholeObject(kind, ns, name, row);
  // The store keeps only part of this kind's objects: show the whole one, read for this screen.
  const partial = keptInPart(kind);
  const replaced = partial && whole.obj !== undefined && whole.obj.metadata?.uid !== uid;
  const obj = partial ? (row && !replaced ? whole.obj : undefined) : row;
  const text = useMemo(() => {
    if (!row) return `${kind.kind} ${name} no longer exists (deleted) — Esc to go back`;
    if (replaced) return `${kind.kind} ${name} was deleted and created again (a new object) — Esc to go back`;
    if (!obj) return whole.error ?? `reading ${kind.kind} ${name}…`;
    if (!isDescribe) return toYaml(obj, kind);
    const own = (events ?? []).filter((e) => e.involvedObject?.uid === uid || (e.involvedObject?.name === name && e.involvedObject?.kind === kind.kind));
    return describeObject(kind, obj, { events: own, pods, replicaSets, quotas }, now);
  }, [row, obj, replaced, whole.error, isDescribe, events, pods, replicaSets, quotas, now, kind, name, uid]);
  const { color } = useServices();
  return (
    <TextScreen title={`${mode} ${kind.id}/${name}`} text={text} width={width} height={height} onBack={onBack} yaml={!isDescribe && !!obj} color={color} />
  );
}

/** The store keeps only part of this kind's objects (a server Table's metadata and cells, or its `stored` fields). */
const keptInPart = (kind: ResourceKind) => kind.serverTable === true || kind.stored !== undefined;

/**
 * A kind drawn from the server's Table keeps only metadata and cells in the store, a kind with
 * `stored` fields only those (pods): describe and YAML read the whole object, again each time the
 * row's resourceVersion changes, so they stay live. A failed read is its one line (404: not found).
 */
function useWholeObject(kind: ResourceKind, namespace: string, name: string, row: KObj | undefined): { obj?: KObj; error?: string } {
  const { getObject } = useServices();
  const [got, setGot] = useState<{ rv?: string; obj?: KObj; error?: string }>({});
  const rv = row?.metadata.resourceVersion;
  const present = row !== undefined;
  useEffect(() => {
    if (!keptInPart(kind) || !present) return;
    let current = true;
    getObject(kind, namespace, name).then(
      (o) => current && setGot({ rv, obj: o as KObj }),
      (e: Error) => current && setGot({ rv, error: e.message.split('\n')[0] }),
    );
    return () => {
      current = false;
    };
  }, [getObject, kind, namespace, name, rv, present]);
  return got;
}
