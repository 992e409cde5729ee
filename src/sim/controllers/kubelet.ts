// The simulated kubelet: moves every pod bound to a node through ContainerCreating → Running →
// Ready, restarts containers with back-off, stops them on deletion, and writes status + events the
// way the real kubelet does.
//
// How a pod chooses its story (so each can be reproduced with plain kubectl):
//   annotation sim.kdash.dev/behavior: run | crashloop | oomkill | complete | fail | evict | imagepull
//                                      (applies to every container of the pod)
//   container env CRASH=1        → crashloop   (exits with code 1 after a few seconds, restarts with back-off)
//   container env OOM=1          → oomkill     (reason OOMKilled, exit code 137)
//   container env EXIT_CODE=N    → exits with N after its run time (0 = complete, otherwise fail)
//   image tag ":doesnotexist" or an image name containing "typo" → ErrImagePull / ImagePullBackOff
//   pods owned by a Job          → complete (exit 0 after the run time) unless told otherwise
//   annotation sim.kdash.dev/run-seconds: N   how long a container runs before exiting/crashing/eviction
//   annotation sim.kdash.dev/ready-after: N   seconds from start to Ready (default: readinessProbe
//                                             initialDelaySeconds + 1, or at once without a probe)
//   annotation sim.kdash.dev/stop-seconds: N  how long containers take to stop on deletion (default 1,
//                                             never longer than the grace period)
// Otherwise a container just runs.
import type { KubeObject } from '../types.js';
import type { Ctx } from './context.js';
import type { LogHub } from '../logs.js';
import { buildStatus, containerId, PodIps, type Behavior, type ContainerRt, type PodRt } from './podRuntime.js';
import { bytes, controllerRef, fullImage, milliCpu, parseTime } from './util.js';

export const BEHAVIOR_ANNOTATION = 'sim.kdash.dev/behavior';
const BACKOFF_START = 10_000;
const BACKOFF_MAX = 300_000;

export interface Kubelet {
  onPod(prev: KubeObject | undefined, next: KubeObject | undefined): void;
  pods(): Iterable<PodRt>;
  get(ns: string, name: string): PodRt | undefined;
}

export function behaviorOf(pod: KubeObject, c: any): Behavior {
  const image: string = c.image ?? '';
  if (/:doesnotexist$/.test(image) || /typo/i.test(image)) return 'imagepull';
  const env = new Map<string, string>((c.env ?? []).map((e: any) => [e.name, String(e.value ?? '')]));
  if (env.get('CRASH') === '1') return 'crashloop';
  if (env.get('OOM') === '1') return 'oomkill';
  if (env.has('EXIT_CODE')) return env.get('EXIT_CODE') === '0' ? 'complete' : 'fail';
  const a = pod.metadata.annotations?.[BEHAVIOR_ANNOTATION];
  if (a && ['run', 'crashloop', 'oomkill', 'complete', 'fail', 'evict', 'imagepull'].includes(a)) return a as Behavior;
  if (controllerRef(pod)?.kind === 'Job') return 'complete';
  return 'run';
}

