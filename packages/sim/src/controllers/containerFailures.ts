// The simulated kubelet's failure stories: an image that cannot be pulled (ErrImagePull, then
// ImagePullBackOff), a container that keeps exiting (restarts with CrashLoopBackOff), and a pod the
// node evicts under memory pressure. Status fields, events and back-off timings as the kubelet has them.
import type { KubeletEnv } from './kubeletEnv.js';
import { BACKOFF_MAX, BACKOFF_START } from './podRecord.js';
import type { ContainerRt, PodRt, TerminatedInfo } from './podRuntime.js';
import { pullError } from './images.js';
import { fullImage } from './util.js';

/** The pull failed: ErrImagePull, a second later ImagePullBackOff, then `retry` after the back-off. */
export function pullFailed(k: KubeletEnv, rt: PodRt, c: ContainerRt, retry: () => void): void {
  const ref = fullImage(c.image);
  // The magic names (":doesnotexist", "typo") of images that exist fail as a missing tag does.
  const reason = pullError(c.image) ?? `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
  k.ev(rt, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${reason}`, c);
  k.ev(rt, 'Warning', 'Failed', 'Error: ErrImagePull', c);
  c.waitingReason = 'ErrImagePull';
  c.waitingMessage = reason;
  k.publish(rt);
  k.after(rt, 1000, () => {
    k.ev(rt, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, c);
    k.ev(rt, 'Warning', 'Failed', 'Error: ImagePullBackOff', c);
    c.waitingReason = 'ImagePullBackOff';
    c.waitingMessage = `Back-off pulling image "${c.image}"`;
    k.publish(rt);
    const wait = c.backoffMs;
    c.backoffMs = Math.min(BACKOFF_MAX, c.backoffMs * 2);
    c.cancel = k.after(rt, wait, retry);
  });
}

/**
 * Restarts a container that exited (`info`) under restartPolicy Always/OnFailure: the first restart
 * comes at once, later ones wait in CrashLoopBackOff for a doubling back-off. `start` runs it again.
 */
export function restartAfterExit(k: KubeletEnv, rt: PodRt, c: ContainerRt, info: TerminatedInfo, start: () => void): void {
  const now = k.ctx.now();
  // A container that ran long enough resets its back-off (kubelet: 2 × max back-off of stability).
  if (now - (c.startedAt ?? now) > 2 * BACKOFF_MAX) c.backoffMs = BACKOFF_START;
  k.publish(rt);
  const restartNow = () => {
    c.last = info;
    c.terminated = undefined;
    c.restartCount++;
    k.ev(rt, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, c);
    start();
  };
  if (c.restartCount === 0) {
    // The first restart is immediate; back-off applies from the second (kubelet's backOff has no entry yet).
    k.after(rt, 1000, restartNow);
    return;
  }
  const wait = c.backoffMs;
  c.backoffMs = Math.min(BACKOFF_MAX, c.backoffMs * 2);
  k.after(rt, 1000, () => {
    c.last = info;
    c.terminated = undefined;
    c.state = 'waiting';
    c.waitingReason = 'CrashLoopBackOff';
    c.waitingMessage = `back-off ${fmtDuration(wait)} restarting failed container=${c.name} pod=${rt.name}_${rt.ns}(${rt.uid})`;
    k.ev(rt, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${rt.name}_${rt.ns}(${rt.uid})`, c);
    k.publish(rt);
    c.cancel = k.after(rt, wait, () => {
      c.last = undefined;
      restartNow();
    });
  });
}

/** The node runs low on memory and evicts the pod: every container stops, the pod fails with reason Evicted. */
export function evict(k: KubeletEnv, rt: PodRt): void {
  const now = k.ctx.now();
  const c0 = rt.containers[0];
  const using = Math.round(((rt.requests.get(c0?.name ?? '')?.mem ?? 128 * 2 ** 20) * 9.5) / 2 ** 20);
  const req = Math.round((rt.requests.get(c0?.name ?? '')?.mem ?? 0) / 2 ** 20);
  const msg = `The node was low on resource: memory. Threshold quantity: 100Mi, available: ${60_000 + Math.floor(k.ctx.rand() * 40_000)}Ki. Container ${c0?.name} was using ${using}Mi, request is ${req}Mi, has larger consumption of memory. `;
  k.ev(rt, 'Warning', 'Evicted', msg);
  for (const c of rt.containers) {
    if (c.state === 'running') k.ev(rt, 'Normal', 'Killing', `Stopping container ${c.name}`, c);
    c.cancel?.();
    k.logs.containerStopped(rt, c, now, 137);
    c.terminated = { exitCode: 137, reason: 'Error', startedAt: c.startedAt ?? now, finishedAt: now, containerID: c.containerID ?? '' };
    c.state = 'terminated';
    c.ready = false;
  }
  rt.phase = 'Failed';
  rt.reason = 'Evicted';
  rt.message = msg;
  k.publish(rt);
}

/** A back-off as the kubelet writes it in CrashLoopBackOff messages (Go's Duration.String): 10s, 1m20s, 5m0s. */
function fmtDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${s % 60}s` : `${s}s`;
}
