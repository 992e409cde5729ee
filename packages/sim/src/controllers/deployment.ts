// Deployment controller (pkg/controller/deployment): one ReplicaSet per pod-template hash, revision
// annotations, RollingUpdate (maxSurge/maxUnavailable) and Recreate, pause, rollback adoption,
// history cleanup, status and the Progressing/Available conditions.
import type { KubeObject } from '../types.js';
import { SimError } from '../types.js';
import type { Ctx } from './context.js';
import { setCondition } from './podFactory.js';
import { controllerRef, isTerminal, matchesSelector, ownerRef, parseTime, scaled, templateHash } from './util.js';

const REV = 'deployment.kubernetes.io/revision';
const REV_HISTORY = 'deployment.kubernetes.io/revision-history';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';
const NOT_COPIED = new Set([REV, REV_HISTORY, DESIRED, MAX, 'kubectl.kubernetes.io/last-applied-configuration']);

const rev = (rs: KubeObject | undefined): number => Number(rs?.metadata.annotations?.[REV] ?? 0) || 0;
const specReplicas = (rs: KubeObject): number => rs.spec?.replicas ?? 0;
const sum = (xs: KubeObject[], f: (o: KubeObject) => number): number => xs.reduce((n, o) => n + f(o), 0);
const byAge = (a: KubeObject, b: KubeObject) =>
  (parseTime(a.metadata.creationTimestamp) || 0) - (parseTime(b.metadata.creationTimestamp) || 0) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');

/** ResolveFenceposts: maxSurge rounds up, maxUnavailable down; both zero would deadlock, so unavailable becomes 1. */
export function fenceposts(d: KubeObject): { surge: number; unavailable: number } {
  const replicas = d.spec?.replicas ?? 1;
  if (d.spec?.strategy?.type === 'Recreate') return { surge: 0, unavailable: replicas };
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const surge = scaled(ru.maxSurge ?? '25%', replicas, true);
  let unavailable = scaled(ru.maxUnavailable ?? '25%', replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable: Math.min(unavailable, replicas) };
}

