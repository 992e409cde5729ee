// Probes that fail: which probe (its kind, port or command, timing) and the kubelet's last failure
// message. A probe aimed at a port the container does not declare gets the patch that points it at
// the declared one.
import type { KObj } from '../../resources/types.js';
import { containerIndex, eventsFor, kubectlName, oneLine, topOwner } from '../objects.js';
import type { Finding, Fix, NamespaceSnapshot } from '../types.js';

type ProbeKind = 'readiness' | 'liveness' | 'startup';

export function describeProbe(p: any): string {
  const how = p.httpGet ? `GET :${p.httpGet.port}${p.httpGet.path ?? '/'}` : p.tcpSocket ? `TCP :${p.tcpSocket.port}` : p.exec ? `exec ${(p.exec.command ?? []).join(' ')}` : p.grpc ? `gRPC :${p.grpc.port}` : 'probe';
  return `${how} every ${p.periodSeconds ?? 10}s, failing after ${p.failureThreshold ?? 3}`;
}

function probePort(p: any): string | number | undefined {
  return p?.httpGet?.port ?? p?.tcpSocket?.port ?? p?.grpc?.port;
}

export function probeRule(snap: NamespaceSnapshot): Finding[] {
  const out: Finding[] = [];
  for (const pod of snap.pods) {
    if (pod.metadata.deletionTimestamp || pod.status?.phase !== 'Running') continue;
    const events = eventsFor(snap, 'Pod', pod).filter((e) => e.reason === 'Unhealthy');
    if (!events.length) continue; // a finding needs a failure the kubelet reported
    for (const c of pod.spec?.containers ?? []) {
      const cs = (pod.status?.containerStatuses ?? []).find((s: any) => s.name === c.name);
      for (const kind of ['liveness', 'readiness', 'startup'] as ProbeKind[]) {
        const probe = c[`${kind}Probe`];
        if (!probe) continue;
        const label = `${kind[0].toUpperCase()}${kind.slice(1)} probe failed`;
        const fails = events.filter((e) => (e.message ?? '').startsWith(label) && mentions(e, c.name, pod));
        const stillFailing = kind === 'readiness' ? cs && !cs.ready && cs.state?.running : fails.length > 0 && (cs?.restartCount ?? 0) > 0;
        if (!fails.length || !stillFailing) continue;
        out.push(probeFinding(snap, pod, c, kind, probe, fails[fails.length - 1]));
      }
    }
  }
  return out;
}

/** Events name their container in fieldPath `spec.containers{NAME}`; an event without one counts for all. */
function mentions(e: KObj, container: string, _pod: KObj): boolean {
  const fp: string | undefined = e.involvedObject?.fieldPath ?? e.regarding?.fieldPath;
  return !fp || fp.includes(`{${container}}`);
}

function probeFinding(snap: NamespaceSnapshot, pod: KObj, c: any, kind: ProbeKind, probe: any, last: KObj): Finding {
  const ns = snap.namespace;
  const owner = topOwner(snap, pod);
  const target = owner.ref.kind === 'Pod' ? `pod/${pod.metadata.name}` : kubectlName(owner.ref);
  const port = probePort(probe);
  const declared: any[] = c.ports ?? [];
  const portOk = port === undefined || !declared.length || declared.some((p) => p.containerPort === port || p.name === port);
  const count = last.count ?? last.series?.count;
  const evidence = [`${kind} probe: ${describeProbe(probe)}`, `last failure: ${oneLine(last.message ?? '')}${count > 1 ? ` (x${count})` : ''}`];
  const fix: Fix[] = [];
  let cause: string;
  if (!portOk) {
    const real = declared[0];
    evidence.push(`the container declares port${declared.length === 1 ? '' : 's'} ${declared.map((p) => p.containerPort).join(', ')}, not ${port}`);
    cause = `The ${kind} probe of ${c.name} checks port ${port}, where nothing listens (the container listens on ${real.containerPort}).`;
    const i = containerIndex(owner.obj, c.name);
    const field = probe.httpGet ? 'httpGet' : probe.tcpSocket ? 'tcpSocket' : 'grpc';
    if (owner.ref.kind !== 'Pod' && i >= 0) {
      fix.push({ text: `point the probe at port ${real.containerPort}`, command: `kubectl patch ${target} --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/${i}/${kind}Probe/${field}/port","value":${real.containerPort}}]' -n ${ns}` });
    }
  } else {
    cause = kind === 'readiness'
      ? `The readiness probe of ${c.name} fails, so the pod gets no traffic from its services.`
      : `The ${kind} probe of ${c.name} fails, so the kubelet kills and restarts the container.`;
    fix.push({ text: 'see what the app answers: its log', key: 'l', command: `kubectl logs ${pod.metadata.name} -c ${c.name} -n ${ns}` });
  }
  return {
    rule: 'probe-failing',
    severity: kind === 'readiness' ? 'warning' : 'error',
    object: owner.ref,
    seenOn: [{ kind: 'Pod', name: pod.metadata.name, namespace: ns }],
    cause,
    evidence,
    fix,
  };
}

/** Pods nothing controls: `kdash down` keeps them only with --delete-bare-pods, and nothing recreates them. */
export function barePodRule(snap: NamespaceSnapshot): Finding[] {
  const ns = snap.namespace;
  return snap.pods
    .filter((p) => !p.metadata.ownerReferences?.some((o) => o.controller) && !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status?.phase))
    .map((p) => {
      const image = p.spec?.containers?.[0]?.image ?? 'IMAGE';
      const name = p.metadata.name;
      return {
        rule: 'bare-pod',
        severity: 'info' as const,
        object: { kind: 'Pod', name, namespace: ns },
        cause: `The pod ${name} is not controlled by anything: if it is deleted, evicted or its node goes, nothing recreates it, and kdash down can only delete it.`,
        evidence: ['no ownerReferences with controller: true'],
        fix: [
          { text: 'run it from a Deployment instead', command: `kubectl create deployment ${name} --image=${image} -n ${ns}` },
          { text: 'then delete the bare pod', key: 'ctrl-d', command: `kubectl delete pod ${name} -n ${ns}` },
        ],
      };
    });
}
