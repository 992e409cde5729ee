// The Service REST storage's allocators (pkg/registry/core/service/ipallocator and portallocator):
// a ClusterIP from the service CIDR and a node port from 30000-32767 for every port of a NodePort or
// LoadBalancer Service. A requested address or port is honoured when free and in range, refused with
// kube-apiserver's message otherwise. On update the allocated values are kept when the client leaves
// them out (patchAllocatedValues), so `kubectl apply` of a manifest without clusterIP changes nothing.
import { invalid, type FieldCause } from './status.js';
import type { ClusterStore, KubeObject } from './types.js';

/** --service-cluster-ip-range, as the e2e control plane runs it; 10.96.0.1 is the `kubernetes` Service's. */
export const SERVICE_CIDR = '10.96.0.0/16';
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
export const NODE_PORT_MIN = 30_000;
export const NODE_PORT_MAX = 32_767;

const BASE = ipToInt('10.96.0.0');
const SIZE = 2 ** 16;

function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return ((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3];
}
const intToIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
const isIPv4 = (s: unknown): s is string => typeof s === 'string' && /^(\d{1,3})(\.\d{1,3}){3}$/.test(s) && s.split('.').every((x) => Number(x) <= 255);

const needsNodePorts = (spec: any) => spec?.type === 'NodePort' || spec?.type === 'LoadBalancer';

function inUse(store: ClusterStore, self: KubeObject): { ips: Set<string>; ports: Set<string> } {
  const ips = new Set<string>();
  const ports = new Set<string>();
  for (const s of store.list('services')) {
    if (s.metadata.uid === self.metadata.uid && s.metadata.uid) continue;
    for (const ip of s.spec?.clusterIPs ?? [s.spec?.clusterIP]) if (ip) ips.add(ip);
    for (const p of s.spec?.ports ?? []) if (p.nodePort) ports.add(`${p.nodePort}/${p.protocol ?? 'TCP'}`);
  }
  return { ips, ports };
}

/** Fills (or checks) spec.clusterIP(s) and the node ports of a Service being created or updated (`current` then). */
export function allocateServiceAddresses(store: ClusterStore, svc: KubeObject, current?: KubeObject, rand: () => number = Math.random): void {
  const spec = svc.spec;
  if (!spec) return;
  const name = svc.metadata.name ?? '';
  const used = inUse(store, current ?? svc);
  const causes: FieldCause[] = [];
  const old = current?.spec;
  // patchAllocatedValues: what was allocated stays unless the client asks for something else.
  if (old && spec.type !== 'ExternalName' && old.type !== 'ExternalName') {
    if (!spec.clusterIP && old.clusterIP) spec.clusterIP = old.clusterIP;
    if (!spec.clusterIPs?.length && old.clusterIPs?.length && spec.clusterIP === old.clusterIP) spec.clusterIPs = [...old.clusterIPs];
  }
  if (old && needsNodePorts(spec) && needsNodePorts(old)) {
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      const was = (old.ports ?? []).find((o: any) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      if (was?.nodePort) p.nodePort = was.nodePort;
    }
  }
  const allocatedBefore = new Set<string>((old?.ports ?? []).filter((p: any) => p.nodePort).map((p: any) => `${p.nodePort}/${p.protocol ?? 'TCP'}`));

  if (spec.type === 'ExternalName') {
    delete spec.clusterIP;
    delete spec.clusterIPs;
  } else if (!spec.clusterIP) {
    const ip = pickIp(used.ips, rand);
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
  } else if (spec.clusterIP !== 'None' && spec.clusterIP !== old?.clusterIP) {
    const ip = spec.clusterIP;
    const why = !isIPv4(ip) ? undefined
      : !inRange(ip) ? 'the provided network does not match the current range'
        : used.ips.has(ip) ? 'provided IP is already allocated' : undefined;
    if (why) causes.push({ field: 'spec.clusterIPs', type: 'FieldValueInvalid', message: `Invalid value: ["${ip}"]: failed to allocate IP ${ip}: ${why}` });
    spec.clusterIPs = [ip];
  }

  if (needsNodePorts(spec)) {
    const mine = new Set<string>();
    (spec.ports ?? []).forEach((p: any, i: number) => {
      const key = (n: number) => `${n}/${p.protocol ?? 'TCP'}`;
      if (p.nodePort) {
        const n = Number(p.nodePort);
        if (allocatedBefore.has(key(n))) {
          mine.add(key(n));
          return;
        }
        const why = n < NODE_PORT_MIN || n > NODE_PORT_MAX ? `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`
          : used.ports.has(key(n)) || mine.has(key(n)) ? 'provided port is already allocated' : undefined;
        if (why) causes.push({ field: `spec.ports[${i}].nodePort`, type: 'FieldValueInvalid', message: `Invalid value: ${n}: ${why}` });
        mine.add(key(n));
        return;
      }
      const n = pickPort((k) => used.ports.has(k) || mine.has(k), p.protocol ?? 'TCP', rand);
      p.nodePort = n;
      mine.add(key(n));
    });
  } else {
    for (const p of spec.ports ?? []) delete p.nodePort;
  }
  if (causes.length) throw invalid('Service', '', name, causes);
}

const inRange = (ip: string) => {
  const n = ipToInt(ip);
  return n > BASE && n < BASE + SIZE - 1;
};

function pickIp(used: Set<string>, rand: () => number): string {
  // The allocator draws at random, keeping the lowest addresses for static (requested) ones.
  const lowBand = 256;
  for (let tries = 0; tries < 1000; tries++) {
    const ip = intToIp(BASE + lowBand + Math.floor(rand() * (SIZE - lowBand - 1)));
    if (!used.has(ip)) return ip;
  }
  for (let n = BASE + 1; n < BASE + SIZE - 1; n++) if (!used.has(intToIp(n))) return intToIp(n);
  throw new Error('the service IP range is full');
}

function pickPort(taken: (key: string) => boolean, protocol: string, rand: () => number): number {
  const span = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  const start = Math.floor(rand() * span);
  for (let i = 0; i < span; i++) {
    const n = NODE_PORT_MIN + ((start + i) % span);
    if (!taken(`${n}/${protocol}`)) return n;
  }
  throw invalid('Service', '', '', [{ field: 'spec.ports[0].nodePort', type: 'FieldValueInvalid', message: 'range is full' }]);
}
