// Rows for services, endpoints, endpoint slices, nodes, namespaces, events, config maps, resource quotas and
// controller revisions, mirroring kubectl's printService, printEndpoints, printEndpointSlice, printNode,
// printNamespace, printEvent, printConfigMap, printResourceQuota and printControllerRevision
// (pkg/printers/internalversion/printers.go).
import type { KubeObject } from '../types.js';
import { formatLabels, since } from './format.js';
import { col, type Printer } from './printer.js';

function serviceExternalIp(o: KubeObject): string {
  const spec = o.spec ?? {};
  const ext: string[] = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
    case undefined:
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = (o.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip || i.hostname).filter(Boolean);
      const all = [...lb, ...ext];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '<none>';
    default:
      return '<unknown>';
  }
}

/** printers.makePortString: 80/TCP, 80:30080/TCP. */
function portString(ports: any[] | undefined): string {
  const s = (ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
  return s || '<none>';
}

export const servicePrinter: Printer = {
  columns: [col('Name', 0, 'Name must be unique within a namespace.', 'name'), col('Type', 0, 'type determines how the Service is exposed.'), col('Cluster-IP', 0, 'clusterIP is the IP address of the service.'), col('External-IP', 0, 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'), col('Port(s)', 0, 'The list of ports that are exposed by this service.'), col('Age', 0, 'CreationTimestamp'), col('Selector', 1, 'Route service traffic to pods with label keys and values matching this selector.')],
  row(o, now) {
    const spec = o.spec ?? {};
    return [o.metadata.name, spec.type ?? 'ClusterIP', spec.clusterIPs?.[0] ?? spec.clusterIP ?? '<none>', serviceExternalIp(o), portString(spec.ports), since(o.metadata.creationTimestamp, now), formatLabels(spec.selector)];
  },
};

/** printers.listWithMoreString: the first three, then "+ N more...", or <unset> for none. */
function listWithMore(items: string[], max = 3): string {
  if (items.length > max) return `${items.slice(0, max).join(',')} + ${items.length - max} more...`;
  return items.length ? items.join(',') : '<unset>';
}

export const endpointSlicePrinter: Printer = {
  columns: [col('Name', 0, 'Name must be unique within a namespace.', 'name'), col('AddressType', 0, 'addressType specifies the type of address carried by this EndpointSlice.'), col('Ports', 0, 'ports specifies the list of network ports exposed by each endpoint in this slice.'), col('Endpoints', 0, 'endpoints is a list of unique endpoints in this slice.'), col('Age', 0, 'CreationTimestamp')],
  row(o, now) {
    // formatDiscoveryPorts: the port number, or the port's name when it has none ("*" when neither).
    const ports = (o.ports ?? []).map((p: any) => (p.port != null ? String(p.port) : p.name ?? '*'));
    // formatDiscoveryEndpoints: every address of every endpoint, ready or not.
    const addresses = (o.endpoints ?? []).flatMap((e: any) => (e.addresses ?? []).map(String));
    return [o.metadata.name, o.addressType ?? '', listWithMore(ports), listWithMore(addresses), since(o.metadata.creationTimestamp, now)];
  },
};

/** printers.formatEndpoints: ready addresses as ip:port, port by port, the first three then "+ N more...". */
function formatEndpoints(o: KubeObject, max = 3): string {
  const all: string[] = [];
  for (const ss of o.subsets ?? []) {
    const ips: string[] = (ss.addresses ?? []).map((a: any) => String(a.ip));
    if (!ss.ports?.length) all.push(...ips);
    else for (const p of ss.ports) all.push(...ips.map((ip) => (ip.includes(':') ? `[${ip}]:${p.port}` : `${ip}:${p.port}`)));
  }
  if (!all.length) return '<none>';
  return all.length > max ? `${all.slice(0, max).join(',')} + ${all.length - max} more...` : all.join(',');
}

export const endpointsPrinter: Printer = {
  columns: [col('Name', 0, 'Name must be unique within a namespace.', 'name'), col('Endpoints', 0, 'The set of all endpoints is the union of all subsets.'), col('Age', 0, 'CreationTimestamp')],
  row: (o, now) => [o.metadata.name, formatEndpoints(o), since(o.metadata.creationTimestamp, now)],
};

/** printers.findNodeRoles: node-role.kubernetes.io/X labels and kubernetes.io/role. */
function nodeRoles(o: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

export const nodePrinter: Printer = {
  columns: [col('Name', 0, 'Name must be unique within a namespace.', 'name'), col('Status', 0, 'The status of the node'), col('Roles', 0, 'The roles of the node'), col('Age', 0, 'CreationTimestamp'), col('Version', 0, 'Kubelet Version reported by the node.'), col('Internal-IP', 1, 'List of addresses reachable to the node. Queried from cloud provider, if available.'), col('External-IP', 1, 'List of addresses reachable to the node. Queried from cloud provider, if available.'), col('OS-Image', 1, 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).'), col('Kernel-Version', 1, 'Kernel Version reported by the node from \'uname -r\' (e.g. 3.16.0-0.bpo.4-amd64).'), col('Container-Runtime', 1, 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).')],
  row(o, now) {
    const status: string[] = [];
    const ready = (o.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
    if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
    if (status.length === 0) status.push('Unknown');
    if (o.spec?.unschedulable) status.push('SchedulingDisabled');
    const info = o.status?.nodeInfo ?? {};
    const addr = (t: string) => (o.status?.addresses ?? []).find((a: any) => a.type === t)?.address ?? '<none>';
    return [o.metadata.name, status.join(','), nodeRoles(o), since(o.metadata.creationTimestamp, now), info.kubeletVersion ?? '', addr('InternalIP'), addr('ExternalIP'), info.osImage || '<unknown>', info.kernelVersion || '<unknown>', info.containerRuntimeVersion || '<unknown>'];
  },
};

export const namespacePrinter: Printer = {
  columns: [col('Name', 0, 'Name must be unique within a namespace.', 'name'), col('Status', 0, 'The status of the namespace'), col('Age', 0, 'CreationTimestamp')],
  row: (o, now) => [o.metadata.name, o.status?.phase ?? '', since(o.metadata.creationTimestamp, now)],
};

export const eventPrinter: Printer = {
  columns: [col('Last Seen', 0, 'Time when this Event was last observed.'), col('Type', 0, 'Type of this event (Normal, Warning), new types could be added in the future.'), col('Reason', 0, 'This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'), col('Object', 0, 'The object that this event is about.'), col('Subobject', 1, 'The subobject of the object that this event is about.'), col('Source', 1, 'The component reporting this event.'), col('Message', 0, 'A human-readable description of the status of this operation.'), col('First Seen', 1, 'The time at which the event was first recorded.'), col('Count', 1, 'The number of times this event has occurred.', '', 'integer'), col('Name', 1, 'Name must be unique within a namespace.', 'name')],
  row(o, now) {
    // Works on both core/v1 and events.k8s.io/v1 shapes.
    const first = o.firstTimestamp ?? o.deprecatedFirstTimestamp;
    const last = o.lastTimestamp ?? o.deprecatedLastTimestamp;
    const firstSeen = first ? since(first, now) : since(o.eventTime, now);
    let lastSeen = last ? since(last, now) : firstSeen;
    let count = o.count ?? o.deprecatedCount ?? 0;
    if (o.series) {
      lastSeen = since(o.series.lastObservedTime, now);
      count = o.series.count;
    } else if (!count) count = 1;
    const io = o.involvedObject ?? o.regarding ?? {};
    const target = io.name ? `${String(io.kind ?? '').toLowerCase()}/${io.name}` : String(io.kind ?? '').toLowerCase();
    const src = o.source ?? o.deprecatedSource ?? {};
    const component = src.component || o.reportingComponent || o.reportingController || '';
    const instance = src.host || o.reportingInstance || '';
    const source = !component ? '' : instance ? `${component}, ${instance}` : component;
    return [lastSeen, o.type ?? '', o.reason ?? '', target, io.fieldPath ?? '', source, String(o.message ?? o.note ?? '').trim(), firstSeen, count, o.metadata.name];
  },
};

export const configMapPrinter: Printer = {
  columns: [col('Name', 0, 'Name must be unique within a namespace.', 'name'), col('Data', 0, 'Data contains the configuration data.', '', 'integer'), col('Age', 0, 'CreationTimestamp')],
  row: (o, now) => [o.metadata.name, Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length, since(o.metadata.creationTimestamp, now)],
};

export const secretPrinter: Printer = {
  columns: [col('Name', 0, 'Name must be unique within a namespace.', 'name'), col('Type', 0, 'The type of the secret'), col('Data', 0, 'The number of entries in the secret', '', 'integer'), col('Age', 0, 'CreationTimestamp')],
  row: (o, now) => [o.metadata.name, o.type ?? 'Opaque', Object.keys(o.data ?? {}).length, since(o.metadata.creationTimestamp, now)],
};

export const serviceAccountPrinter: Printer = {
  // Name and Age only, as kube-apiserver v1.36 prints service accounts (the Secrets count is gone).
  columns: [col('Name', 0, 'Name must be unique within a namespace.', 'name'), col('Age', 0, 'CreationTimestamp')],
  row: (o, now) => [o.metadata.name, since(o.metadata.creationTimestamp, now)],
};

export const resourceQuotaPrinter: Printer = {
  // Age last since v1.33 (kubernetes/kubernetes#129419).
  columns: [col('Name', 0, 'Name must be unique within a namespace.', 'name'), col('Request', 0, 'Request represents a minimum amount of cpu/memory that a container may consume.'), col('Limit', 0, 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'), col('Age', 0, 'CreationTimestamp')],
  row(o, now) {
    const hard: Record<string, string> = o.spec?.hard ?? {};
    const used: Record<string, string> = o.status?.used ?? {};
    const req: string[] = [];
    const lim: string[] = [];
    for (const r of Object.keys(hard).sort()) (r.startsWith('limits.') ? lim : req).push(`${r}: ${used[r] ?? '0'}/${hard[r]}`);
    return [o.metadata.name, req.join(', '), lim.join(', '), since(o.metadata.creationTimestamp, now)];
  },
};

export const controllerRevisionPrinter: Printer = {
  columns: [col('Name', 0, 'Name must be unique within a namespace.', 'name'), col('Controller', 0, 'Controller of the object.'), col('Revision', 0, 'Revision of the ControllerRevision.', '', 'integer'), col('Age', 0, 'CreationTimestamp')],
  row(o, now) {
    const owner = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
    const ctrl = owner ? `${String(owner.apiVersion).split('/')[0] === 'apps' ? `${owner.kind.toLowerCase()}.apps` : owner.kind.toLowerCase()}/${owner.name}` : '<none>';
    return [o.metadata.name, ctrl, o.revision ?? 0, since(o.metadata.creationTimestamp, now)];
  },
};

/** The server's default table (rest.DefaultTableConvertor): Name and Created At. */
export const defaultPrinter: Printer = {
  columns: [col('Name', 0, 'Name must be unique within a namespace.', 'name'), { name: 'Created At', type: 'date', format: '', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', priority: 0 }],
  row: (o) => [o.metadata.name, o.metadata.creationTimestamp ?? ''],
};
