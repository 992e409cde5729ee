// StatefulSet controller (pkg/controller/statefulset): pods named <set>-<ordinal>, created in order
// (OrderedReady waits for each to be Running and Ready) and removed from the highest ordinal; a
// template change rolls pods from the highest ordinal down, one at a time.
import type { KubeObject } from '../types.js';
import type { Ctx } from './context.js';
import { createPodFor, deletePodFor, podFromTemplate } from './podFactory.js';
import { syncRevision } from './revisions.js';
import { controllerRef, isAvailable, isReady, isTerminal } from './util.js';

const REVISION_LABEL = 'controller-revision-hash';

export function startStatefulSetController(ctx: Ctx): { enqueue(o: KubeObject): void; onPod(p: KubeObject): void } {
  const queue = ctx.queue('statefulset', (key) => sync(key));

  function sync(key: string): void {
    const [ns, name] = key.split('/');
    const sts = ctx.cache.get('statefulsets.apps', ns, name);
    if (!sts || sts.metadata.deletionTimestamp) return;
    const replicas = sts.spec?.replicas ?? 1;
    const parallel = sts.spec?.podManagementPolicy === 'Parallel';
    const revision = syncRevision(ctx, sts).name;
    const pods = new Map<number, KubeObject>();
    for (const p of ctx.cache.controlledBy(sts, 'pods')) {
      const ord = Number(p.metadata.name?.slice(name.length + 1));
      if (Number.isInteger(ord)) pods.set(ord, p);
    }
    const healthy = (p: KubeObject | undefined) => !!p && p.status?.phase === 'Running' && isReady(p) && !p.metadata.deletionTimestamp;
    let blocked = false;
    for (let i = 0; i < replicas && !blocked; i++) {
      const p = pods.get(i);
      if (!p) {
        const podName = `${name}-${i}`;
        const pod = podFromTemplate(sts, sts.spec?.template, podName, {
          [REVISION_LABEL]: revision,
          'statefulset.kubernetes.io/pod-name': podName,
          'apps.kubernetes.io/pod-index': String(i),
        });
        delete pod.metadata.generateName;
        pod.spec.hostname = podName;
        if (sts.spec?.serviceName) pod.spec.subdomain = sts.spec.serviceName;
        const res = createPodFor(ctx, sts, pod);
        if (!res.ok) queue.addAfter(key, res.retryInMs);
        if (!parallel || !res.ok) blocked = true;
        continue;
      }
      if (isTerminal(p) && !p.metadata.deletionTimestamp) {
        // A failed or succeeded member is recreated with the same identity.
        deletePodFor(ctx, sts, p);
        blocked = true;
        continue;
      }
      if (!parallel && !healthy(p)) blocked = true;
    }
    // Scale down: highest ordinal first, one at a time, only once the rest are healthy.
    const extra = [...pods.keys()].filter((o) => o >= replicas).sort((a, b) => b - a);
    if (extra.length && !blocked) {
      const victim = pods.get(extra[0])!;
      if (!victim.metadata.deletionTimestamp && (parallel || [...pods.entries()].every(([o, p]) => o >= replicas || healthy(p)))) deletePodFor(ctx, sts, victim);
    } else if (!blocked && sts.spec?.updateStrategy?.type !== 'OnDelete') {
      // RollingUpdate: replace the highest-ordinal pod still on the old revision.
      const partition = sts.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
      const all = [...pods.entries()].filter(([o]) => o < replicas);
      const stale = all.filter(([o, p]) => o >= partition && p.metadata.labels?.[REVISION_LABEL] !== revision).sort(([a], [b]) => b - a);
      if (stale.length && all.every(([, p]) => healthy(p))) deletePodFor(ctx, sts, stale[0][1]);
    }
    writeStatus(sts, revision);
  }

  function writeStatus(sts: KubeObject, revision: string): void {
    const pods = ctx.cache.controlledBy(sts, 'pods').filter((p) => !isTerminal(p));
    const now = ctx.now();
    const updated = pods.filter((p) => p.metadata.labels?.[REVISION_LABEL] === revision).length;
    const st: any = {
      observedGeneration: sts.metadata.generation ?? 1,
      replicas: pods.length,
      readyReplicas: pods.filter(isReady).length,
      currentReplicas: updated === pods.length ? pods.length : pods.length - updated,
      updatedReplicas: updated,
      availableReplicas: pods.filter((p) => isAvailable(p, sts.spec?.minReadySeconds ?? 0, now)).length,
      currentRevision: updated === pods.length ? revision : sts.status?.currentRevision ?? revision,
      updateRevision: revision,
      collisionCount: 0,
    };
    if (JSON.stringify(sts.status ?? {}) === JSON.stringify(st)) return;
    ctx.store.mutate('statefulsets.apps', sts.metadata.namespace, sts.metadata.name ?? '', (o) => {
      o.status = st;
      return o;
    });
  }

  return {
    enqueue: (o) => queue.add(`${o.metadata.namespace}/${o.metadata.name}`),
    onPod(p) {
      const ref = controllerRef(p);
      if (ref?.kind === 'StatefulSet') queue.add(`${p.metadata.namespace}/${ref.name}`);
    },
  };
}
