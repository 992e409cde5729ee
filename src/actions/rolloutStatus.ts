// kubectl rollout status (polymorphichelpers/rollout_status.go: DeploymentStatusViewer,
// StatefulSetStatusViewer, DaemonSetStatusViewer), followed by polling, plus warnings from the new pods.
import type { Api } from '../kube/api.js';
import { clean, errorMessage, fail, isNotFound, ok, type ActionResult } from './result.js';
import { revisionOf } from './rolloutHistory.js';
import { builtinKind, controllerOf, isRollable, kindOf, meta, type Obj, refName, type TargetRef } from './targets.js';

export interface RolloutState {
  message: string;
  done: boolean;
  failed: boolean;
  warnings: string[];
}

type Verdict = { message: string; done: boolean; failed: boolean };

/** DeploymentStatusViewer.Status */
export function deploymentStatus(d: Obj): Verdict {
  const name = meta(d).name;
  const st = d.status ?? {};
  const wait = (m: string): Verdict => ({ message: `Waiting for deployment "${name}" rollout to finish: ${m}`, done: false, failed: false });
  if ((meta(d).generation ?? 0) > (st.observedGeneration ?? 0)) {
    return { message: 'Waiting for deployment spec update to be observed...', done: false, failed: false };
  }
  const progressing = ((st.conditions ?? []) as any[]).find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { message: `deployment "${name}" exceeded its progress deadline`, done: false, failed: true };
  }
  const desired = d.spec?.replicas ?? 1;
  const updated = st.updatedReplicas ?? 0;
  const total = st.replicas ?? 0;
  const available = st.availableReplicas ?? 0;
  if (updated < desired) return wait(`${updated} out of ${desired} new replicas have been updated...`);
  if (total > updated) return wait(`${total - updated} old replicas are pending termination...`);
  if (available < updated) return wait(`${available} of ${updated} updated replicas are available...`);
  return { message: `deployment "${name}" successfully rolled out`, done: true, failed: false };
}

/** StatefulSetStatusViewer.Status */
export function statefulSetStatus(s: Obj): Verdict {
  const st = s.status ?? {};
  const strategy = s.spec?.updateStrategy ?? {};
  if (strategy.type && strategy.type !== 'RollingUpdate') {
    return { message: 'rollout status is only available for RollingUpdate strategy type', done: false, failed: true };
  }
  const pending = (message: string): Verdict => ({ message, done: false, failed: false });
  if (!st.observedGeneration || (meta(s).generation ?? 0) > st.observedGeneration) {
    return pending('Waiting for statefulset spec update to be observed...');
  }
  const desired = s.spec?.replicas ?? 1;
  const ready = st.readyReplicas ?? 0;
  if (ready < desired) return pending(`Waiting for ${desired - ready} pods to be ready...`);
  const partition = strategy.rollingUpdate?.partition;
  if (partition !== undefined && partition !== null) {
    const want = desired - partition;
    if ((st.updatedReplicas ?? 0) < want) {
      return pending(`Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${want} new pods have been updated...`);
    }
    return { message: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...`, done: true, failed: false };
  }
  if (st.updateRevision !== st.currentRevision) {
    return pending(`waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...`);
  }
  return {
    message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...`,
    done: true,
    failed: false,
  };
}

/** DaemonSetStatusViewer.Status */
export function daemonSetStatus(ds: Obj): Verdict {
  const name = meta(ds).name;
  const st = ds.status ?? {};
  const type = ds.spec?.updateStrategy?.type;
  if (type && type !== 'RollingUpdate') {
    return { message: 'rollout status is only available for RollingUpdate strategy type', done: false, failed: true };
  }
  if ((meta(ds).generation ?? 0) > (st.observedGeneration ?? 0)) {
    return { message: 'Waiting for daemon set spec update to be observed...', done: false, failed: false };
  }
  const desired = st.desiredNumberScheduled ?? 0;
  const wait = (m: string): Verdict => ({ message: `Waiting for daemon set "${name}" rollout to finish: ${m}`, done: false, failed: false });
  if ((st.updatedNumberScheduled ?? 0) < desired) {
    return wait(`${st.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...`);
  }
  if ((st.numberAvailable ?? 0) < desired) return wait(`${st.numberAvailable ?? 0} of ${desired} updated pods are available...`);
  return { message: `daemon set "${name}" successfully rolled out`, done: true, failed: false };
}

const BAD_WAITING = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'InvalidImageName',
  'RunContainerError',
]);

