// The three patch types kubectl and client libraries send: JSON patch (RFC 6902), JSON merge patch
// (RFC 7386) and strategic merge patch (k8s.io/apimachinery strategicpatch), the latter with the
// list merge keys and directives ($patch, $retainKeys, $setElementOrder, $deleteFromPrimitiveList)
// that kubectl rollout/scale/annotate/apply produce.
import { badRequest } from './status.js';
import { SimError } from './types.js';

type Json = any;

const isObj = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

export function applyPatch(contentType: string, target: Json, patch: Json): Json {
  const ct = contentType.split(';')[0].trim().toLowerCase();
  if (ct === 'application/json-patch+json') return jsonPatch(target, patch);
  if (ct === 'application/merge-patch+json') return mergePatch(target, patch);
  if (ct === 'application/strategic-merge-patch+json') return strategicMerge(target, patch, []);
  if (ct === 'application/apply-patch+yaml') {
    throw new SimError(415, 'UnsupportedMediaType', 'server-side apply is not supported by the embedded cluster; use client-side apply');
  }
  throw new SimError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`);
}

// ---------- RFC 7386 ----------
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return clone(patch);
  const out: Record<string, Json> = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

// ---------- RFC 6902 ----------
function unescapePtr(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePtr(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw badRequest(`the server rejected our request due to an error in our request`);
  return path.slice(1).split('/').map(unescapePtr);
}

function getAt(doc: Json, parts: string[]): Json {
  let cur = doc;
  for (const p of parts) {
    if (Array.isArray(cur)) cur = cur[Number(p)];
    else if (isObj(cur)) cur = cur[p];
    else return undefined;
  }
  return cur;
}

function jsonPatchError(msg: string): SimError {
  return new SimError(422, 'Invalid', msg);
}

export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = clone(target);
  for (const op of ops) {
    const parts = parsePtr(String(op.path ?? ''));
    switch (op.op) {
      case 'add':
        doc = addAt(doc, parts, clone(op.value), false);
        break;
      case 'replace':
        if (getAt(doc, parts) === undefined) throw jsonPatchError(`the server rejected our request due to an error in our request: replace operation does not apply: doc is missing key: ${op.path}`);
        doc = addAt(doc, parts, clone(op.value), true);
        break;
      case 'remove':
        if (getAt(doc, parts) === undefined) throw jsonPatchError(`the server rejected our request due to an error in our request: remove operation does not apply: doc is missing path: ${op.path}`);
        doc = removeAt(doc, parts);
        break;
      case 'move': {
        const from = parsePtr(String(op.from));
        const v = getAt(doc, from);
        if (v === undefined) throw jsonPatchError(`move operation does not apply: doc is missing from path: ${op.from}`);
        doc = addAt(removeAt(doc, from), parts, v, false);
        break;
      }
      case 'copy': {
        const v = getAt(doc, parsePtr(String(op.from)));
        if (v === undefined) throw jsonPatchError(`copy operation does not apply: doc is missing from path: ${op.from}`);
        doc = addAt(doc, parts, clone(v), false);
        break;
      }
      case 'test':
        if (JSON.stringify(getAt(doc, parts)) !== JSON.stringify(op.value)) throw jsonPatchError(`the server rejected our request due to an error in our request: testing value ${op.path} failed`);
        break;
      default:
        throw badRequest(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}

function addAt(doc: Json, parts: string[], value: Json, replace: boolean): Json {
  if (parts.length === 0) return value;
  const parent = getAt(doc, parts.slice(0, -1));
  const last = parts[parts.length - 1];
  if (Array.isArray(parent)) {
    const idx = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(idx) || idx < 0 || idx > parent.length) throw jsonPatchError(`add operation does not apply: index out of bounds`);
    if (replace) parent[idx] = value;
    else parent.splice(idx, 0, value);
  } else if (isObj(parent)) {
    parent[last] = value;
  } else {
    throw jsonPatchError(`the server rejected our request due to an error in our request: add operation does not apply: doc is missing path: /${parts.join('/')}`);
  }
  return doc;
}

function removeAt(doc: Json, parts: string[]): Json {
  const parent = getAt(doc, parts.slice(0, -1));
  const last = parts[parts.length - 1];
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (isObj(parent)) delete parent[last];
  return doc;
}

// ---------- strategic merge ----------
/** List fields merged by key (patchMergeKey in the Kubernetes API types), matched on the field name. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  ownerReferences: 'uid',
  conditions: 'type',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  taints: 'key',
  addresses: 'type',
};

/** Primitive lists with patchStrategy merge (union instead of replace). */
const MERGE_PRIMITIVE = new Set(['finalizers']);

function mergeKeyFor(path: string[], field: string): string | undefined {
  // Container ports merge on containerPort; Service ports on port.
  if (field === 'ports') return path.includes('containers') || path.includes('initContainers') ? 'containerPort' : 'port';
  return MERGE_KEYS[field];
}

export function strategicMerge(target: Json, patch: Json, path: string[]): Json {
  if (!isObj(patch)) return clone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return stripDirectives(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  let out: Record<string, Json> = isObj(target) ? { ...target } : {};
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set<string>(patch.$retainKeys);
    out = Object.fromEntries(Object.entries(out).filter(([k]) => keep.has(k)));
  }
  const orders: Record<string, Json[]> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/')) orders[k.slice('$setElementOrder/'.length)] = v as Json[];
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/')) continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const del = new Set((v as Json[]).map((x) => JSON.stringify(x)));
      if (Array.isArray(out[field])) out[field] = out[field].filter((x: Json) => !del.has(JSON.stringify(x)));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const sub = [...path, k];
    if (Array.isArray(v)) {
      out[k] = mergeList(out[k], v, sub, k, orders[k]);
    } else if (isObj(v)) {
      const merged = strategicMerge(out[k], v, sub);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else {
      out[k] = v;
    }
  }
  return out;
}

function mergeList(current: Json, patch: Json[], path: string[], field: string, order?: Json[]): Json[] {
  const key = mergeKeyFor(path, field);
  if (MERGE_PRIMITIVE.has(field)) {
    const seen = new Set<string>();
    const out: Json[] = [];
    for (const x of [...(Array.isArray(current) ? current : []), ...patch]) {
      const s = JSON.stringify(x);
      if (!seen.has(s)) {
        seen.add(s);
        out.push(x);
      }
    }
    return out;
  }
  // A list element {$patch: replace} means: replace the whole list with the other elements.
  if (patch.some((e) => isObj(e) && e.$patch === 'replace')) return patch.filter((e) => !(isObj(e) && e.$patch === 'replace')).map(stripDirectives);
  if (!key || !Array.isArray(current)) return patch.filter((e) => !(isObj(e) && e.$patch === 'delete')).map(stripDirectives);
  const out: Json[] = current.map(clone);
  for (const el of patch) {
    if (!isObj(el)) continue;
    const idx = out.findIndex((c) => isObj(c) && c[key] === el[key]);
    if (el.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = strategicMerge(out[idx], el, path);
    else out.push(stripDirectives(el));
  }
  if (order && order.length) {
    const rank = new Map(order.map((o, i) => [isObj(o) ? o[key] : o, i]));
    out.sort((a, b) => (rank.get(a[key]) ?? Infinity) - (rank.get(b[key]) ?? Infinity));
  }
  return out;
}

function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObj(v)) return v;
  const out: Record<string, Json> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('$')) continue;
    if (x === null) continue;
    out[k] = stripDirectives(x);
  }
  return out;
}
