// The simulated kubelet's container lifecycle: init containers one after the other, image pulls,
// start and readiness, exit (with the pod's phase once nothing restarts), and the stop sequence when
// the pod is deleted. The failure stories it branches into live in containerFailures.ts.
import type { KubeObject } from '../types.js';
import { evict, pullFailed, restartAfterExit } from './containerFailures.js';
import type { KubeletEnv } from './kubeletEnv.js';
import { containerId, type ContainerRt, type PodRt } from './podRuntime.js';
import { startProbes } from './probes.js';
import { parseTime } from './util.js';

/** Runs the next init container, or once they have all succeeded, pulls every app container. */
export function startNext(k: KubeletEnv, rt: PodRt): void {
  const pod = k.ctx.cache.get('pods', rt.ns, rt.name);
  const init = rt.initContainers.find((c) => !(c.state === 'terminated' && c.terminated?.exitCode === 0));
  if (init) {
    init.waitingReason = 'ContainerCreating';
    pull(k, rt, init, pod?.spec?.initContainers?.find((x: any) => x.name === init.name));
    return;
  }
  for (const c of rt.containers) {
    if (c.state !== 'waiting' || c.waitingReason !== 'PodInitializing' && c.waitingReason !== 'ContainerCreating') continue;
    c.waitingReason = 'ContainerCreating';
    pull(k, rt, c, pod?.spec?.containers?.find((x: any) => x.name === c.name));
  }
  k.publish(rt);
}

