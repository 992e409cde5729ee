// Small pure helpers shared by the controllers: quantities, times, names, selectors, owner refs.
import { defaultPodSpec as applyApiServerSpecDefaults } from '../admission.js';
import type { KubeObject, OwnerReference } from '../types.js';

// ---- quantities (resource.Quantity, the subset workloads use) ----

const BIN: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DEC: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** Parses a quantity into its base unit (cores for cpu, bytes for memory). NaN when malformed. */
export function parseQuantity(q: unknown): number {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return NaN;
  const m = /^([+-]?[0-9.]+)(?:[eE]([+-]?\d+))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/.exec(q.trim());
  if (!m) return NaN;
  let v = parseFloat(m[1]);
  if (m[2]) v *= 10 ** parseInt(m[2], 10);
  const suf = m[3] ?? '';
  return v * (BIN[suf] ?? DEC[suf] ?? 1);
}

export const milliCpu = (q: unknown): number => {
  const v = parseQuantity(q);
  return Number.isFinite(v) ? Math.round(v * 1000) : 0;
};
export const bytes = (q: unknown): number => {
  const v = parseQuantity(q);
  return Number.isFinite(v) ? Math.round(v) : 0;
};

/** Canonical cpu form the API server prints: whole cores as "2", else millicores "1500m". */
export function fmtCpu(milli: number): string {
  if (milli % 1000 === 0) return String(milli / 1000);
  return `${Math.round(milli)}m`;
}

/** Canonical memory form: the largest binary suffix that divides exactly ("384Mi"), else bytes. */
export function fmtMem(b: number): string {
  if (b === 0) return '0';
  for (const s of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
    if (b % BIN[s] === 0) return `${b / BIN[s]}${s}`;
  }
  return String(Math.round(b));
}

export interface PodResources {
  reqCpu: number; // millicores
  reqMem: number; // bytes
  limCpu: number;
  limMem: number;
}

/** Sum of container requests/limits; init containers count as their max (PodRequests in kube). */
export function podResources(pod: KubeObject): PodResources {
  const sum: PodResources = { reqCpu: 0, reqMem: 0, limCpu: 0, limMem: 0 };
  for (const c of pod.spec?.containers ?? []) {
    const r = c.resources ?? {};
    sum.reqCpu += milliCpu(r.requests?.cpu ?? r.limits?.cpu);
    sum.reqMem += bytes(r.requests?.memory ?? r.limits?.memory);
    sum.limCpu += milliCpu(r.limits?.cpu);
    sum.limMem += bytes(r.limits?.memory);
  }
  for (const c of pod.spec?.initContainers ?? []) {
    const r = c.resources ?? {};
    sum.reqCpu = Math.max(sum.reqCpu, milliCpu(r.requests?.cpu ?? r.limits?.cpu));
    sum.reqMem = Math.max(sum.reqMem, bytes(r.requests?.memory ?? r.limits?.memory));
  }
  return sum;
}

