// `d` on services: describe.go ServiceDescriber.
import type { KObj } from './types.js';
import { formatLabels } from './format.js';
import { DescribeWriter, clean, writeAnnotations, writeEvents, writeLabels } from './describeWriter.js';
import { labelsMatch } from './labels.js';

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
  w.kv(0, 'IP Families', spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>');
  w.kv(0, 'IP', spec.clusterIP ?? '');
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
    // Printed raw like kubectl: the API server defaults targetPort to port, so 0 means "not defaulted".
    const target = p.targetPort ?? 0;
    w.line(0, `TargetPort:\t${clean(String(target))}/${p.protocol ?? 'TCP'}`);
    if (p.nodePort) w.line(0, `NodePort:\t${clean(p.name || '<unset>')}\t${p.nodePort}/${p.protocol ?? 'TCP'}`);
    const eps = (selected ?? []).map((pod) => `${pod.status.podIP}:${resolvePort(pod, target)}`);
    w.kv(0, 'Endpoints', eps.length ? eps.join(',') : '<none>');
  }
  w.kv(0, 'Session Affinity', spec.sessionAffinity ?? '');
  if (spec.externalTrafficPolicy) w.kv(0, 'External Traffic Policy', spec.externalTrafficPolicy);
  if (spec.internalTrafficPolicy) w.kv(0, 'Internal Traffic Policy', spec.internalTrafficPolicy);
  if (spec.healthCheckNodePort) w.kv(0, 'HealthCheck NodePort', spec.healthCheckNodePort);
  if (spec.loadBalancerSourceRanges?.length) w.kv(0, 'LoadBalancer Source Ranges', spec.loadBalancerSourceRanges.join(','));
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
