// `d` on nodes and services: describe.go NodeDescriber and ServiceDescriber, trimmed.
import type { KObj } from './types.js';
import { formatLabels, formatRfc1123Z, translateTimestampSince } from './format.js';
import { DescribeWriter, clean, writeAnnotations, writeEvents, writeLabels } from './describeWriter.js';
import { nodeRoles } from './node.js';
import { labelsMatch } from './labels.js';

function writeResourceList(w: DescribeWriter, title: string, list: Record<string, string> | undefined): void {
  w.line(0, `${title}:`);
  for (const k of Object.keys(list ?? {}).sort()) w.kv(1, clean(k), list![k]);
}

export function describeNode(n: KObj, related: { events: KObj[]; pods?: KObj[] }, now: number): string {
  const w = new DescribeWriter();
  const st = n.status ?? {};
  w.kv(0, 'Name', n.metadata.name);
  w.kv(0, 'Roles', nodeRoles(n));
  writeLabels(w, 0, 'Labels', n.metadata.labels);
  writeAnnotations(w, 0, n.metadata.annotations);
  w.kv(0, 'CreationTimestamp', formatRfc1123Z(n.metadata.creationTimestamp));
  const taints: any[] = n.spec?.taints ?? [];
  if (taints.length === 0) w.line(0, 'Taints:\t<none>');
  else taints.forEach((t, i) => w.line(0, `${i === 0 ? 'Taints:' : ''}\t${clean(`${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`)}`));
  w.kv(0, 'Unschedulable', n.spec?.unschedulable ? 'true' : 'false');
  const conditions: any[] = st.conditions ?? [];
  if (conditions.length > 0) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage');
    w.line(1, '----\t------\t-----------------\t------------------\t------\t-------');
    for (const c of conditions) {
      w.line(
        1,
        [c.type, c.status, formatRfc1123Z(c.lastHeartbeatTime), formatRfc1123Z(c.lastTransitionTime), c.reason ?? '', c.message ?? '']
          .map((s) => clean(String(s)))
          .join(' \t'),
      );
    }
  }
  w.line(0, 'Addresses:');
  for (const a of st.addresses ?? []) w.kv(1, clean(a.type), a.address);
  writeResourceList(w, 'Capacity', st.capacity);
  writeResourceList(w, 'Allocatable', st.allocatable);
  const info = st.nodeInfo ?? {};
  w.line(0, 'System Info:');
  const infoLines: Array<[string, string]> = [
    ['Machine ID', info.machineID],
    ['System UUID', info.systemUUID],
    ['Boot ID', info.bootID],
    ['Kernel Version', info.kernelVersion],
    ['OS Image', info.osImage],
    ['Operating System', info.operatingSystem],
    ['Architecture', info.architecture],
    ['Container Runtime Version', info.containerRuntimeVersion],
    ['Kubelet Version', info.kubeletVersion],
  ];
  for (const [k, v] of infoLines) w.kv(1, k, v ?? '');
  if (n.spec?.podCIDR) w.kv(0, 'PodCIDR', n.spec.podCIDR);
  if (related.pods) {
    const pods = related.pods.filter(
      (p) => p.spec?.nodeName === n.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
    );
    w.line(0, `Non-terminated Pods:\t(${pods.length} in total)`);
    w.line(1, 'Namespace\tName\tAge');
    w.line(1, '---------\t----\t---');
    for (const p of pods) {
      w.line(1, `${clean(p.metadata.namespace ?? '')}\t${clean(p.metadata.name)}\t${translateTimestampSince(p.metadata.creationTimestamp, now)}`);
    }
  }
  writeEvents(w, related.events, now);
  return w.toString();
}

export function describeService(s: KObj, related: { events: KObj[]; pods?: KObj[] }, now: number): string {
  const w = new DescribeWriter();
  const spec = s.spec ?? {};
  w.kv(0, 'Name', s.metadata.name);
  w.kv(0, 'Namespace', s.metadata.namespace ?? '');
  writeLabels(w, 0, 'Labels', s.metadata.labels);
  writeAnnotations(w, 0, s.metadata.annotations);
  w.kv(0, 'Selector', formatLabels(spec.selector));
  w.kv(0, 'Type', spec.type ?? 'ClusterIP');
  if (spec.ipFamilyPolicy) w.kv(0, 'IP Family Policy', spec.ipFamilyPolicy);
  if (spec.ipFamilies?.length) w.kv(0, 'IP Families', spec.ipFamilies.join(','));
  w.kv(0, 'IP', spec.clusterIPs?.[0] ?? spec.clusterIP ?? '<none>');
  w.kv(0, 'IPs', (spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])).join(',') || '<none>');
  if (spec.externalIPs?.length) w.kv(0, 'External IPs', spec.externalIPs.join(','));
  if (spec.type === 'ExternalName') w.kv(0, 'External Name', spec.externalName ?? '');
  // Endpoints as the endpoints controller would compute them: ready pods that the selector picks.
  const selected =
    related.pods && spec.selector && Object.keys(spec.selector).length > 0
      ? related.pods.filter(
          (p) =>
            p.metadata.namespace === s.metadata.namespace &&
            labelsMatch(formatLabels(spec.selector), p.metadata.labels) &&
            p.status?.podIP &&
            (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True'),
        )
      : undefined;
  for (const p of spec.ports ?? []) {
    w.line(0, `Port:\t${clean(p.name || '<unset>')}\t${p.port}/${p.protocol ?? 'TCP'}`);
    const target = p.targetPort ?? p.port;
    w.line(0, `TargetPort:\t${clean(String(target))}/${p.protocol ?? 'TCP'}`);
    if (p.nodePort) w.line(0, `NodePort:\t${clean(p.name || '<unset>')}\t${p.nodePort}/${p.protocol ?? 'TCP'}`);
    if (selected) {
      const eps = selected.map((pod) => `${pod.status.podIP}:${resolvePort(pod, target)}`);
      w.kv(0, 'Endpoints', eps.length ? eps.join(',') : '<none>');
    }
  }
  w.kv(0, 'Session Affinity', spec.sessionAffinity ?? 'None');
  writeEvents(w, related.events, now);
  return w.toString();
}

// A named targetPort refers to a containerPort name in the pod.
function resolvePort(pod: KObj, target: string | number): string {
  if (typeof target === 'number' || /^\d+$/.test(String(target))) return String(target);
  for (const c of pod.spec?.containers ?? []) {
    const p = (c.ports ?? []).find((x: any) => x.name === target);
    if (p) return String(p.containerPort);
  }
  return String(target);
}