/** Pulls the container's image (skipped when the node has it and the policy allows), then starts it. */
export function pull(k: KubeletEnv, rt: PodRt, c: ContainerRt, spec: any): void {
  const images = k.nodeImages.get(rt.node) ?? new Set<string>();
  k.nodeImages.set(rt.node, images);
  const policy = spec?.imagePullPolicy ?? (c.image.endsWith(':latest') || !c.image.includes(':') ? 'Always' : 'IfNotPresent');
  if (c.behavior !== 'imagepull' && policy !== 'Always' && images.has(c.image)) {
    k.ev(rt, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, c);
    start(k, rt, c);
    return;
  }
  k.ev(rt, 'Normal', 'Pulling', `Pulling image "${c.image}"`, c);
  const ms = 800 + Math.floor(k.ctx.rand() * 2500);
  k.after(rt, ms, () => {
    if (c.behavior === 'imagepull') {
      pullFailed(k, rt, c, () => pull(k, rt, c, spec));
      return;
    }
    images.add(c.image);
    const secs = (ms / 1000).toFixed(3);
    k.ev(rt, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${secs}s (${secs}s including waiting). Image size: ${20_000_000 + (c.image.length * 7_654_321) % 180_000_000} bytes.`, c);
    start(k, rt, c);
  });
}

/**
 * Starts (or, `quiet`, takes over an already running) container at `at`: Ready after the pod's
 * readiness delay, and its story's end (exit, crash, OOM kill, eviction) after its run time.
 */
export function start(k: KubeletEnv, rt: PodRt, c: ContainerRt, at = k.ctx.now(), quiet = false): void {
  const { ctx } = k;
  if (!quiet) {
    k.ev(rt, 'Normal', 'Created', `Created container: ${c.name}`, c);
    k.ev(rt, 'Normal', 'Started', `Started container ${c.name}`, c);
  }
  c.state = 'running';
  c.waitingReason = c.waitingMessage = undefined;
  c.startedAt = at;
  c.containerID = containerId(rt, c);
  c.ready = false;
  rt.podIP ??= k.ips.allocate(rt.node, ctx.cache.get('nodes', undefined, rt.node)?.spec?.podCIDR);
  if (rt.phase === 'Pending' && !c.init) rt.phase = 'Running';
  k.logs.containerStarted(rt, c, at);
  const spec = c.init ? undefined : ctx.cache.get('pods', rt.ns, rt.name)?.spec?.containers?.find((x: any) => x.name === c.name);
  // Readiness: the ready-after annotation when given, else the readiness probe, else Ready at once.
  const probed = rt.readyDelayMs === undefined && !!spec?.readinessProbe;
  const readyIn = Math.max(0, at + (rt.readyDelayMs ?? 0) - ctx.now());
  if (probed) c.ready = false;
  else if (readyIn === 0) c.ready = true;
  else k.after(rt, readyIn, () => {
    if (c.state === 'running' && c.startedAt === at && !rt.deleting) {
      c.ready = true;
      k.publish(rt);
    }
  });
  if (spec) startProbes(k, rt, c, spec, at, { readiness: probed, onKill: () => { c.cancel?.(); exit(k, rt, c, 137, 'Error'); } });
  if (!quiet) k.publish(rt);
  const runMs = Math.max(0, at + c.runSeconds * 1000 - ctx.now());
  switch (c.behavior) {
    case 'crashloop': c.cancel = k.after(rt, runMs, () => exit(k, rt, c, 1, 'Error')); break;
    case 'fail': c.cancel = k.after(rt, runMs, () => exit(k, rt, c, c.exitCode ?? 1, 'Error')); break;
    case 'oomkill': c.cancel = k.after(rt, runMs, () => exit(k, rt, c, 137, 'OOMKilled')); break;
    case 'complete': c.cancel = k.after(rt, runMs, () => exit(k, rt, c, 0, 'Completed')); break;
    case 'evict': c.cancel = k.after(rt, runMs, () => evict(k, rt)); break;
    default: break;
  }
}

/** The container's main process ended by itself (a shell attached to with `kubectl run -it` ran `exit N`). */
export function mainProcessExited(k: KubeletEnv, rt: PodRt, c: ContainerRt, code: number): void {
  if (c.state !== 'running') return;
  c.cancel?.();
  exit(k, rt, c, code, code === 0 ? 'Completed' : 'Error');
}

/** A container exited: the next init container runs, the container restarts, or the pod's phase is final. */
function exit(k: KubeletEnv, rt: PodRt, c: ContainerRt, code: number, reason: string): void {
  const now = k.ctx.now();
  const info = { exitCode: code, reason, startedAt: c.startedAt ?? now, finishedAt: now, containerID: c.containerID ?? '' };
  k.logs.containerStopped(rt, c, now, code);
  c.state = 'terminated';
  c.terminated = info;
  c.ready = false;
  if (c.init && code === 0) {
    k.publish(rt);
    startNext(k, rt);
    return;
  }
  // A failed init container is retried unless the pod never restarts; a finished one never is.
  const restart = c.init ? rt.restartPolicy !== 'Never' : rt.restartPolicy === 'Always' || (rt.restartPolicy === 'OnFailure' && code !== 0);
  if (!restart && c.init) {
    rt.phase = 'Failed';
    k.publish(rt);
    return;
  }
  if (!restart) {
    if (rt.containers.every((x) => x.state === 'terminated')) {
      rt.phase = rt.containers.every((x) => x.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
    }
    k.publish(rt);
    return;
  }
  restartAfterExit(k, rt, c, info, () => start(k, rt, c));
}

/** The pod is being deleted: stop its containers, then remove the object (at the latest when the grace period ends). */
export function terminate(k: KubeletEnv, rt: PodRt, pod: KubeObject): void {
  const { ctx } = k;
  rt.deleting = true;
  const now = ctx.now();
  const deadline = parseTime(pod.metadata.deletionTimestamp);
  const grace = Number.isFinite(deadline) ? Math.max(0, deadline - now) : 0;
  const stop = Number(pod.metadata.annotations?.['sim.kdash.dev/stop-seconds'] ?? 1) * 1000;
  const running = rt.containers.filter((c) => c.state === 'running');
  for (const c of [...rt.initContainers, ...rt.containers]) c.cancel?.();
  if (rt.initContainers.some((c) => c.state === 'running')) running.push(...rt.initContainers.filter((c) => c.state === 'running'));
  for (const c of running) k.ev(rt, 'Normal', 'Killing', `Stopping container ${c.name}`, c);
  for (const c of rt.containers) c.ready = false;
  if (rt.phase === 'Running') k.publish(rt);
  // The kubelet deletes the pod object (grace 0) once its containers have stopped, at the latest when the grace period ends.
  k.after(rt, Math.min(grace, stop), () => {
    for (const c of running) k.logs.containerStopped(rt, c, ctx.now(), 0);
    ctx.store.remove('pods', rt.ns, rt.name);
  }, true);
}
