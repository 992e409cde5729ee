// Label and field selectors as the API server parses them (k8s.io/apimachinery labels.Parse and
// fields.ParseSelector): equality, inequality, set-based `in`/`notin`, existence `key` / `!key`, and
// the integer comparisons `key>N` / `key<N`; keys and values are validated as labels.Parse does.
import { badRequest } from './status.js';
import type { KubeObject } from './types.js';

export type Matcher = (obj: KubeObject) => boolean;

type Req =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: Set<string> }
  | { op: 'exists' | 'notexists'; key: string }
  | { op: 'gt' | 'lt'; key: string; bound: number };

/** Splits on commas that are not inside parentheses; empty parts are dropped unless kept. */
function splitTop(s: string, keepEmpty = false): string[] {
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
  return out.map((p) => p.trim()).filter((p) => keepEmpty || p.length > 0);
}

export function parseLabelSelector(sel: string | undefined): Matcher | undefined {
  if (!sel || !sel.trim()) return undefined;
  const reqs: Req[] = splitTop(sel, true).map(parseRequirement);
  return (obj) => {
    const labels = obj.metadata?.labels ?? {};
    return reqs.every((r) => matchReq(r, labels[r.key]));
  };
}

function parseRequirement(p: string): Req {
  if (p === '') throw badRequest(`unable to parse requirement: found ',', expected: !, identifier, or 'end of string'`);
  let m = /^([^\s!=(),<>]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(p);
  if (m) return { op: m[2] as 'in' | 'notin', key: labelKey(m[1]), values: new Set(m[3].split(',').map((v) => labelValue(v.trim())).filter(Boolean)) };
  m = /^!\s*([^\s!=(),<>]+)$/.exec(p);
  if (m) return { op: 'notexists', key: labelKey(m[1]) };
  m = /^([^\s!=(),<>]+)\s*(==|=|!=)\s*([^\s!=(),<>]*)$/.exec(p);
  if (m) return { op: m[2] === '!=' ? 'neq' : 'eq', key: labelKey(m[1]), value: labelValue(m[3]) };
  m = /^([^\s!=(),<>]+)\s*(<|>)\s*([^\s!=(),<>]*)$/.exec(p);
  if (m) {
    if (!/^-?\d+$/.test(m[3])) throw badRequest(`unable to parse requirement: values[0]: Invalid value: "${m[3]}": for 'Gt', 'Lt' operators, the value must be an integer`);
    return { op: m[2] === '>' ? 'gt' : 'lt', key: labelKey(m[1]), bound: Number(m[3]) };
  }
  m = /^([^\s!=(),<>]+)$/.exec(p);
  if (m) return { op: 'exists', key: labelKey(m[1]) };
  throw badRequest(`unable to parse requirement: found '${p}', expected: in, notin, =, ==, !=, gt, lt`);
}

// validation.IsQualifiedName and IsValidLabelValue, as labels.Parse checks every key and value.
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function labelKey(key: string): string {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = key.slice(slash + 1);
  const ok = NAME_PART.test(name) && name.length <= 63 && (prefix === undefined || (DNS_SUBDOMAIN.test(prefix) && prefix.length <= 253));
  if (!ok) throw badRequest(`unable to parse requirement: key: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  return key;
}

function labelValue(value: string): string {
  if (value !== '' && !(NAME_PART.test(value) && value.length <= 63)) {
    throw badRequest(`unable to parse requirement: values[0]: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  }
  return value;
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
    case 'gt':
    case 'lt':
      // A missing or non-integer label never matches (apimachinery Requirement.Matches).
      if (v === undefined || !/^-?\d+$/.test(v)) return false;
      return r.op === 'gt' ? Number(v) > r.bound : Number(v) < r.bound;
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