export function startDeploymentController(ctx: Ctx): { enqueue(o: KubeObject): void; onReplicaSet(rs: KubeObject): void; onPodGone(p: KubeObject): void } {
  const queue = ctx.queue('deployment', (key) => sync(key));
  const deadlines = new Map<string, () => void>();

  function scale(d: KubeObject, rs: KubeObject, to: number): KubeObject {
    const from = specReplicas(rs);
    const { surge } = fenceposts(d);
    const replicas = d.spec?.replicas ?? 1;
    const out = ctx.store.mutate('replicasets.apps', rs.metadata.namespace, rs.metadata.name ?? '', (o) => {
      const a = (o.metadata.annotations ??= {});
      if (o.spec.replicas === to && a[DESIRED] === String(replicas) && a[MAX] === String(replicas + surge)) return undefined;
      o.spec.replicas = to;
      a[DESIRED] = String(replicas);
      a[MAX] = String(replicas + surge);
      return o;
    }) ?? rs;
    if (from !== to) {
      ctx.events.emit(d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`, 'deployment-controller');
    }
    return out;
  }

  function owned(d: KubeObject): KubeObject[] {
    const mine = ctx.cache.controlledBy(d, 'replicasets.apps');
    // Adopt orphans that match the selector (ClaimReplicaSets).
    for (const rs of ctx.cache.list('replicasets.apps', d.metadata.namespace)) {
      if (controllerRef(rs) || rs.metadata.deletionTimestamp || !matchesSelector(d.spec?.selector, rs.metadata.labels)) continue;
      const adopted = ctx.store.mutate('replicasets.apps', rs.metadata.namespace, rs.metadata.name ?? '', (o) => {
        if (controllerRef(o)) return undefined;
        o.metadata.ownerReferences = [...(o.metadata.ownerReferences ?? []), ownerRef(d)];
        return o;
      });
      if (adopted) mine.push(adopted);
    }
    return mine;
  }

  function createNewRS(d: KubeObject, hash: string, replicas: number, revision: number): KubeObject | undefined {
    const { surge } = fenceposts(d);
    const tpl = structuredClone(d.spec.template ?? {});
    tpl.metadata ??= {};
    tpl.metadata.labels = { ...(tpl.metadata.labels ?? {}), 'pod-template-hash': hash };
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries<string>(d.metadata.annotations ?? {})) if (!NOT_COPIED.has(k)) annotations[k] = v;
    annotations[DESIRED] = String(d.spec.replicas ?? 1);
    annotations[MAX] = String((d.spec.replicas ?? 1) + surge);
    annotations[REV] = String(revision);
    const sel = structuredClone(d.spec.selector ?? {});
    sel.matchLabels = { ...(sel.matchLabels ?? {}), 'pod-template-hash': hash };
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: tpl.metadata.labels,
        annotations,
        ownerReferences: [ownerRef(d)],
      },
      spec: { replicas, minReadySeconds: d.spec.minReadySeconds ?? 0, selector: sel, template: tpl },
      status: { replicas: 0 },
    };
    try {
      const created = ctx.store.create('replicasets.apps', rs);
      if (replicas > 0) ctx.events.emit(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`, 'deployment-controller');
      return created;
    } catch (err) {
      if (!(err instanceof SimError) || err.code !== 409) throw err;
      // A hash collision with a replica set that is not ours: bump collisionCount and rehash (as the real controller).
      ctx.store.mutate('deployments.apps', d.metadata.namespace, d.metadata.name ?? '', (o) => {
        o.status = { ...(o.status ?? {}), collisionCount: (o.status?.collisionCount ?? 0) + 1 };
        return o;
      });
      return undefined;
    }
  }

  function sync(key: string): void {
    const [ns, name] = key.split('/');
    const d = ctx.cache.get('deployments.apps', ns, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const all = owned(d);
    const hash = templateHash(d.spec?.template, d.status?.collisionCount ?? 0);
    let newRS = all.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash && templateHash(rs.spec?.template) === templateHash(d.spec?.template))
      ?? all.find((rs) => templateHash(rs.spec?.template) === templateHash(d.spec?.template));
    let olds = all.filter((rs) => rs !== newRS).sort(byAge);
    const maxOld = Math.max(0, ...olds.map(rev));
    let created = false;
    const paused = !!d.spec?.paused;

    if (!paused) {
      if (!newRS) {
        const initial = d.spec?.strategy?.type === 'Recreate' ? 0 : initialReplicas(d, olds);
        newRS = createNewRS(d, hash, initial, maxOld + 1);
        if (!newRS) return queue.add(key);
        created = true;
      } else if (rev(newRS) <= maxOld) {
        // Rollback (or a template returning to an old one): the old replica set becomes the newest revision.
        const old = rev(newRS);
        newRS = ctx.store.mutate('replicasets.apps', ns, newRS.metadata.name ?? '', (o) => {
          const a = (o.metadata.annotations ??= {});
          a[REV] = String(maxOld + 1);
          if (old) a[REV_HISTORY] = [...(a[REV_HISTORY] ? a[REV_HISTORY].split(',') : []), String(old)].join(',');
          return o;
        }) ?? newRS;
      }
      if (d.spec?.strategy?.type === 'Recreate') recreate(d, newRS, olds);
      else if (!(isScalingEvent(d, [newRS!, ...olds]) && scaleProportionally(d, newRS, [newRS!, ...olds]))) rolling(d, newRS!, olds);
    } else if (all.length) {
      // Paused: no rollout, but scaling still applies, spread over the active replica sets.
      if (isScalingEvent(d, all) || sum(all, specReplicas) === 0) scaleProportionally(d, newRS, all);
    }

    const fresh = (rs: KubeObject) => ctx.cache.get('replicasets.apps', ns, rs.metadata.name ?? '') ?? rs;
    newRS = newRS && fresh(newRS);
    olds = olds.map(fresh);
    if (!paused && newRS) cleanup(d, olds);
    writeStatus(d, newRS, olds, created);
  }

  /** isScalingEvent: an active replica set was sized for a different spec.replicas than the deployment's. */
  function isScalingEvent(d: KubeObject, all: KubeObject[]): boolean {
    const want = String(d.spec?.replicas ?? 1);
    return all.some((rs) => specReplicas(rs) > 0 && rs.metadata.annotations?.[DESIRED] !== undefined && rs.metadata.annotations[DESIRED] !== want);
  }

  /**
   * scale() in sync.go: with several active replica sets (a rollout in progress, or paused), a new
   * replica count is spread over them in proportion to their size — up newest first, down oldest first
   * — so the rollout keeps its shape. Returns true when something was scaled.
   */
  function scaleProportionally(d: KubeObject, newRS: KubeObject | undefined, all: KubeObject[]): boolean {
    const replicas = d.spec?.replicas ?? 1;
    const active = all.filter((rs) => specReplicas(rs) > 0);
    if (active.length <= 1) {
      const target = active[0] ?? newRS ?? [...all].sort((a, b) => rev(b) - rev(a))[0];
      if (!target || specReplicas(target) === replicas) return false;
      scale(d, target, replicas);
      return true;
    }
    const total = sum(active, specReplicas);
    const allowed = d.spec?.paused ? replicas : replicas + fenceposts(d).surge;
    const delta = allowed - total;
    if (delta === 0) {
      for (const rs of active) scale(d, rs, specReplicas(rs)); // refresh the desired/max annotations
      return false;
    }
    const order = [...active].sort((a, b) => (delta > 0 ? rev(b) - rev(a) : rev(a) - rev(b)));
    const next = new Map<KubeObject, number>();
    let given = 0;
    for (const rs of order) {
      const share = Math.trunc((delta * specReplicas(rs)) / total);
      next.set(rs, specReplicas(rs) + share);
      given += share;
    }
    // The rounding left-over goes to the first in order (the newest when growing, the oldest when shrinking).
    let rest = delta - given;
    for (const rs of order) {
      if (rest === 0) break;
      const n = next.get(rs)!;
      const adj = rest > 0 ? rest : Math.max(rest, -n);
      next.set(rs, n + adj);
      rest -= adj;
    }
    for (const [rs, n] of next) scale(d, rs, Math.max(0, n));
    return true;
  }

  /** NewRSNewReplicas for a brand-new replica set under RollingUpdate. */
  function initialReplicas(d: KubeObject, olds: KubeObject[]): number {
    const replicas = d.spec?.replicas ?? 1;
    const { surge } = fenceposts(d);
    const current = sum(olds, specReplicas);
    return Math.max(0, Math.min(replicas + surge - current, replicas));
  }

  function rolling(d: KubeObject, newRS: KubeObject, olds: KubeObject[]): void {
    const replicas = d.spec?.replicas ?? 1;
    const { surge, unavailable } = fenceposts(d);
    const ns = d.metadata.namespace;
    const get = (rs: KubeObject) => ctx.cache.get('replicasets.apps', ns, rs.metadata.name ?? '') ?? rs;
    // reconcileNewReplicaSet
    const cur = specReplicas(newRS);
    if (cur > replicas) {
      scale(d, newRS, replicas);
      return;
    }
    if (cur < replicas) {
      const total = sum([newRS, ...olds], specReplicas);
      const up = Math.min(replicas + surge - total, replicas - cur);
      if (up > 0) {
        scale(d, newRS, cur + up);
        return;
      }
    } else scale(d, newRS, cur); // keeps the desired/max annotations current
    // reconcileOldReplicaSets
    olds = olds.map(get);
    newRS = get(newRS);
    if (sum(olds, specReplicas) === 0) return;
    const minAvailable = replicas - unavailable;
    const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = sum([newRS, ...olds], specReplicas) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return;
    // cleanupUnhealthyReplicas: old pods that are not available go first, they cost no availability.
    let done = 0;
    for (const rs of olds) {
      if (done >= maxScaledDown) break;
      const unhealthy = specReplicas(rs) - (rs.status?.availableReplicas ?? 0);
      if (specReplicas(rs) === 0 || unhealthy <= 0) continue;
      const n = Math.min(maxScaledDown - done, unhealthy);
      scale(d, rs, specReplicas(rs) - n);
      done += n;
    }
    // scaleDownOldReplicaSetsForRollingUpdate
    olds = olds.map(get);
    const available = sum([get(newRS), ...olds], (rs) => rs.status?.availableReplicas ?? 0);
    const budget = Math.min(available - minAvailable, maxScaledDown - done);
    let taken = 0;
    for (const rs of olds) {
      if (taken >= budget) break;
      if (specReplicas(rs) === 0) continue;
      const n = Math.min(specReplicas(rs), budget - taken);
      scale(d, rs, specReplicas(rs) - n);
      taken += n;
    }
  }

  function recreate(d: KubeObject, newRS: KubeObject | undefined, olds: KubeObject[]): void {
    const active = olds.filter((rs) => specReplicas(rs) > 0);
    for (const rs of active) scale(d, rs, 0);
    if (active.length) return;
    // Wait until every old pod is gone before starting new ones.
    const oldPods = olds.flatMap((rs) => ctx.cache.controlledBy(rs, 'pods')).filter((p) => !isTerminal(p));
    if (oldPods.length) return;
    if (newRS && specReplicas(newRS) !== (d.spec?.replicas ?? 1)) scale(d, newRS, d.spec?.replicas ?? 1);
  }

  function cleanup(d: KubeObject, olds: KubeObject[]): void {
    const limit = d.spec?.revisionHistoryLimit ?? 10;
    const dead = olds.filter((rs) => specReplicas(rs) === 0 && (rs.status?.replicas ?? 0) === 0 && !rs.metadata.deletionTimestamp).sort((a, b) => rev(a) - rev(b));
    for (const rs of dead.slice(0, Math.max(0, dead.length - limit))) ctx.store.remove('replicasets.apps', rs.metadata.namespace, rs.metadata.name ?? '');
  }

  function writeStatus(d: KubeObject, newRS: KubeObject | undefined, olds: KubeObject[], created: boolean): void {
    const key = `${d.metadata.namespace}/${d.metadata.name}`;
    const all = newRS ? [newRS, ...olds] : olds;
    const replicas = d.spec?.replicas ?? 1;
    const { unavailable } = fenceposts(d);
    const prev = d.status ?? {};
    const st: any = {
      observedGeneration: d.metadata.generation ?? 1,
      replicas: sum(all, (rs) => rs.status?.replicas ?? 0),
      updatedReplicas: newRS?.status?.replicas ?? 0,
      readyReplicas: sum(all, (rs) => rs.status?.readyReplicas ?? 0),
      availableReplicas: sum(all, (rs) => rs.status?.availableReplicas ?? 0),
    };
    st.unavailableReplicas = Math.max(0, replicas - st.availableReplicas);
    if (prev.collisionCount) st.collisionCount = prev.collisionCount;
    const now = ctx.nowIso();
    let conds: any[] = prev.conditions ?? [];
    conds = st.availableReplicas >= replicas - unavailable
      ? setCondition(conds, { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }, now, { lastUpdateTime: now })
      : setCondition(conds, { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' }, now, { lastUpdateTime: now });
    const prevAvail = (prev.conditions ?? []).find((c: any) => c.type === 'Available');
    const avail = conds.find((c) => c.type === 'Available');
    if (prevAvail && prevAvail.status === avail.status && prevAvail.reason === avail.reason) avail.lastUpdateTime = prevAvail.lastUpdateTime;
    const prevProg = (prev.conditions ?? []).find((c: any) => c.type === 'Progressing');
    const rsName = newRS?.metadata.name ?? '';
    const complete = !!newRS && st.updatedReplicas === replicas && st.availableReplicas === replicas && st.replicas === replicas && specReplicas(newRS) === replicas;
    const progressed = st.updatedReplicas > (prev.updatedReplicas ?? 0) || st.availableReplicas > (prev.availableReplicas ?? 0) ||
      st.readyReplicas > (prev.readyReplicas ?? 0) || st.replicas !== (prev.replicas ?? 0);
    let prog: { type: string; status: string; reason: string; message: string } | undefined;
    const deadlineMs = (d.spec?.progressDeadlineSeconds ?? 600) * 1000;
    if (d.spec?.paused) prog = { type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' };
    else if (prevProg?.reason === 'DeploymentPaused') prog = { type: 'Progressing', status: 'Unknown', reason: 'DeploymentResumed', message: 'Deployment is resumed' };
    else if (complete) prog = { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.` };
    else if (created) prog = { type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${rsName}"` };
    else if (!prevProg && newRS) prog = { type: 'Progressing', status: 'True', reason: 'FoundNewReplicaSet', message: `Found new replica set "${rsName}"` };
    else if (progressed || prevProg?.message !== undefined && !prevProg.message.includes(`"${rsName}"`)) prog = { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rsName}" is progressing.` };
    else if (prevProg && prevProg.reason !== 'ProgressDeadlineExceeded' && prevProg.reason !== 'NewReplicaSetAvailable' && (parseTime(prevProg.lastUpdateTime) || 0) + deadlineMs <= ctx.now()) {
      prog = { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rsName}" has timed out progressing.` };
    }
    // getReplicaFailures: the new replica set's ReplicaFailure (else an old one's) is copied as it is.
    const failure = all.map((rs) => (rs.status?.conditions ?? []).find((c: any) => c.type === 'ReplicaFailure')).find(Boolean);
    const prevFailure = conds.find((c) => c.type === 'ReplicaFailure');
    if (failure && !(prevFailure && prevFailure.status === failure.status && prevFailure.reason === failure.reason)) {
      conds = [...conds.filter((c) => c !== prevFailure), { type: 'ReplicaFailure', status: failure.status, lastUpdateTime: failure.lastTransitionTime, lastTransitionTime: failure.lastTransitionTime, reason: failure.reason, message: failure.message }];
    } else if (!failure && prevFailure) conds = conds.filter((c) => c !== prevFailure);
    if (prog) {
      const same = prevProg && prevProg.reason === prog.reason && prevProg.status === prog.status && prevProg.message === prog.message;
      const lastUpdateTime = same && !progressed ? prevProg.lastUpdateTime : now;
      conds = setCondition(conds, prog, now, { lastUpdateTime });
    }
    const progCond = conds.find((x) => x.type === 'Progressing');
    if (progCond) conds = [...conds.filter((x) => x !== progCond), progCond];
    conds.sort((a, b) => (a.type === 'Available' ? -1 : b.type === 'Available' ? 1 : 0));
    st.conditions = conds;
    // Re-check the progress deadline when it would expire.
    deadlines.get(key)?.();
    const pc = conds.find((x) => x.type === 'Progressing');
    if (pc && pc.status === 'True' && pc.reason !== 'NewReplicaSetAvailable') {
      deadlines.set(key, queue.addAfter(key, (parseTime(pc.lastUpdateTime) || ctx.now()) + deadlineMs - ctx.now() + 1000));
    }
    const revision = newRS ? String(rev(newRS)) : d.metadata.annotations?.[REV];
    const sameStatus = JSON.stringify(prev) === JSON.stringify(st);
    if (sameStatus && d.metadata.annotations?.[REV] === revision) return;
    ctx.store.mutate('deployments.apps', d.metadata.namespace, d.metadata.name ?? '', (o) => {
      if (o.metadata.uid !== d.metadata.uid) return undefined;
      o.status = st;
      if (revision) o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [REV]: revision };
      return o;
    });
  }

  return {
    enqueue: (o) => queue.add(`${o.metadata.namespace}/${o.metadata.name}`),
    onReplicaSet(rs) {
      const ref = controllerRef(rs);
      if (ref?.kind === 'Deployment') queue.add(`${rs.metadata.namespace}/${ref.name}`);
      else if (!ref) for (const d of ctx.cache.list('deployments.apps', rs.metadata.namespace)) if (matchesSelector(d.spec?.selector, rs.metadata.labels)) queue.add(`${d.metadata.namespace}/${d.metadata.name}`);
    },
    /** Called when a pod disappears: Recreate waits for old pods to be gone. */
    onPodGone(p) {
      const ref = controllerRef(p);
      if (ref?.kind !== 'ReplicaSet') return;
      const rs = ctx.cache.get('replicasets.apps', p.metadata.namespace, ref.name);
      const dref = rs && controllerRef(rs);
      if (dref?.kind === 'Deployment') queue.add(`${p.metadata.namespace}/${dref.name}`);
    },
  };
}
