// The pod row kubectl prints: a port of printPod in kubernetes pkg/printers/internalversion/printers.go
// (READY, STATUS reason precedence, RESTARTS with "(Xm ago)"), plus the wide-only cells.
import type { KObj, Tone } from './types.js';
import { humanDuration, parseTime } from './format.js';

export interface PodRow {
  ready: string; // "1/2"
  readyCount: number;
  total: number;
  status: string; // "Running", "CrashLoopBackOff", "Init:0/1"...
  restarts: number;
  /** ms since epoch of the most recent restart (lastState.terminated.finishedAt), if any. */
  lastRestart?: number;
}

const isRestartableInit = (c: any) => c?.restartPolicy === 'Always';
const conditionTrue = (pod: KObj, type: string) =>
  (pod.status?.conditions ?? []).some((c: any) => c.type === type && c.status === 'True');

// Store objects are immutable (each watch event brings a new object), so a row can be cached by
// identity: READY, STATUS, RESTARTS and their tones all ask for it, for every row, on every tick.
const rowCache = new WeakMap<KObj, PodRow>();

/** printPod's status computation, cached per object. Pure over the pod JSON; do not mutate pods in place. */
export function podRow(pod: KObj): PodRow {
  let row = rowCache.get(pod);
  if (!row) rowCache.set(pod, (row = computePodRow(pod)));
  return row;
}

function computePodRow(pod: KObj): PodRow {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const initSpecs: any[] = spec.initContainers ?? [];
  let total = (spec.containers ?? []).length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  const later = (a: number | undefined, b: number | undefined) => (b !== undefined && (a === undefined || b > a) ? b : a);

  const phase: string = status.phase ?? '';
  let reason: string = status.reason || phase;
  // A scheduling-gated pod says so instead of "Pending".
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initByName = new Map<string, any>();
  for (const c of initSpecs) {
    initByName.set(c.name, c);
    if (isRestartableInit(c)) total++;
  }

  let initializing = false;
  const initStatuses: any[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount ?? 0;
    const finished = parseTime(cs.lastState?.terminated?.finishedAt);
    lastRestart = later(lastRestart, finished);
    const sidecar = isRestartableInit(initByName.get(cs.name));
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, finished);
    }
    const term = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) ready++;
      continue;
    }
    if (term) {
      // Initialization failed.
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
      else reason = `Init:${term.reason}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(pod, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses: any[] = status.containerStatuses ?? [];
    // kubectl walks the containers last to first, so the first container's reason wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount ?? 0;
      lastRestart = later(lastRestart, parseTime(cs.lastState?.terminated?.finishedAt));
      const waiting = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    // A completed container next to a running one: the pod is still running.
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  return { ready: `${ready}/${total}`, readyCount: ready, total, status: reason, restarts, lastRestart };
}

/** printPod's RESTARTS cell: "5 (2m ago)" when the last restart time is known. */
export function restartsText(row: PodRow, now: number): string {
  if (row.restarts !== 0 && row.lastRestart !== undefined) {
    return `${row.restarts} (${humanDuration(now - row.lastRestart)} ago)`;
  }
  return String(row.restarts);
}

const ERROR_STATUSES = new Set([
  'CrashLoopBackOff',
  'Error',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'OOMKilled',
  'Evicted',
  'Failed',
  'Unknown',
  'ContainerStatusUnknown',
]);

/** Health colour of a pod row. */
export function podTone(row: PodRow): Tone {
  const s = row.status;
  if (s === 'Completed' || s === 'Succeeded') return 'dim';
  const base = s.startsWith('Init:') ? s.slice(5) : s;
  if (ERROR_STATUSES.has(base) || /^(Init:)?(Signal|ExitCode):/.test(s)) return 'error';
  if (s === 'Running' && row.readyCount === row.total) return 'ok';
  return 'warn';
}

/** printPod's wide cells: IP, NODE, NOMINATED NODE, READINESS GATES. */
export function podIp(pod: KObj): string {
  const ips: any[] = pod.status?.podIPs ?? [];
  return ips[0]?.ip || pod.status?.podIP || '<none>';
}

export function readinessGates(pod: KObj): string {
  const gates: any[] = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions: any[] = pod.status?.conditions ?? [];
  const ok = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${ok}/${gates.length}`;
}
