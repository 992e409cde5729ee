// `d` on nodes: describe.go NodeDescriber (conditions, addresses, capacity, system info, the pods on
// the node with their requests/limits, and the allocated totals).
import type { KObj } from './types.js';
import { formatRfc1123Z, parseTime, translateTimestampSince } from './format.js';
import { DescribeWriter, clean, writeAnnotations, writeEvents, writeLabels } from './describeWriter.js';
import { nodeRoles } from './node.js';
import { compareByName } from './order.js';
import { formatQuantity, tryParseQuantity, type QuantityKind } from '../metrics/quantity.js';

// Go prints a zero metav1.Time as the year-1 date; real kubelets always set these times.
const goTime = (ts: string | undefined) => (parseTime(ts) === undefined ? 'Mon, 01 Jan 0001 00:00:00 +0000' : formatRfc1123Z(ts));

function writeResourceList(w: DescribeWriter, title: string, list: Record<string, string> | undefined): void {
  w.line(0, `${title}:`);
  for (const k of Object.keys(list ?? {}).sort()) w.kv(1, clean(k), list![k]);
}

type Res = 'cpu' | 'memory' | 'ephemeral-storage';

/**
 * resourcehelper.PodRequestsAndLimits as kubectl describe node uses it: per resource, the larger of
 * the app containers' sum (sidecars included) and the largest init container, plus pod overhead.
 * Containers without a value add nothing (unlike the %CPU/L columns, where that means "unbounded").
 */
export function podRequestsAndLimits(pod: KObj): { requests: Record<Res, number>; limits: Record<Res, number> } {
  const containers: any[] = pod.spec?.containers ?? [];
  const inits: any[] = pod.spec?.initContainers ?? [];
  const app = [...containers, ...inits.filter((c) => c.restartPolicy === 'Always')];
  const one = (field: 'requests' | 'limits', r: Res): number => {
    const v = (c: any) => tryParseQuantity(c.resources?.[field]?.[r]) ?? 0;
    const sum = app.reduce((a, c) => a + v(c), 0);
    const initMax = inits.filter((c) => c.restartPolicy !== 'Always').reduce((a, c) => Math.max(a, v(c)), 0);
    return Math.max(sum, initMax) + (tryParseQuantity(pod.spec?.overhead?.[r]) ?? 0);
  };
  const all = (field: 'requests' | 'limits') => ({ cpu: one(field, 'cpu'), memory: one(field, 'memory'), 'ephemeral-storage': one(field, 'ephemeral-storage') });
  return { requests: all('requests'), limits: all('limits') };
}

const kindOf = (r: Res): QuantityKind => (r === 'cpu' ? 'cpu' : 'memory');
// "100m (2%)": the percentage of allocatable truncated, as int64(fraction) does.
function cell(value: number, r: Res, allocatable: number | undefined): string {
  const pct = allocatable ? Math.trunc((value / allocatable) * 100) : 0;
  return `${formatQuantity(value, kindOf(r))} (${pct}%)`;
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
      const cells = [c.type, c.status, goTime(c.lastHeartbeatTime), goTime(c.lastTransitionTime), c.reason ?? '', c.message ?? ''];
      w.line(1, cells.map((s) => clean(String(s))).join(' \t'));
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
    ['Kube-Proxy Version', info.kubeProxyVersion],
  ];
  for (const [k, v] of infoLines) w.kv(1, k, v ?? '');
  if (n.spec?.podCIDR) w.kv(0, 'PodCIDR', n.spec.podCIDR);
  if (n.spec?.podCIDRs?.length) w.kv(0, 'PodCIDRs', n.spec.podCIDRs.join(','));
  if (n.spec?.providerID) w.kv(0, 'ProviderID', n.spec.providerID);
  if (related.pods) writeNodePods(w, n, related.pods, now);
  writeEvents(w, related.events, now);
  return w.toString();
}

// describe.go describeNodeResource: the non-terminated pods on the node and what they reserve.
function writeNodePods(w: DescribeWriter, n: KObj, allPods: KObj[], now: number): void {
  const pods = allPods
    .filter((p) => p.spec?.nodeName === n.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    .sort(compareByName);
  const alloc = Object.keys(n.status?.allocatable ?? {}).length > 0 ? n.status.allocatable : (n.status?.capacity ?? {});
  const allocOf = (r: Res) => tryParseQuantity(alloc[r]);
  w.line(0, `Non-terminated Pods:\t(${pods.length} in total)`);
  w.line(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge');
  w.line(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---');
  const total = { requests: { cpu: 0, memory: 0, 'ephemeral-storage': 0 }, limits: { cpu: 0, memory: 0, 'ephemeral-storage': 0 } };
  for (const p of pods) {
    const { requests, limits } = podRequestsAndLimits(p);
    for (const r of ['cpu', 'memory', 'ephemeral-storage'] as Res[]) {
      total.requests[r] += requests[r];
      total.limits[r] += limits[r];
    }
    const cells = [
      clean(p.metadata.namespace ?? ''),
      clean(p.metadata.name),
      '',
      cell(requests.cpu, 'cpu', allocOf('cpu')),
      cell(limits.cpu, 'cpu', allocOf('cpu')),
      cell(requests.memory, 'memory', allocOf('memory')),
      cell(limits.memory, 'memory', allocOf('memory')),
      translateTimestampSince(p.metadata.creationTimestamp, now),
    ];
    w.line(1, cells.join('\t'));
  }
  w.line(0, 'Allocated resources:');
  w.line(1, '(Total limits may be over 100 percent, i.e., overcommitted.)');
  w.line(1, 'Resource\tRequests\tLimits');
  w.line(1, '--------\t--------\t------');
  for (const r of ['cpu', 'memory', 'ephemeral-storage'] as Res[]) {
    w.line(1, `${r}\t${cell(total.requests[r], r, allocOf(r))}\t${cell(total.limits[r], r, allocOf(r))}`);
  }
}
