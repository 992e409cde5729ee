// Services: `kubectl get services` (printers.go printService, getServiceExternalIP, makePortString).
import type { KObj, ResourceKind } from './types.js';
import { ageColumn, nameColumn } from './columns.js';
import { formatLabels } from './format.js';
import { selectorToString } from './labels.js';

const svcType = (o: KObj): string => o.spec?.type || 'ClusterIP';

// printers.go loadBalancerStatusStringer: ingress IPs (else hostnames), sorted and de-duplicated.
// The 16-character cut it applies without -o wide never shows in kubectl: the API server prints
// tables with Wide set and kubectl only hides columns, so we never cut either.
function loadBalancerIps(o: KObj): string {
  const ingress: any[] = o.status?.loadBalancer?.ingress ?? [];
  return [...new Set(ingress.map((i) => i.ip || i.hostname).filter(Boolean))].sort().join(',');
}

/** printers.go getServiceExternalIP. */
export function serviceExternalIp(o: KObj): string {
  const externalIPs: string[] = o.spec?.externalIPs ?? [];
  switch (svcType(o)) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIps(o);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return o.spec?.externalName ?? '';
  }
  return '<unknown>';
}

/** printers.go makePortString: "80/TCP", "80:30080/TCP", "<none>" without ports. */
export function servicePorts(o: KObj): string {
  const ports: any[] = o.spec?.ports ?? [];
  const s = ports
    .map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`))
    .join(',');
  return s || '<none>';
}

export const service: ResourceKind = {
  id: 'services',
  kind: 'Service',
  group: '',
  version: 'v1',
  plural: 'services',
  namespaced: true,
  aliases: ['svc', 'service', 'services'],
  columns: [
    nameColumn,
    { id: 'type', header: 'TYPE', value: (o) => svcType(o) },
    // The API server always fills clusterIPs; fall back to clusterIP for objects written by older clients.
    { id: 'clusterIp', header: 'CLUSTER-IP', value: (o) => o.spec?.clusterIPs?.[0] || o.spec?.clusterIP || '<none>' },
    {
      id: 'externalIp',
      header: 'EXTERNAL-IP',
      value: (o) => serviceExternalIp(o),
      tone: (o) => (serviceExternalIp(o) === '<pending>' ? 'warn' : undefined),
    },
    { id: 'ports', header: 'PORT(S)', value: (o) => servicePorts(o) },
    ageColumn,
    { id: 'selector', header: 'SELECTOR', wide: true, value: (o) => formatLabels(o.spec?.selector) },
  ],
  actions: ['logs', 'delete', 'describe', 'yaml', 'shell', 'portForward', 'diagnose'],
  drillDown: (o) => {
    const labelSelector = selectorToString(o.spec?.selector);
    if (!labelSelector) return undefined; // a service without selector selects no pods, not all of them
    return { kind: 'pods', labelSelector, namespace: o.metadata.namespace, title: `service/${o.metadata.name}` };
  },
};
