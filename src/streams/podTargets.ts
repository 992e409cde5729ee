// Which pod a shell, an attach or a forward goes to: a pod itself, or one ready pod of a workload or
// service (its selector over the pods the watchers keep in the store), the container meant, and the
// pod port a forwarded port reaches (a service port through its targetPort, by number or by name).
// Pure functions over JSON, so the dashboard and `kdash port-forward` choose alike.
import { matchesSelector, type Requirement } from '../resources/labels.js';
import { defaultContainer, podSelectorOf, workloadKindOf, type WorkloadKind } from '../resources/podSelection.js';
import type { KObj } from '../resources/types.js';

/** What the person named: a pod, or a workload/service whose ready pods serve. */
export type PodTarget =
  | { kind: 'pod'; namespace: string; name: string }
  | { kind: WorkloadKind; namespace: string; name: string; selector: Requirement[] };

/** `svc/web`, `deploy/web`, `pod/web`, `web` (a pod) → kind and name, or the one-line reason it is not one. */
export function parseTargetWord(word: string): { kind: 'pod' | WorkloadKind; name: string } | { error: string } {
  const slash = word.indexOf('/');
  if (slash < 0) return word ? { kind: 'pod', name: word } : { error: 'no target: name a pod, or TYPE/NAME (svc/web, deploy/web)' };
  const type = word.slice(0, slash);
  const name = word.slice(slash + 1);
  if (!name) return { error: `no name in "${word}": use TYPE/NAME, e.g. svc/webnodb` };
  if (['po', 'pod', 'pods'].includes(type)) return { kind: 'pod', name };
  const kind = workloadKindOf(type);
  if (!kind || kind === 'job') return { error: `cannot reach pods through "${type}": use pod/, svc/, deploy/, sts/, ds/ or rs/` };
  return { kind, name };
}

/** The target an object of the dashboard stands for (a pod, or a workload/service with its selector). */
export function targetOf(kindId: string, obj: KObj): PodTarget | { error: string } {
  const namespace = obj.metadata.namespace ?? '';
  const name = obj.metadata.name;
  if (kindId === 'pods') return { kind: 'pod', namespace, name };
  const kind = workloadKindOf(kindId);
  if (!kind || kind === 'job') return { error: `${kindId} have no pods to reach` };
  const selector = podSelectorOf(kind, obj.spec?.selector);
  if (selector.length === 0) return { error: `${kind} "${name}" has no pod selector` };
  return { kind, namespace, name, selector };
}

/** Running, Ready and not being deleted: a pod that can take a connection or a shell. */
export function isReadyPod(p: KObj): boolean {
  return (
    !p.metadata.deletionTimestamp &&
    p.status?.phase === 'Running' &&
    (p.status?.conditions ?? []).some((c: any) => c?.type === 'Ready' && c?.status === 'True')
  );
}

/** The pods a target can use now, best first: the named pod (if it exists), or the ready pods, oldest first. */
export function candidatePods(target: PodTarget, pods: KObj[]): KObj[] {
  const inNs = pods.filter((p) => p.metadata.namespace === target.namespace);
  if (target.kind === 'pod') return inNs.filter((p) => p.metadata.name === target.name);
  return inNs
    .filter((p) => isReadyPod(p) && matchesSelector(target.selector, p.metadata.labels))
    .sort((a, b) => String(a.metadata.creationTimestamp ?? '').localeCompare(String(b.metadata.creationTimestamp ?? '')) || a.metadata.name.localeCompare(b.metadata.name));
}

/** `pod/x`, `svc/x`: how a target is written in lines and `kdash port-forward`. */
export function targetLabel(t: { kind: string; name: string }): string {
  const short: Record<string, string> = { pod: 'pod', service: 'svc', deployment: 'deploy', statefulset: 'sts', daemonset: 'ds', replicaset: 'rs' };
  return `${short[t.kind] ?? t.kind}/${t.name}`;
}