export function startKubelet(ctx: Ctx, logs: LogHub): Kubelet {
  const pods = new Map<string, PodRt>();
  const nodeImages = new Map<string, Set<string>>();
  const ips = new PodIps();


  const after = (rt: PodRt, ms: number, fn: () => void, evenIfDeleting = false): (() => void) => {
    const cancel = ctx.after(ms, () => {
      rt.timers.delete(cancel);
      // Once a pod is terminating, only its stop sequence still runs.
      if (pods.get(rt.key) === rt && (evenIfDeleting || !rt.deleting)) fn();
    });
    rt.timers.add(cancel);
    return cancel;
  };
  const ev = (rt: PodRt, type: 'Normal' | 'Warning', reason: string, msg: string, c?: ContainerRt) => {
    const pod = ctx.cache.get('pods', rt.ns, rt.name);
    if (pod) ctx.events.emit(pod, type, reason, msg, 'kubelet', { host: rt.node, fieldPath: c ? `spec.containers{${c.name}}` : undefined });
  };
  const publish = (rt: PodRt) => {
    ctx.store.mutate('pods', rt.ns, rt.name, (p) => {
      if (p.metadata.uid !== rt.uid) return undefined;
      const status = buildStatus(rt, p, ctx.now());
      if (JSON.stringify(status) === JSON.stringify(p.status)) return undefined;
      p.status = status;
      return p;
    });
  };


  function newRecord(pod: KubeObject): PodRt {
    const nodeName: string = pod.spec.nodeName;
    const node = ctx.cache.get('nodes', undefined, nodeName);
    const hostIP = node?.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address ?? '10.128.0.2';
    const ann = pod.metadata.annotations ?? {};
    const num = (k: string, d: number) => (ann[k] !== undefined && Number.isFinite(Number(ann[k])) ? Number(ann[k]) : d);
    const probe = (pod.spec.containers ?? []).find((c: any) => c.readinessProbe)?.readinessProbe;
    const requests = new Map<string, { cpu: number; mem: number; limMem: number }>();
    for (const c of pod.spec.containers ?? []) {
      const r = c.resources ?? {};
      requests.set(c.name, { cpu: milliCpu(r.requests?.cpu ?? r.limits?.cpu), mem: bytes(r.requests?.memory ?? r.limits?.memory), limMem: bytes(r.limits?.memory) });
    }
    return {
      key: `${pod.metadata.namespace}/${pod.metadata.name}`,
      ns: pod.metadata.namespace ?? '',
      name: pod.metadata.name ?? '',
      uid: pod.metadata.uid ?? '',
      node: nodeName,
      hostIP,
      podIP: pod.spec.hostNetwork ? hostIP : undefined,
      startTime: ctx.now(),
      restartPolicy: pod.spec.restartPolicy ?? 'Always',
      labels: pod.metadata.labels ?? {},
      owner: controllerRef(pod)?.kind,
      initContainers: (pod.spec.initContainers ?? []).map((c: any): ContainerRt => {
        const b = behaviorOf(pod, c);
        return {
          name: c.name, image: c.image ?? '', init: true, behavior: b === 'run' ? 'complete' : b, state: 'waiting', waitingReason: 'PodInitializing',
          restartCount: 0, ready: false, backoffMs: BACKOFF_START, runSeconds: num('sim.kdash.dev/init-seconds', 2),
          exitCode: Number((c.env ?? []).find((e: any) => e.name === 'EXIT_CODE')?.value ?? 1) || 1,
        };
      }),
      containers: (pod.spec.containers ?? []).map((c: any) => ({
        name: c.name,
        image: c.image ?? '',
        behavior: behaviorOf(pod, c),
        state: 'waiting',
        waitingReason: pod.spec.initContainers?.length ? 'PodInitializing' : 'ContainerCreating',
        restartCount: 0,
        ready: false,
        backoffMs: BACKOFF_START,
        exitCode: Number((c.env ?? []).find((e: any) => e.name === 'EXIT_CODE')?.value ?? 1) || 1,
        runSeconds: num('sim.kdash.dev/run-seconds', behaviorOf(pod, c) === 'evict' ? 30 : behaviorOf(pod, c) === 'oomkill' ? 8 : behaviorOf(pod, c) === 'crashloop' ? 3 : 5),
      })),
      phase: 'Pending',
      deleting: false,
      readyDelayMs: num('sim.kdash.dev/ready-after', probe ? (probe.initialDelaySeconds ?? 0) + 1 : 0) * 1000,
      requests,
      timers: new Set(),
    };
  }

  // ---- container lifecycle ----

  function pull(rt: PodRt, c: ContainerRt, spec: any): void {
    const images = nodeImages.get(rt.node) ?? new Set<string>();
    nodeImages.set(rt.node, images);
    const policy = spec?.imagePullPolicy ?? (c.image.endsWith(':latest') || !c.image.includes(':') ? 'Always' : 'IfNotPresent');
    if (c.behavior !== 'imagepull' && policy !== 'Always' && images.has(c.image)) {
      ev(rt, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, c);
      start(rt, c);
      return;
    }
    ev(rt, 'Normal', 'Pulling', `Pulling image "${c.image}"`, c);
    const ms = 800 + Math.floor(ctx.rand() * 2500);
    after(rt, ms, () => {
      if (c.behavior === 'imagepull') {
        const ref = fullImage(c.image);
        ev(rt, 'Warning', 'Failed', `Failed to pull image "${c.image}": rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`, c);
        ev(rt, 'Warning', 'Failed', 'Error: ErrImagePull', c);
        c.waitingReason = 'ErrImagePull';
        c.waitingMessage = `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
        publish(rt);
        after(rt, 1000, () => {
          ev(rt, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, c);
          ev(rt, 'Warning', 'Failed', 'Error: ImagePullBackOff', c);
          c.waitingReason = 'ImagePullBackOff';
          c.waitingMessage = `Back-off pulling image "${c.image}"`;
          publish(rt);
          const wait = c.backoffMs;
          c.backoffMs = Math.min(BACKOFF_MAX, c.backoffMs * 2);
          c.cancel = after(rt, wait, () => pull(rt, c, spec));
        });
        return;
      }
      images.add(c.image);
      const secs = (ms / 1000).toFixed(3);
      ev(rt, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${secs}s (${secs}s including waiting). Image size: ${20_000_000 + (c.image.length * 7_654_321) % 180_000_000} bytes.`, c);
      start(rt, c);
    });
  }

  function start(rt: PodRt, c: ContainerRt, at = ctx.now(), quiet = false): void {
    if (!quiet) {
      ev(rt, 'Normal', 'Created', `Created container: ${c.name}`, c);
      ev(rt, 'Normal', 'Started', `Started container ${c.name}`, c);
    }
    c.state = 'running';
    c.waitingReason = c.waitingMessage = undefined;
    c.startedAt = at;
    c.containerID = containerId(rt, c);
    c.ready = false;
    rt.podIP ??= ips.allocate(rt.node, ctx.cache.get('nodes', undefined, rt.node)?.spec?.podCIDR);
    if (rt.phase === 'Pending' && !c.init) rt.phase = 'Running';
    logs.containerStarted(rt, c, at);
    const readyIn = Math.max(0, at + rt.readyDelayMs - ctx.now());
    if (readyIn === 0) c.ready = true;
    else after(rt, readyIn, () => {
      if (c.state === 'running' && c.startedAt === at && !rt.deleting) {
        c.ready = true;
        publish(rt);
      }
    });
    if (!quiet) publish(rt);
    const runMs = Math.max(0, at + c.runSeconds * 1000 - ctx.now());
    switch (c.behavior) {
      case 'crashloop': c.cancel = after(rt, runMs, () => exit(rt, c, 1, 'Error')); break;
      case 'fail': c.cancel = after(rt, runMs, () => exit(rt, c, c.exitCode ?? 1, 'Error')); break;
      case 'oomkill': c.cancel = after(rt, runMs, () => exit(rt, c, 137, 'OOMKilled')); break;
      case 'complete': c.cancel = after(rt, runMs, () => exit(rt, c, 0, 'Completed')); break;
      case 'evict': c.cancel = after(rt, runMs, () => evict(rt)); break;
      default: break;
    }
  }

  function exit(rt: PodRt, c: ContainerRt, code: number, reason: string): void {
    const now = ctx.now();
    const info = { exitCode: code, reason, startedAt: c.startedAt ?? now, finishedAt: now, containerID: c.containerID ?? '' };
    logs.containerStopped(rt, c, now, code);
    c.state = 'terminated';
    c.terminated = info;
    c.ready = false;
    if (c.init && code === 0) {
      publish(rt);
      startNext(rt);
      return;
    }
    // A failed init container is retried unless the pod never restarts; a finished one never is.
    const restart = c.init ? rt.restartPolicy !== 'Never' : rt.restartPolicy === 'Always' || (rt.restartPolicy === 'OnFailure' && code !== 0);
    if (!restart && c.init) {
      rt.phase = 'Failed';
      publish(rt);
      return;
    }
    if (!restart) {
      if (rt.containers.every((x) => x.state === 'terminated')) {
        rt.phase = rt.containers.every((x) => x.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
      }
      publish(rt);
      return;
    }
    // A container that ran long enough resets its back-off (kubelet: 2 × max back-off of stability).
    if (now - (c.startedAt ?? now) > 2 * BACKOFF_MAX) c.backoffMs = BACKOFF_START;
    publish(rt);
    const restartNow = () => {
      c.last = info;
      c.terminated = undefined;
      c.restartCount++;
      ev(rt, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, c);
      start(rt, c);
    };
    if (c.restartCount === 0) {
      // The first restart is immediate; back-off applies from the second (kubelet's backOff has no entry yet).
      after(rt, 1000, restartNow);
      return;
    }
    const wait = c.backoffMs;
    c.backoffMs = Math.min(BACKOFF_MAX, c.backoffMs * 2);
    after(rt, 1000, () => {
      c.last = info;
      c.terminated = undefined;
      c.state = 'waiting';
      c.waitingReason = 'CrashLoopBackOff';
      c.waitingMessage = `back-off ${fmtDuration(wait)} restarting failed container=${c.name} pod=${rt.name}_${rt.ns}(${rt.uid})`;
      ev(rt, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${rt.name}_${rt.ns}(${rt.uid})`, c);
      publish(rt);
      c.cancel = after(rt, wait, () => {
        c.last = undefined;
        restartNow();
      });
    });
  }

  /** Runs the next init container, or once they have all succeeded, pulls every app container. */
  function startNext(rt: PodRt): void {
    const pod = ctx.cache.get('pods', rt.ns, rt.name);
    const init = rt.initContainers.find((c) => !(c.state === 'terminated' && c.terminated?.exitCode === 0));
    if (init) {
      init.waitingReason = 'ContainerCreating';
      pull(rt, init, pod?.spec?.initContainers?.find((x: any) => x.name === init.name));
      return;
    }
    for (const c of rt.containers) {
      if (c.state !== 'waiting' || c.waitingReason !== 'PodInitializing' && c.waitingReason !== 'ContainerCreating') continue;
      c.waitingReason = 'ContainerCreating';
      pull(rt, c, pod?.spec?.containers?.find((x: any) => x.name === c.name));
    }
    publish(rt);
  }

  function evict(rt: PodRt): void {
    const now = ctx.now();
    const c0 = rt.containers[0];
    const using = Math.round(((rt.requests.get(c0?.name ?? '')?.mem ?? 128 * 2 ** 20) * 9.5) / 2 ** 20);
    const req = Math.round((rt.requests.get(c0?.name ?? '')?.mem ?? 0) / 2 ** 20);
    const msg = `The node was low on resource: memory. Threshold quantity: 100Mi, available: ${60_000 + Math.floor(ctx.rand() * 40_000)}Ki. Container ${c0?.name} was using ${using}Mi, request is ${req}Mi, has larger consumption of memory. `;
    ev(rt, 'Warning', 'Evicted', msg);
    for (const c of rt.containers) {
      if (c.state === 'running') ev(rt, 'Normal', 'Killing', `Stopping container ${c.name}`, c);
      c.cancel?.();
      logs.containerStopped(rt, c, now, 137);
      c.terminated = { exitCode: 137, reason: 'Error', startedAt: c.startedAt ?? now, finishedAt: now, containerID: c.containerID ?? '' };
      c.state = 'terminated';
      c.ready = false;
    }
    rt.phase = 'Failed';
    rt.reason = 'Evicted';
    rt.message = msg;
    publish(rt);
  }

  function terminate(rt: PodRt, pod: KubeObject): void {
    rt.deleting = true;
    const now = ctx.now();
    const deadline = parseTime(pod.metadata.deletionTimestamp);
    const grace = Number.isFinite(deadline) ? Math.max(0, deadline - now) : 0;
    const stop = Number(pod.metadata.annotations?.['sim.kdash.dev/stop-seconds'] ?? 1) * 1000;
    const running = rt.containers.filter((c) => c.state === 'running');
    for (const c of [...rt.initContainers, ...rt.containers]) c.cancel?.();
    if (rt.initContainers.some((c) => c.state === 'running')) running.push(...rt.initContainers.filter((c) => c.state === 'running'));
    for (const c of running) ev(rt, 'Normal', 'Killing', `Stopping container ${c.name}`, c);
    for (const c of rt.containers) c.ready = false;
    if (rt.phase === 'Running') publish(rt);
    // The kubelet deletes the pod object (grace 0) once its containers have stopped, at the latest when the grace period ends.
    after(rt, Math.min(grace, stop), () => {
      for (const c of running) logs.containerStopped(rt, c, ctx.now(), 0);
      ctx.store.remove('pods', rt.ns, rt.name);
    }, true);
  }

  /** A pod already running when we first see it (a scenario or a restart of the runtime): take it over as is. */
  function adopt(rt: PodRt, pod: KubeObject): void {
    const st = pod.status ?? {};
    rt.phase = st.phase;
    rt.reason = st.reason;
    rt.message = st.message;
    rt.podIP = st.podIP;
    rt.hostIP = st.hostIP ?? rt.hostIP;
    if (rt.podIP !== rt.hostIP) ips.hold(rt.node, rt.podIP);
    for (const c of rt.initContainers) {
      // Adopted pods are past their init phase (a restart mid-init simply reruns nothing).
      const t = (st.initContainerStatuses ?? []).find((x: any) => x.name === c.name)?.state?.terminated;
      c.state = 'terminated';
      c.restartCount = 0;
      c.terminated = { exitCode: 0, reason: 'Completed', startedAt: parseTime(t?.startedAt) || rt.startTime, finishedAt: parseTime(t?.finishedAt) || rt.startTime + 1000, containerID: t?.containerID ?? containerId(rt, c) };
      c.containerID = c.terminated.containerID;
    }
    rt.startTime = parseTime(st.startTime) || rt.startTime;
    if (!nodeImages.has(rt.node)) nodeImages.set(rt.node, new Set());
    for (const c of rt.containers) {
      nodeImages.get(rt.node)!.add(c.image);
      const cs = (st.containerStatuses ?? []).find((x: any) => x.name === c.name);
      if (!cs) continue;
      c.restartCount = cs.restartCount ?? 0;
      const lt = cs.lastState?.terminated;
      if (lt) c.last = { exitCode: lt.exitCode, reason: lt.reason, startedAt: parseTime(lt.startedAt), finishedAt: parseTime(lt.finishedAt), containerID: lt.containerID ?? '' };
      for (let i = 0; i < c.restartCount; i++) c.backoffMs = Math.min(BACKOFF_MAX, i ? c.backoffMs * 2 : c.backoffMs);
      if (c.last) logs.containerStarted(rt, { ...c, restartCount: c.restartCount - 1, containerID: c.last.containerID }, c.last.startedAt, c.last);
      if (cs.state?.running) {
        start(rt, c, parseTime(cs.state.running.startedAt) || ctx.now(), true);
        c.ready = !!cs.ready;
      } else if (cs.state?.terminated) {
        const t = cs.state.terminated;
        c.state = 'terminated';
        c.terminated = { exitCode: t.exitCode, reason: t.reason, startedAt: parseTime(t.startedAt), finishedAt: parseTime(t.finishedAt), containerID: t.containerID ?? '' };
        c.containerID = t.containerID;
        c.startedAt = c.terminated.startedAt;
        logs.containerStarted(rt, c, c.terminated.startedAt, c.terminated);
      } else if (cs.state?.waiting?.reason === 'CrashLoopBackOff' && c.last) {
        c.state = 'waiting';
        c.waitingReason = 'CrashLoopBackOff';
        c.waitingMessage = cs.state.waiting.message;
        const wait = Math.max(0, c.last.finishedAt + c.backoffMs / 2 - ctx.now());
        c.cancel = after(rt, wait, () => {
          c.last = c.last && { ...c.last };
          c.restartCount++;
          ev(rt, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, c);
          start(rt, c);
        });
      } else {
        pull(rt, c, pod.spec.containers.find((x: any) => x.name === c.name));
      }
    }
  }

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
      rt = newRecord(next);
      pods.set(key, rt);
      const phase = next.status?.phase;
      if (next.status?.containerStatuses?.length || phase === 'Running' || phase === 'Succeeded' || phase === 'Failed') {
        adopt(rt, next);
      } else if (!next.metadata.deletionTimestamp) {
        publish(rt);
        startNext(rt);
      }
    }
    if (next.metadata.deletionTimestamp && !rt.deleting) terminate(rt, next);
  }

  function drop(key: string, rt: PodRt): void {
    for (const t of rt.timers) t();
    ips.release(rt.node, rt.podIP);
    pods.delete(key);
    logs.podRemoved(key);
  }

  const queue = ctx.queue('kubelet', sync);

  return {
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

function fmtDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ''}` : `${s}s`;
}
