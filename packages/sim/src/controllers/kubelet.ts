// The simulated kubelet: moves every pod bound to a node through ContainerCreating → Running →
// Ready, restarts containers with back-off, stops them on deletion, and writes status + events the
// way the real kubelet does. This file holds its state and decides when a pod needs it; how a pod
// picks its story is in podRecord.ts, the lifecycle in containerLifecycle.ts, the failure stories
// (ImagePullBackOff, CrashLoopBackOff, eviction) in containerFailures.ts.
import type { KubeObject } from '../types.js';
import type { Ctx } from './context.js';
import type { LogHub } from '../logs.js';
import { mainProcessExited, pull, start, startNext, terminate } from './containerLifecycle.js';
import { BACKOFF_MAX, newRecord } from './podRecord.js';
import { buildStatus, containerId, PodIps, type PodRt } from './podRuntime.js';
import { parseTime } from './util.js';
import type { KubeletEnv } from './kubeletEnv.js';

export interface Kubelet {
  onPod(prev: KubeObject | undefined, next: KubeObject | undefined): void;
  pods(): Iterable<PodRt>;
  get(ns: string, name: string): PodRt | undefined;
  /** The main process of a running container exited with this code (see SimRuntime.processExited). */
  processExited(ns: string, name: string, container: string, code: number): void;
}

export function startKubelet(ctx: Ctx, logs: LogHub): Kubelet {
  const pods = new Map<string, PodRt>();
  const k: KubeletEnv = {
    ctx,
    logs,
    ips: new PodIps(),
    nodeImages: new Map(),
    after(rt, ms, fn, evenIfDeleting = false) {
      const cancel = ctx.after(ms, () => {
        rt.timers.delete(cancel);
        if (pods.get(rt.key) === rt && (evenIfDeleting || !rt.deleting)) fn();
      });
      rt.timers.add(cancel);
      return cancel;
    },
    ev(rt, type, reason, msg, c) {
      const pod = ctx.cache.get('pods', rt.ns, rt.name);
      if (pod) ctx.events.emit(pod, type, reason, msg, 'kubelet', { host: rt.node, fieldPath: c ? `spec.containers{${c.name}}` : undefined });
    },
    publish(rt) {
      ctx.store.mutate('pods', rt.ns, rt.name, (p) => {
        if (p.metadata.uid !== rt.uid) return undefined;
        const status = buildStatus(rt, p, ctx.now());
        if (JSON.stringify(status) === JSON.stringify(p.status)) return undefined;
        p.status = status;
        return p;
      });
    },
  };

  /** Reacts to the pod's current state (in a work-queue pass, never inside the store listener). */
  function sync(key: string): void {
    const [ns, name] = key.split('/');
    const next = ctx.cache.get('pods', ns, name);
    let rt = pods.get(key);
    if (!next || (rt && rt.uid !== next.metadata.uid)) {
      if (rt) drop(key, rt);
      rt = undefined;
      if (!next) return;
    }
    if (!next.spec?.nodeName) return;
    if (!rt && !ctx.cache.get('nodes', undefined, next.spec.nodeName)) return; // no kubelet on a node that does not exist
    if (!rt) {
      rt = newRecord(ctx, next);
      pods.set(key, rt);
      const phase = next.status?.phase;
      if (next.status?.containerStatuses?.length || phase === 'Running' || phase === 'Succeeded' || phase === 'Failed') {
        adopt(k, rt, next);
      } else if (!next.metadata.deletionTimestamp) {
        k.publish(rt);
        startNext(k, rt);
      }
    }
    if (next.metadata.deletionTimestamp && !rt.deleting) terminate(k, rt, next);
  }

  function drop(key: string, rt: PodRt): void {
    for (const t of rt.timers) t();
    k.ips.release(rt.node, rt.podIP);
    pods.delete(key);
    logs.podRemoved(key);
  }

  const queue = ctx.queue('kubelet', sync);

  return {
    processExited(ns, name, container, code) {
      const rt = pods.get(`${ns}/${name}`);
      const c = rt?.containers.find((x) => x.name === container);
      if (rt && c && !rt.deleting) mainProcessExited(k, rt, c, code);
    },
    onPod(prev, next) {
      const o = (next ?? prev)!;
      const key = `${o.metadata.namespace}/${o.metadata.name}`;
      const rt = pods.get(key);
      if (!next) {
        if (rt) drop(key, rt);
        return;
      }
      // Only binding, deletion, replacement or first sight need the kubelet; its own status writes do not.
      if (!next.spec?.nodeName) return;
      if (!rt || rt.uid !== next.metadata.uid || (next.metadata.deletionTimestamp && !rt.deleting)) queue.add(key);
    },
    pods: () => pods.values(),
    get: (ns, name) => pods.get(`${ns}/${name}`),
  };
}