/** Pure: why the new pods are not coming up (image pulls, crash loops, scheduling). */
export function podWarnings(pods: Obj[]): string[] {
  const out: string[] = [];
  for (const p of pods) {
    const name = meta(p).name;
    const scheduled = ((p.status?.conditions ?? []) as any[]).find((c) => c.type === 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
      out.push(`pod ${name}: Unschedulable${scheduled.message ? `: ${scheduled.message}` : ''}`);
    }
    const statuses = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])] as any[];
    for (const cs of statuses) {
      const w = cs.state?.waiting;
      if (w?.reason && BAD_WAITING.has(w.reason)) {
        out.push(`pod ${name}: ${w.reason} (${cs.name})${w.message ? `: ${w.message}` : ''}`);
      }
    }
    if (p.status?.phase === 'Failed' && p.status?.reason) out.push(`pod ${name}: ${p.status.reason}`);
  }
  return out.map((w) => clean(w).slice(0, 300));
}

/** Pods of the newest revision: for a deployment, those of its highest-revision replica set. */
export function newPods(kind: string, obj: Obj, pods: Obj[], replicaSets: Obj[]): Obj[] {
  const uid = meta(obj).uid;
  if (kind !== 'deployments') return pods.filter((p) => controllerOf(p)?.uid === uid);
  const owned = replicaSets.filter((rs) => controllerOf(rs)?.uid === uid);
  let newest: Obj | undefined;
  for (const rs of owned) if (!newest || (revisionOf(rs) ?? 0) > (revisionOf(newest) ?? 0)) newest = rs;
  if (!newest) return [];
  return pods.filter((p) => controllerOf(p)?.uid === meta(newest).uid);
}

function verdictFor(kind: string, obj: Obj): Verdict {
  if (kind === 'statefulsets') return statefulSetStatus(obj);
  if (kind === 'daemonsets') return daemonSetStatus(obj);
  return deploymentStatus(obj);
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/** Polls (~500 ms) until the rollout is done, failed, or signal aborts; reports each change through onUpdate. */
export async function followRolloutStatus(
  api: Api,
  ref: TargetRef,
  onUpdate: (s: RolloutState) => void,
  signal: AbortSignal,
  intervalMs = 500,
): Promise<ActionResult> {
  const k = kindOf(ref.kind);
  const kind = k?.id ?? ref.kind;
  if (!k || !isRollable(ref.kind)) {
    return fail(`no rollout status for ${ref.kind}: only deployments, stateful sets and daemon sets roll out`);
  }
  let last = '';
  let errors = 0;
  while (!signal.aborted) {
    let state: RolloutState;
    try {
      const obj = await api.objects.get(k, ref.namespace, ref.name);
      const verdict = verdictFor(kind, obj);
      let warnings: string[] = [];
      if (!verdict.done) {
        const [pods, rs] = await Promise.all([
          api.objects.list(builtinKind('pods'), ref.namespace),
          kind === 'deployments' ? api.objects.list(builtinKind('replicasets'), ref.namespace) : Promise.resolve([] as Obj[]),
        ]);
        warnings = podWarnings(newPods(kind, obj, pods, rs));
      }
      state = { ...verdict, message: clean(verdict.message), warnings };
      errors = 0;
    } catch (e) {
      if (isNotFound(e)) return fail(errorMessage(e), 404);
      if (++errors >= 20) return fail(`lost track of the rollout: ${errorMessage(e)}`);
      state = { message: `cannot read ${refName(ref)} (retrying): ${errorMessage(e)}`, done: false, failed: false, warnings: [] };
    }
    const key = JSON.stringify(state);
    if (key !== last && !signal.aborted) {
      last = key;
      onUpdate(state);
    }
    if (state.done) return ok(state.message);
    if (state.failed) return fail(state.message);
    await sleep(intervalMs, signal);
  }
  return ok(`stopped following ${refName(ref)}; the rollout goes on in the cluster`);
}
