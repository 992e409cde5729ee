// How the simulated kubelet reads a pod it has to run: which story each container follows and the
// timings it takes from annotations, gathered into the record (PodRt) the kubelet then drives.
//
// How a pod chooses its story (so each can be reproduced with plain kubectl):
//   annotation sim.kdash.dev/behavior: run | crashloop | oomkill | complete | fail | evict | imagepull
//                                      (applies to every container of the pod)
//   container env CRASH=1        → crashloop   (exits with code 1 after a few seconds, restarts with back-off)
//   container env OOM=1          → oomkill     (reason OOMKilled, exit code 137)
//   container env MEMORY_NEEDED=Q (a quantity, e.g. 300Mi) → oomkill while the memory limit is below Q,
//                                  so raising the limit (kubectl set resources) is the fix that works
//   container env EXIT_CODE=N    → exits with N after its run time (0 = complete, otherwise fail)
//   image tag ":doesnotexist" or an image name containing "typo" → ErrImagePull / ImagePullBackOff
//   pods owned by a Job          → complete (exit 0 after the run time) unless told otherwise
//   annotation sim.kdash.dev/run-seconds: N   how long a container runs before exiting/crashing/eviction
//   annotation sim.kdash.dev/ready-after: N   seconds from start to Ready, instead of the readiness
//                                             probe (probes.ts); without either, Ready at once
//   annotation sim.kdash.dev/stop-seconds: N  how long containers take to stop on deletion (default 1,
//                                             never longer than the grace period)
// Otherwise a container just runs.
import type { KubeObject } from '../types.js';
import type { Ctx } from './context.js';
import { interpretCommand } from './containerCommand.js';
import { pullError } from './images.js';
import type { Behavior, ContainerRt, PodRt } from './podRuntime.js';
import { bytes, controllerRef, milliCpu } from './util.js';

export const BEHAVIOR_ANNOTATION = 'sim.kdash.dev/behavior';
/** The kubelet's container restart back-off: 10s doubling up to 5 minutes. */
export const BACKOFF_START = 10_000;
export const BACKOFF_MAX = 300_000;

const BEHAVIORS: readonly string[] = ['run', 'crashloop', 'oomkill', 'complete', 'fail', 'evict', 'imagepull'];

export function behaviorOf(pod: KubeObject, c: any): Behavior {
  const image: string = c.image ?? '';
  if (/:doesnotexist$/.test(image) || /typo/i.test(image)) return 'imagepull';
  const env = new Map<string, string>((c.env ?? []).map((e: any) => [e.name, String(e.value ?? '')]));
  if (env.get('CRASH') === '1') return 'crashloop';
  if (env.get('OOM') === '1') return 'oomkill';
  const needed = env.has('MEMORY_NEEDED') ? bytes(env.get('MEMORY_NEEDED')) : 0;
  const limit = bytes(c.resources?.limits?.memory);
  if (needed > 0 && limit > 0 && limit < needed) return 'oomkill';
  if (env.has('EXIT_CODE')) return env.get('EXIT_CODE') === '0' ? 'complete' : 'fail';
  const a = pod.metadata.annotations?.[BEHAVIOR_ANNOTATION];
  if (a && BEHAVIORS.includes(a)) return a as Behavior;
  // Without an explicit story, the image must exist (images.ts) and the command says what happens.
  if (pullError(image)) return 'imagepull';
  const script = scriptOf(pod, c);
  if (script) return !script.exit ? 'run' : script.exit.code === 0 ? 'complete' : 'fail';
  if (controllerRef(pod)?.kind === 'Job') return 'complete';
  return 'run';
}

/** The container's command as the kubelet will run it, unless a story annotation or env decides instead. */
const scriptOf = (pod: KubeObject, c: any) => interpretCommand(c, pod.metadata.name ?? '');

/** Seconds a container runs before its story ends (exit, crash, OOM kill or eviction). */
function defaultRunSeconds(b: Behavior): number {
  if (b === 'evict') return 30;
  if (b === 'oomkill') return 8;
  if (b === 'crashloop') return 3;
  return 5;
}

const exitCodeOf = (c: any): number => Number((c.env ?? []).find((e: any) => e.name === 'EXIT_CODE')?.value ?? 1) || 1;

/** The command's script, exit code and run time, when it (not a story) decides what the container does. */
function commandKnobs(pod: KubeObject, c: any, b: Behavior, runSeconds: (d: number) => number, fallbackSeconds: number): Pick<ContainerRt, 'script' | 'exitCode' | 'runSeconds'> {
  const script = b === 'run' || b === 'complete' || b === 'fail' ? scriptOf(pod, c) : undefined;
  const scripted = script && (script.exit ? (script.exit.code === 0 ? 'complete' : 'fail') : 'run') === b && !(c.env ?? []).some((e: any) => e.name === 'EXIT_CODE');
  if (!scripted) return { exitCode: exitCodeOf(c), runSeconds: runSeconds(fallbackSeconds) };
  // The kubelet sees an exit at its next relist (PLEG, every second): never sooner than a second.
  return { script, exitCode: script.exit?.code, runSeconds: runSeconds(Math.max(1, (script.exit?.atMs ?? 0) / 1000)) };
}

/** A fresh record for a pod just bound to a node: every container waiting, nothing started yet. */
export function newRecord(ctx: Ctx, pod: KubeObject): PodRt {
  const nodeName: string = pod.spec.nodeName;
  const node = ctx.cache.get('nodes', undefined, nodeName);
  const hostIP = node?.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address ?? '10.128.0.2';
  const ann = pod.metadata.annotations ?? {};
  const num = (k: string, d: number) => (ann[k] !== undefined && Number.isFinite(Number(ann[k])) ? Number(ann[k]) : d);
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
      const knobs = commandKnobs(pod, c, b, (d) => num('sim.kdash.dev/init-seconds', d), 2);
      return {
        name: c.name, image: c.image ?? '', init: true, behavior: b === 'run' && !knobs.script ? 'complete' : b, state: 'waiting', waitingReason: 'PodInitializing',
        restartCount: 0, ready: false, backoffMs: BACKOFF_START, ...knobs,
      };
    }),
    containers: (pod.spec.containers ?? []).map((c: any): ContainerRt => {
      const b = behaviorOf(pod, c);
      return {
        name: c.name,
        image: c.image ?? '',
        behavior: b,
        state: 'waiting',
        waitingReason: pod.spec.initContainers?.length ? 'PodInitializing' : 'ContainerCreating',
        restartCount: 0,
        ready: false,
        backoffMs: BACKOFF_START,
        ...commandKnobs(pod, c, b, (d) => num('sim.kdash.dev/run-seconds', d), defaultRunSeconds(b)),
      };
    }),
    phase: 'Pending',
    deleting: false,
    readyDelayMs: ann['sim.kdash.dev/ready-after'] !== undefined ? num('sim.kdash.dev/ready-after', 0) * 1000 : undefined,
    requests,
    timers: new Set(),
  };
}
