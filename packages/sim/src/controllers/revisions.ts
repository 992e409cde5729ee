// ControllerRevisions (pkg/controller/history) for StatefulSets and DaemonSets: one per distinct pod
// template, numbered like deployment revisions, so `kubectl rollout history|undo sts/ds` work. A
// template that returns to an old revision (an undo) re-uses it with the next revision number.
import type { KubeObject } from '../types.js';
import type { Ctx } from './context.js';
import { ownerRef, templateHash } from './util.js';

const RESOURCE = 'controllerrevisions.apps';
const HASH_LABEL = 'controller.kubernetes.io/hash';

export interface Revision {
  /** The ControllerRevision's name: `<owner>-<hash>`. */
  name: string;
  hash: string;
  revision: number;
}

export function syncRevision(ctx: Ctx, owner: KubeObject): Revision {
  const ns = owner.metadata.namespace;
  const hash = templateHash(owner.spec?.template).slice(0, 10);
  const name = `${owner.metadata.name}-${hash}`;
  const owned = ctx.cache.controlledBy(owner, RESOURCE);
  const max = Math.max(0, ...owned.map((r) => Number(r.revision) || 0));
  let current = owned.find((r) => r.metadata.name === name);
  if (!current) {
    const template = structuredClone(owner.spec?.template ?? {});
    try {
      current = ctx.store.create(RESOURCE, {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name,
          namespace: ns,
          labels: { ...(owner.spec?.selector?.matchLabels ?? {}), [HASH_LABEL]: hash },
          ...(owner.metadata.annotations?.['kubernetes.io/change-cause'] ? { annotations: { 'kubernetes.io/change-cause': owner.metadata.annotations['kubernetes.io/change-cause'] } } : {}),
          ownerReferences: [ownerRef(owner)],
        },
        data: { spec: { template: { ...template, $patch: 'replace' } } },
        revision: max + 1,
      });
    } catch {
      return { name, hash, revision: max + 1 }; // a stale one not yet collected; the next sync adopts it
    }
  } else if ((Number(current.revision) || 0) < max) {
    current = ctx.store.mutate(RESOURCE, ns, name, (r) => ((r.revision = max + 1), r)) ?? current;
  }
  // Keep revisionHistoryLimit old revisions besides the current one.
  const limit = owner.spec?.revisionHistoryLimit ?? 10;
  const old = ctx.cache.controlledBy(owner, RESOURCE).filter((r) => r.metadata.name !== name).sort((a, b) => (Number(a.revision) || 0) - (Number(b.revision) || 0));
  for (const r of old.slice(0, Math.max(0, old.length - limit))) ctx.store.remove(RESOURCE, ns, r.metadata.name ?? '');
  return { name, hash, revision: Number(current.revision) || max + 1 };
}
