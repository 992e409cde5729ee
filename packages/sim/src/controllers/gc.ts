// Garbage collector (pkg/controller/garbagecollector): deletes objects whose owners are all gone
// (background cascade), deletes dependents of an owner being deleted in the foreground and removes
// the owner once they are gone, and strips owner references for orphan deletion.
import type { KubeObject } from '../types.js';
import { KIND_RESOURCE, type Ref } from './cache.js';
import type { Ctx } from './context.js';

const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';

export function startGarbageCollector(ctx: Ctx): { onAdded(resource: string, o: KubeObject): void; onDeleted(o: KubeObject): void; onModified(resource: string, o: KubeObject): void } {
  const queue = ctx.queue('gc', (key) => check(key));
  const refKey = (r: Ref) => `${r.resource}|${r.namespace ?? ''}|${r.name}`;

  /** An owner reference still resolves when an object of that kind, name and uid exists. */
  function ownerExists(o: KubeObject, ref: { kind: string; name: string; uid: string }): boolean {
    const resource = KIND_RESOURCE[ref.kind];
    if (!resource) return true; // a kind we do not track: assume alive rather than delete wrongly
    const nsd = resource !== 'nodes' && resource !== 'namespaces';
    const owner = ctx.cache.get(resource, nsd ? o.metadata.namespace : undefined, ref.name);
    return !!owner && owner.metadata.uid === ref.uid;
  }

  function deleteObject(resource: string, o: KubeObject): void {
    if (resource === 'pods') ctx.deletePod(o);
    else if (!o.metadata.deletionTimestamp) ctx.store.remove(resource, o.metadata.namespace, o.metadata.name ?? '');
  }

  function check(key: string): void {
    const [resource, ns, name] = key.split('|');
    const o = ctx.cache.get(resource, ns || undefined, name);
    if (!o) return;
    const refs = o.metadata.ownerReferences ?? [];
    // Owner being deleted in the foreground: its blocking dependents go first.
    if (o.metadata.deletionTimestamp && o.metadata.finalizers?.includes(FOREGROUND)) {
      const deps = ctx.cache.dependentRefs(o.metadata.uid ?? '');
      for (const d of deps) {
        const dep = ctx.cache.get(d.resource, d.namespace, d.name);
        if (dep) deleteObject(d.resource, dep);
      }
      if (!deps.length) {
        ctx.store.mutate(resource, ns || undefined, name, (x) => {
          x.metadata.finalizers = (x.metadata.finalizers ?? []).filter((f) => f !== FOREGROUND);
          return x;
        });
      }
      return;
    }
    if (o.metadata.deletionTimestamp && o.metadata.finalizers?.includes(ORPHAN)) {
      for (const d of ctx.cache.dependentRefs(o.metadata.uid ?? '')) {
        ctx.store.mutate(d.resource, d.namespace, d.name, (x) => {
          x.metadata.ownerReferences = (x.metadata.ownerReferences ?? []).filter((r) => r.uid !== o.metadata.uid);
          return x;
        });
      }
      ctx.store.mutate(resource, ns || undefined, name, (x) => {
        x.metadata.finalizers = (x.metadata.finalizers ?? []).filter((f) => f !== ORPHAN);
        return x;
      });
      return;
    }
    if (!refs.length) return;
    const alive = refs.filter((r) => ownerExists(o, r));
    if (alive.length === 0) deleteObject(resource, o);
  }

  return {
    onAdded(resource, o) {
      if (o.metadata.ownerReferences?.length) queue.add(`${resource}|${o.metadata.namespace ?? ''}|${o.metadata.name}`);
    },
    onModified(resource, o) {
      if (o.metadata.deletionTimestamp && o.metadata.finalizers?.some((f) => f === FOREGROUND || f === ORPHAN)) {
        queue.add(`${resource}|${o.metadata.namespace ?? ''}|${o.metadata.name}`);
      }
    },
    onDeleted(o) {
      const uid = o.metadata.uid;
      if (!uid) return;
      for (const r of ctx.cache.dependentRefs(uid)) queue.add(refKey(r));
      // A dependent leaving may unblock an owner waiting in foreground deletion.
      for (const ref of o.metadata.ownerReferences ?? []) {
        const resource = KIND_RESOURCE[ref.kind];
        if (!resource) continue;
        const nsd = resource !== 'nodes' && resource !== 'namespaces';
        const owner = ctx.cache.get(resource, nsd ? o.metadata.namespace : undefined, ref.name);
        if (owner?.metadata.deletionTimestamp) queue.add(`${resource}|${owner.metadata.namespace ?? ''}|${ref.name}`);
      }
    },
  };
}