export interface ContainerChoice {
  name: string;
  running: boolean;
  /** The reason it cannot take a shell (not running, terminated …). */
  state: string;
}

/** The pod's app containers with their state, the default one (annotation honoured) first. */
export function containerChoices(pod: KObj): ContainerChoice[] {
  const def = defaultContainer(pod);
  const statuses: any[] = pod.status?.containerStatuses ?? [];
  const list = (pod.spec?.containers ?? []).map((c: any): ContainerChoice => {
    const st = statuses.find((s) => s?.name === c.name)?.state ?? {};
    const running = Boolean(st.running);
    const state = running ? 'running' : st.waiting ? `waiting: ${st.waiting.reason ?? ''}`.trim() : st.terminated ? `terminated: ${st.terminated.reason ?? ''}`.trim() : 'not started';
    return { name: String(c.name), running, state };
  });
  return list.sort((a: ContainerChoice, b: ContainerChoice) => Number(b.name === def) - Number(a.name === def));
}

/** The spec of a named container. */
export function containerSpec(pod: KObj, name: string): any | undefined {
  return (pod.spec?.containers ?? []).find((c: any) => c?.name === name);
}

/** The ports a forward prompt offers: a service's ports, else the containers' ports (of a pod or a template). */
export function offeredPorts(kindId: string, obj: KObj): number[] {
  if (kindId === 'services') return (obj.spec?.ports ?? []).map((p: any) => Number(p.port)).filter((n: number) => n > 0);
  const spec = kindId === 'pods' ? obj.spec : obj.spec?.template?.spec;
  const ports = (spec?.containers ?? []).flatMap((c: any) => (c.ports ?? []).map((p: any) => Number(p.containerPort)));
  return [...new Set<number>(ports.filter((n: number) => n > 0))];
}

/** `8080:80` for port 80 (a local port under 1024 needs root), `5000:5000` otherwise. */
export function prefillMapping(port: number): string {
  return `${port < 1024 ? port + 8000 : port}:${port}`;
}

/** Parses `8080:80`, `80` (same local port) or `:80` (any free local port). Names (`:http`) are kept for the pod to resolve. */
export function parseMapping(text: string): { local: number; remote: number | string } | { error: string } {
  const m = /^\s*(\d*)(?::([A-Za-z0-9-]+))?\s*$/.exec(text);
  if (!m || (!m[1] && !m[2])) return { error: `bad port mapping "${text}": use LOCAL:REMOTE, e.g. 8080:80` };
  const remoteWord = m[2] ?? m[1];
  const remote = /^\d+$/.test(remoteWord) ? Number(remoteWord) : remoteWord;
  const local = m[1] ? Number(m[1]) : 0;
  if (local > 65535 || (typeof remote === 'number' && (remote < 1 || remote > 65535))) return { error: `bad port mapping "${text}": ports are 1–65535` };
  if (!m[2] && typeof remote !== 'number') return { error: `bad port mapping "${text}"` };
  return { local, remote };
}

/**
 * The pod port a forwarded port reaches: for a service, its port's targetPort (a number, or a name
 * looked up in the pod's container ports — kubectl's translateServicePortToTargetPort); for a pod or
 * workload, the number itself or a named container port.
 */
export function podPort(target: { kind: string; name: string }, service: KObj | undefined, pod: KObj, port: number | string): number | { error: string } {
  let wanted: number | string = port;
  if (target.kind === 'service') {
    const sp = (service?.spec?.ports ?? []).find((p: any) => p.port === port || p.name === port);
    if (!sp) return { error: `service ${target.name} has no port ${port}` };
    wanted = sp.targetPort ?? sp.port;
  }
  if (typeof wanted === 'number') return wanted;
  if (/^\d+$/.test(wanted)) return Number(wanted);
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === wanted) return Number(p.containerPort);
  return { error: `pod ${pod.metadata.name} has no port named "${wanted}"` };
}
