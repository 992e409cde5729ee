// Pod rows, mirroring kubectl's printPod (pkg/printers/internalversion/printers.go): READY counts,
// STATUS reason (Init:x/y, CrashLoopBackOff, Completed, Terminating, NotReady...), RESTARTS with
// "(5m ago)", and the wide columns.
import type { KubeObject } from '../types.js';
import { since } from './format.js';
import type { Column } from './printer.js';

export const POD_COLUMNS: Column[] = [
  { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 },
  { name: 'Ready', type: 'string', format: '', description: 'The aggregate readiness state of this pod for accepting traffic.', priority: 0 },
  { name: 'Status', type: 'string', format: '', description: 'The aggregate status of the containers in this pod.', priority: 0 },
  { name: 'Restarts', type: 'string', format: '', description: 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.', priority: 0 },
  { name: 'Age', type: 'string', format: '', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', priority: 0 },
  { name: 'IP', type: 'string', format: '', description: 'podIP is an IP address allocated to the pod.', priority: 1 },
  { name: 'Node', type: 'string', format: '', description: 'NodeName indicates in which node this pod is scheduled.', priority: 1 },
  { name: 'Nominated Node', type: 'string', format: '', description: 'nominatedNodeName is set when this pod preempts other pods on the node.', priority: 1 },
  { name: 'Readiness Gates', type: 'string', format: '', description: 'If specified, all readiness gates will be evaluated for pod readiness.', priority: 1 },
];

const isRestartableInit = (c: any) => c?.restartPolicy === 'Always';
const terminatedAt = (cs: any): number => {
  const t = cs?.lastState?.terminated?.finishedAt;
  return t ? Date.parse(t) : 0;
};

/** The STATUS column and restart count of printPod. */
export function podStatus(pod: KubeObject): { ready: number; total: number; reason: string; restarts: number; lastRestart: number } {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const initSpecs = new Map<string, any>((spec.initContainers ?? []).map((c: any) => [c.name, c]));
  let total = (spec.containers ?? []).length;
  for (const c of spec.initContainers ?? []) if (isRestartableInit(c)) total++;
  let ready = 0;
  let restarts = 0;
  let lastRestart = 0;
  let sidecarRestarts = 0;
  let sidecarLastRestart = 0;
  let reason: string = status.reason || status.phase || '';
  for (const c of status.conditions ?? []) if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';

  let initializing = false;
  const inits: any[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    restarts += c.restartCount ?? 0;
    lastRestart = Math.max(lastRestart, terminatedAt(c));
    const sidecar = isRestartableInit(initSpecs.get(c.name));
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      sidecarLastRestart = Math.max(sidecarLastRestart, terminatedAt(c));
    }
    const term = c.state?.terminated;
    const wait = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (sidecar && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (term) {
      reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    } else if (wait?.reason && wait.reason !== 'PodInitializing') {
      reason = `Init:${wait.reason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  const initializedTrue = (status.conditions ?? []).some((c: any) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    restarts = sidecarRestarts;
    lastRestart = sidecarLastRestart;
    let hasRunning = false;
    const cs: any[] = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      restarts += c.restartCount ?? 0;
      lastRestart = Math.max(lastRestart, terminatedAt(c));
      const term = c.state?.terminated;
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = (status.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';
  return { ready, total, reason, restarts, lastRestart };
}

export function podRow(pod: KubeObject, now: number): unknown[] {
  const s = podStatus(pod);
  const restarts = s.restarts !== 0 && s.lastRestart ? `${s.restarts} (${since(new Date(s.lastRestart).toISOString(), now)} ago)` : String(s.restarts);
  const status = pod.status ?? {};
  const ip = status.podIPs?.[0]?.ip || status.podIP || '<none>';
  let gates = '<none>';
  const rg: any[] = pod.spec?.readinessGates ?? [];
  if (rg.length) {
    const trueConds = rg.filter((g) => (status.conditions ?? []).some((c: any) => c.type === g.conditionType && c.status === 'True')).length;
    gates = `${trueConds}/${rg.length}`;
  }
  return [
    pod.metadata.name,
    `${s.ready}/${s.total}`,
    s.reason,
    restarts,
    since(pod.metadata.creationTimestamp, now),
    ip,
    pod.spec?.nodeName || '<none>',
    status.nominatedNodeName || '<none>',
    gates,
  ];
}
