// An informer-like cache fed by store events: objects by resource/namespace/name and an
// owner-uid → dependents index. Controllers read from here (objects are treated as immutable) and
// write through the ClusterStore, so a reconcile never rescans the whole store.
import type { KubeObject, StoreEvent } from '../types.js';

export const RESOURCES = [
  'namespaces', 'nodes', 'pods', 'services', 'configmaps', 'serviceaccounts', 'resourcequotas',
  'deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'daemonsets.apps', 'jobs.batch', 'cronjobs.batch',
  'controllerrevisions.apps',
] as const;

/** kind → resource name, for owner references. */
export const KIND_RESOURCE: Record<string, string> = {
  Pod: 'pods', Node: 'nodes', Namespace: 'namespaces', Service: 'services', ConfigMap: 'configmaps', ServiceAccount: 'serviceaccounts',
  ResourceQuota: 'resourcequotas', Deployment: 'deployments.apps', ReplicaSet: 'replicasets.apps',
  StatefulSet: 'statefulsets.apps', DaemonSet: 'daemonsets.apps', Job: 'jobs.batch', CronJob: 'cronjobs.batch',
  ControllerRevision: 'controllerrevisions.apps',
};

export interface Ref { resource: string; namespace: string | undefined; name: string }

const refKey = (r: string, ns: string | undefined, name: string): string => `${r}|${ns ?? ''}|${name}`;

export class Cache {
  private readonly objs = new Map<string, Map<string, Map<string, KubeObject>>>(); // resource → ns → name
  private readonly dependents = new Map<string, Set<string>>(); // owner uid → refKeys
  private readonly tracked = new Set<string>(RESOURCES);

  tracks(resource: string): boolean {
    return this.tracked.has(resource);
  }

  /** Applies one store event. Returns the previous version of the object (undefined when new). */
  apply(ev: StoreEvent): KubeObject | undefined {
    if (!this.tracked.has(ev.resource)) return undefined;
    const o = ev.object;
    const ns = o.metadata.namespace ?? '';
    const name = o.metadata.name ?? '';
    let byNs = this.objs.get(ev.resource);
    if (!byNs) this.objs.set(ev.resource, (byNs = new Map()));
    let byName = byNs.get(ns);
    if (!byName) byNs.set(ns, (byName = new Map()));
    const prev = byName.get(name);
    if (prev) this.unindex(ev.resource, prev);
    if (ev.type === 'DELETED') {
      byName.delete(name);
      if (byName.size === 0) byNs.delete(ns);
    } else {
      byName.set(name, o);
      this.index(ev.resource, o);
    }
    return prev;
  }

  private index(resource: string, o: KubeObject): void {
    for (const r of o.metadata.ownerReferences ?? []) {
      let s = this.dependents.get(r.uid);
      if (!s) this.dependents.set(r.uid, (s = new Set()));
      s.add(refKey(resource, o.metadata.namespace, o.metadata.name ?? ''));
    }
  }

  private unindex(resource: string, o: KubeObject): void {
    const k = refKey(resource, o.metadata.namespace, o.metadata.name ?? '');
    for (const r of o.metadata.ownerReferences ?? []) {
      const s = this.dependents.get(r.uid);
      if (!s) continue;
      s.delete(k);
      if (s.size === 0) this.dependents.delete(r.uid);
    }
  }

  get(resource: string, ns: string | undefined, name: string): KubeObject | undefined {
    return this.objs.get(resource)?.get(ns ?? '')?.get(name);
  }

  list(resource: string, ns?: string): KubeObject[] {
    const byNs = this.objs.get(resource);
    if (!byNs) return [];
    if (ns !== undefined) return [...(byNs.get(ns)?.values() ?? [])];
    const out: KubeObject[] = [];
    for (const m of byNs.values()) for (const o of m.values()) out.push(o);
    return out;
  }

  count(resource: string): number {
    let n = 0;
    for (const m of this.objs.get(resource)?.values() ?? []) n += m.size;
    return n;
  }

  /** Objects of `resource` that list `uid` among their owner references. */
  dependentsOf(uid: string | undefined, resource?: string): KubeObject[] {
    const out: KubeObject[] = [];
    if (!uid) return out;
    for (const k of this.dependents.get(uid) ?? []) {
      const [r, ns, name] = k.split('|');
      if (resource && r !== resource) continue;
      const o = this.get(r, ns || undefined, name);
      if (o) out.push(o);
    }
    return out;
  }

  dependentRefs(uid: string): Ref[] {
    return [...(this.dependents.get(uid) ?? [])].map((k) => {
      const [resource, ns, name] = k.split('|');
      return { resource, namespace: ns || undefined, name };
    });
  }

  /** Children owned (as controller) by `owner`. */
  controlledBy(owner: KubeObject, resource: string): KubeObject[] {
    return this.dependentsOf(owner.metadata.uid, resource).filter((o) =>
      o.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata.uid),
    );
  }
}
