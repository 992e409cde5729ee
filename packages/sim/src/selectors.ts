// Label and field selectors as the API server parses them (k8s.io/apimachinery labels.Parse and
// fields.ParseSelector): equality, inequality, set-based `in`/`notin`, existence `key` / `!key`.
import { badRequest } from './status.js';
import type { KubeObject } from './types.js';

export type Matcher = (obj: KubeObject) => boolean;

type Req =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: Set<string> }
  | { op: 'exists' | 'notexists'; key: string };

/** Splits on commas that are not inside parentheses. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((p) => p.trim()).filter((p) => p.length > 0);
}

export function parseLabelSelector(sel: string | undefined): Matcher | undefined {
  if (!sel || !sel.trim()) return undefined;
  const reqs: Req[] = splitTop(sel).map(parseRequirement);
  return (obj) => {
    const labels = obj.metadata?.labels ?? {};
    return reqs.every((r) => matchReq(r, labels[r.key]));
  };
}

function parseRequirement(p: string): Req {
  let m = /^([^\s!=(),]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(p);
  if (m) return { op: m[2] as 'in' | 'notin', key: m[1], values: new Set(m[3].split(',').map((v) => v.trim()).filter(Boolean)) };
  m = /^!\s*([^\s!=(),]+)$/.exec(p);
  if (m) return { op: 'notexists', key: m[1] };
  m = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(p);
  if (m) return { op: m[2] === '!=' ? 'neq' : 'eq', key: m[1], value: m[3] };
  m = /^([^\s!=(),]+)$/.exec(p);
  if (m) return { op: 'exists', key: m[1] };
  throw badRequest(`unable to parse requirement: found '${p}', expected: in, notin, =, ==, !=, gt, lt`);
}

function matchReq(r: Req, v: string | undefined): boolean {
  switch (r.op) {
    case 'eq':
      return v === r.value;
    case 'neq':
      return v !== r.value;
    case 'in':
      return v !== undefined && r.values.has(v);
    case 'notin':
      return v === undefined || !r.values.has(v);
    case 'exists':
      return v !== undefined;
    case 'notexists':
      return v === undefined;
  }
}

/** Field paths each kind supports, as the real registries' field label conversion does. */
const FIELD_GETTERS: Record<string, (o: KubeObject) => unknown> = {
  'metadata.name': (o) => o.metadata?.name,
  'metadata.namespace': (o) => o.metadata?.namespace,
  'spec.nodeName': (o) => o.spec?.nodeName ?? '',
  'spec.restartPolicy': (o) => o.spec?.restartPolicy,
  'spec.schedulerName': (o) => o.spec?.schedulerName,
  'spec.serviceAccountName': (o) => o.spec?.serviceAccountName,
  'status.phase': (o) => o.status?.phase ?? '',
  'status.podIP': (o) => o.status?.podIP ?? '',
  'spec.unschedulable': (o) => String(o.spec?.unschedulable ?? false),
  'involvedObject.kind': (o) => o.involvedObject?.kind ?? o.regarding?.kind,
  'involvedObject.name': (o) => o.involvedObject?.name ?? o.regarding?.name,
  'involvedObject.namespace': (o) => o.involvedObject?.namespace ?? o.regarding?.namespace,
  'involvedObject.uid': (o) => o.involvedObject?.uid ?? o.regarding?.uid,
  'involvedObject.apiVersion': (o) => o.involvedObject?.apiVersion ?? o.regarding?.apiVersion,
  'involvedObject.resourceVersion': (o) => o.involvedObject?.resourceVersion ?? o.regarding?.resourceVersion,
  'involvedObject.fieldPath': (o) => o.involvedObject?.fieldPath ?? o.regarding?.fieldPath,
  'regarding.kind': (o) => o.regarding?.kind ?? o.involvedObject?.kind,
  'regarding.name': (o) => o.regarding?.name ?? o.involvedObject?.name,
  'regarding.namespace': (o) => o.regarding?.namespace ?? o.involvedObject?.namespace,
  'regarding.uid': (o) => o.regarding?.uid ?? o.involvedObject?.uid,
  reason: (o) => o.reason,
  type: (o) => o.type,
  'source': (o) => o.source?.component,
  'reportingComponent': (o) => o.reportingComponent,
};

/** Field labels each kind accepts beyond metadata.name/namespace (the registries' field label conversions). */
const KIND_FIELDS: Record<string, string[]> = {
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.phase', 'status.podIP'],
  Event: ['involvedObject.kind', 'involvedObject.name', 'involvedObject.namespace', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'regarding.kind', 'regarding.name', 'regarding.namespace', 'regarding.uid', 'reason', 'type', 'source', 'reportingComponent'],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
};

export function parseFieldSelector(sel: string | undefined, kindName: string): Matcher | undefined {
  if (!sel || !sel.trim()) return undefined;
  const reqs = splitTop(sel).map((p) => {
    const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(p);
    if (!m) throw badRequest(`invalid selector: '${sel}'; can't understand '${p}'`);
    const get = FIELD_GETTERS[m[1]];
    const allowed = m[1] === 'metadata.name' || m[1] === 'metadata.namespace' || KIND_FIELDS[kindName]?.includes(m[1]);
    if (!get || !allowed) throw badRequest(`field label not supported: ${m[1]}`);
    return { get, neg: m[2] === '!=', value: m[3] };
  });
  return (obj) => reqs.every((r) => (String(r.get(obj) ?? '') === r.value) !== r.neg);
}

/** LabelSelector (matchLabels + matchExpressions) → the string form kubectl prints (metav1.LabelSelectorAsSelector().String()). */
export function selectorString(sel: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> } | undefined): string {
  if (!sel) return '<none>';
  const parts: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) parts.push([k, `${k}=${v}`]);
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(',');
    const op = e.operator;
    if (op === 'In') parts.push([e.key, `${e.key} in (${vals})`]);
    else if (op === 'NotIn') parts.push([e.key, `${e.key} notin (${vals})`]);
    else if (op === 'Exists') parts.push([e.key, e.key]);
    else if (op === 'DoesNotExist') parts.push([e.key, `!${e.key}`]);
  }
  if (parts.length === 0) return '<none>';
  return parts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((p) => p[1]).join(',');
}

/** Whether a LabelSelector object matches a label map (used for cascades and services). */
export function labelSelectorMatches(sel: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> } | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const v = l[e.key];
    if (e.operator === 'In' && !(v !== undefined && e.values?.includes(v))) return false;
    if (e.operator === 'NotIn' && v !== undefined && e.values?.includes(v)) return false;
    if (e.operator === 'Exists' && v === undefined) return false;
    if (e.operator === 'DoesNotExist' && v !== undefined) return false;
  }
  return true;
}