/** A pod already running when we first see it (a scenario or a restart of the runtime): take it over as is. */
function adopt(k: KubeletEnv, rt: PodRt, pod: KubeObject): void {
  const { ctx, logs } = k;
  const st = pod.status ?? {};
  rt.phase = st.phase;
  rt.reason = st.reason;
  rt.message = st.message;
  rt.podIP = st.podIP;
  rt.hostIP = st.hostIP ?? rt.hostIP;
  if (rt.podIP !== rt.hostIP) k.ips.hold(rt.node, rt.podIP);
  for (const c of rt.initContainers) {
    // Adopted pods are past their init phase (a restart mid-init simply reruns nothing).
    const t = (st.initContainerStatuses ?? []).find((x: any) => x.name === c.name)?.state?.terminated;
    c.state = 'terminated';
    c.restartCount = 0;
    c.terminated = { exitCode: 0, reason: 'Completed', startedAt: parseTime(t?.startedAt) || rt.startTime, finishedAt: parseTime(t?.finishedAt) || rt.startTime + 1000, containerID: t?.containerID ?? containerId(rt, c) };
    c.containerID = c.terminated.containerID;
  }
  rt.startTime = parseTime(st.startTime) || rt.startTime;
  if (!k.nodeImages.has(rt.node)) k.nodeImages.set(rt.node, new Set());
  for (const c of rt.containers) {
    k.nodeImages.get(rt.node)!.add(c.image);
    const cs = (st.containerStatuses ?? []).find((x: any) => x.name === c.name);
    if (!cs) continue;
    c.restartCount = cs.restartCount ?? 0;
    const lt = cs.lastState?.terminated;
    if (lt) c.last = { exitCode: lt.exitCode, reason: lt.reason, startedAt: parseTime(lt.startedAt), finishedAt: parseTime(lt.finishedAt), containerID: lt.containerID ?? '' };
    for (let i = 0; i < c.restartCount; i++) c.backoffMs = Math.min(BACKOFF_MAX, i ? c.backoffMs * 2 : c.backoffMs);
    if (c.last) logs.containerStarted(rt, { ...c, restartCount: c.restartCount - 1, containerID: c.last.containerID }, c.last.startedAt, c.last);
    if (cs.state?.running) {
      start(k, rt, c, parseTime(cs.state.running.startedAt) || ctx.now(), true);
      c.ready = !!cs.ready;
    } else if (cs.state?.terminated) {
      const t = cs.state.terminated;
      c.state = 'terminated';
      c.terminated = { exitCode: t.exitCode, reason: t.reason, startedAt: parseTime(t.startedAt), finishedAt: parseTime(t.finishedAt), containerID: t.containerID ?? '' };
      c.containerID = t.containerID;
      c.startedAt = c.terminated.startedAt;
      logs.containerStarted(rt, c, c.terminated.startedAt, c.terminated);
    } else if (cs.state?.waiting?.reason === 'CrashLoopBackOff' && c.last) {
      // Resume the back-off where it was: the restart comes half a back-off after the last exit.
      c.state = 'waiting';
      c.waitingReason = 'CrashLoopBackOff';
      c.waitingMessage = cs.state.waiting.message;
      const wait = Math.max(0, c.last.finishedAt + c.backoffMs / 2 - ctx.now());
      c.cancel = k.after(rt, wait, () => {
        c.last = c.last && { ...c.last };
        c.restartCount++;
        k.ev(rt, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, c);
        start(k, rt, c);
      });
    } else {
      pull(k, rt, c, pod.spec.containers.find((x: any) => x.name === c.name));
    }
  }
}