/** GetPodQOS in kube: Guaranteed when every container has equal requests and limits for cpu and memory. */
export function qosClass(pod: KubeObject): string {
  const cs: any[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = cs.length > 0;
  for (const c of cs) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const k of ['cpu', 'memory']) {
      if (lim[k] === undefined) guaranteed = false;
      else if (req[k] !== undefined && parseQuantity(req[k]) !== parseQuantity(lim[k])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

// ---- time ----

/** metav1.Time: RFC3339 with second precision. */
export const isoTime = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
/** metav1.MicroTime: RFC3339 with microseconds. */
export const microTime = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
export const parseTime = (s: unknown): number => (typeof s === 'string' ? Date.parse(s) : NaN);

// ---- names and randomness ----

/** The alphabet kube uses for generated name suffixes (no vowels, no look-alikes). */
export const KUBE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Small seeded PRNG (mulberry32) so a scenario plays out the same way on each run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomSuffix(rand: () => number, n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += KUBE_ALPHABET[Math.floor(rand() * KUBE_ALPHABET.length)];
  return s;
}

export function randomHex(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 16).toString(16);
  return s;
}

/** FNV-1a 32-bit: stable across runs and platforms. */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** JSON with sorted keys, so equal objects hash equally whatever their key order. */
export function stableStringify(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`).join(',')}}`;
}

/**
 * Pod-template hash like ComputeHash in the deployment controller: fnv32a of the template (without
 * the pod-template-hash label), its decimal digits mapped onto the safe alphabet.
 */
export function templateHash(template: unknown, collisionCount = 0): string {
  const h = fnv32a(stableStringify(normalizeTemplate(template)) + (collisionCount ? `#${collisionCount}` : ''));
  return String(h).split('').map((d) => KUBE_ALPHABET[d.charCodeAt(0) % KUBE_ALPHABET.length]).join('');
}

/**
 * A pod template as the API server would store it (defaults filled, no hash label, no null
 * creationTimestamp), so a template that went through kubectl and one built in-process compare equal
 * — what lets `rollout undo` find the old replica set again.
 */
export function normalizeTemplate(template: unknown): any {
  const t = structuredClone(template ?? {}) as any;
  t.metadata ??= {};
  delete t.metadata.creationTimestamp;
  if (t.metadata.labels) {
    delete t.metadata.labels['pod-template-hash'];
    if (!Object.keys(t.metadata.labels).length) delete t.metadata.labels;
  }
  if (t.metadata.annotations && !Object.keys(t.metadata.annotations).length) delete t.metadata.annotations;
  applyApiServerSpecDefaults((t.spec ??= {}));
  return t;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

// ---- selectors and owners ----

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

export function matchesSelector(sel: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    switch (e.operator) {
      case 'In': if (!has || !(e.values ?? []).includes(l[e.key])) return false; break;
      case 'NotIn': if (has && (e.values ?? []).includes(l[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

export function controllerRef(o: KubeObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller);
}

export function ownerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? 'v1',
    kind: owner.kind ?? '',
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export const objKey = (ns: string | undefined, name: string | undefined): string => `${ns ?? ''}/${name ?? ''}`;

// ---- pods ----

export function isTerminal(pod: KubeObject): boolean {
  const p = pod.status?.phase;
  return p === 'Succeeded' || p === 'Failed';
}

/** FilterActivePods in kube: not terminal and not being deleted. */
export const isActive = (pod: KubeObject): boolean => !isTerminal(pod) && !pod.metadata.deletionTimestamp;

export function condition(o: KubeObject | undefined, type: string): any {
  return o?.status?.conditions?.find((c: any) => c.type === type);
}

export const isReady = (pod: KubeObject): boolean => condition(pod, 'Ready')?.status === 'True';

/** Ready for at least minReadySeconds (IsPodAvailable). */
export function isAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  const c = condition(pod, 'Ready');
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const t = parseTime(c.lastTransitionTime);
  return Number.isFinite(t) && t + minReadySeconds * 1000 <= now;
}

/** An int-or-percent against a total (intstr.GetScaledValueFromIntOrPercent). */
export function scaled(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.endsWith('%')) {
    const x = (parseInt(v, 10) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  if (typeof v === 'string' && /^\d+$/.test(v)) return parseInt(v, 10);
  return 0;
}

/** The defaults the API server fills into a pod template's spec (those kubectl describe shows). */
export function defaultPodSpec(spec: any): any {
  // Shallow copies are enough: only top-level fields of the spec and of each container are set here.
  const s = { ...(spec ?? {}) };
  s.restartPolicy ??= 'Always';
  s.terminationGracePeriodSeconds ??= 30;
  s.dnsPolicy ??= 'ClusterFirst';
  s.schedulerName ??= 'default-scheduler';
  s.serviceAccountName ??= s.serviceAccount ?? 'default';
  s.securityContext ??= {};
  s.enableServiceLinks ??= true;
  s.preemptionPolicy ??= 'PreemptLowerPriority';
  s.priority ??= 0;
  s.containers = (s.containers ?? []).map((c: any) => defaultContainer(c));
  if (s.initContainers) s.initContainers = s.initContainers.map((c: any) => defaultContainer(c));
  s.tolerations ??= [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ];
  return s;
}

function defaultContainer(c: any): any {
  const tag = imageTag(c.image ?? '');
  return {
    ...c,
    imagePullPolicy: c.imagePullPolicy ?? (tag === 'latest' ? 'Always' : 'IfNotPresent'),
    terminationMessagePath: c.terminationMessagePath ?? '/dev/termination-log',
    terminationMessagePolicy: c.terminationMessagePolicy ?? 'File',
    resources: c.resources ?? {},
  };
}

export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const base = at >= 0 ? image.slice(0, at) : image;
  const slash = base.lastIndexOf('/');
  const colon = base.lastIndexOf(':');
  return colon > slash ? base.slice(colon + 1) : 'latest';
}

/** "redis:7" → "docker.io/library/redis:7", the reference form the container runtime reports. */
export function fullImage(image: string): string {
  let ref = image;
  if (imageTag(ref) === 'latest' && !/:[^/]+$/.test(ref) && !ref.includes('@')) ref += ':latest';
  const first = ref.split('/')[0];
  if (!ref.includes('/')) return `docker.io/library/${ref}`;
  if (first.includes('.') || first.includes(':') || first === 'localhost') return ref;
  return `docker.io/${ref}`;
}
