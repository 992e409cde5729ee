// Server-side apply (PATCH application/apply-patch+yaml, kubectl apply --server-side): the applied
// configuration is merged into the object field by field (lists merged by their keys, as the schema
// declares them), a field another manager owns cannot be changed to another value without force (409
// naming the fields and their managers), and fields this manager applied before but no longer names
// are removed unless someone else owns them.
import { comparePaths, fieldInfo, isLeaf, joinPath, removeAt, splitPath, itemElement, pathString, valueAt, type ListShape } from './fieldSets.js';
import { boolParam, type Ctx } from './http.js';
import { apiVersionOf } from './kinds.js';
import { printManager, readManagers, sameManager, sortPaths, timestamp, trackedFields, writeManagers, type Manager } from './managedFields.js';
import type { FieldType } from './schema/schema.js';
import { kindType } from './schema/schema.js';
import { badRequest, invalid } from './status.js';
import { SimError, type KubeObject } from './types.js';

type Json = any;

const isObj = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

export const APPLY_PATCH = 'application/apply-patch+yaml';

export const isApplyPatch = (contentType: string) => contentType.split(';')[0].trim().toLowerCase() === APPLY_PATCH;

/** Merges an applied configuration into the live object (structured-merge-diff's Merge). */
function merge(live: Json, config: Json, type: FieldType): Json {
  if (!isObj(config) || !isObj(live)) return clone(config);
  const out: Record<string, Json> = { ...live };
  for (const [k, v] of Object.entries(config)) {
    const info = fieldInfo(type, k);
    if (v === null) delete out[k];
    else if (!info || info.atomic || !(isObj(v) || Array.isArray(v))) out[k] = clone(v);
    else if (Array.isArray(v)) out[k] = mergeList(live[k], v, info.list);
    else out[k] = merge(live[k], v, info.type);
  }
  return out;
}

function mergeList(live: Json, config: Json[], list: ListShape): Json[] {
  if (list.kind === 'atomic' || !Array.isArray(live)) return clone(config);
  if (list.kind === 'set') return [...live, ...config.filter((x) => !live.some((y) => JSON.stringify(y) === JSON.stringify(x)))];
  const out = live.map(clone);
  for (const item of config) {
    const el = itemElement(item, list.mergeKey);
    const i = out.findIndex((x) => itemElement(x, list.mergeKey) === el);
    if (i >= 0) out[i] = merge(out[i], item, list.of);
    else out.push(clone(item));
  }
  return out;
}

/** The schema type at a path of the object. */
function typeAt(root: FieldType, parts: string[]): FieldType | undefined {
  let t: FieldType | undefined = root;
  for (const el of parts) {
    if (!t) return undefined;
    if (el.startsWith('f:')) t = fieldInfo(t, el.slice(2))?.type;
    else t = t.kind === 'list' ? t.of : undefined;
  }
  return t;
}

function conflictError(conflicts: Array<{ path: string; manager: Manager }>): SimError {
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.manager)}`, field: pathString(c.path) }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].manager)}: ${pathString(conflicts[0].path)}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) byManager.set(printManager(c.manager), [...(byManager.get(printManager(c.manager)) ?? []), pathString(c.path)]);
    const lines: string[] = [];
    for (const m of [...byManager.keys()].sort()) lines.push(`conflicts with ${m}:`, ...byManager.get(m)!.map((p) => `- ${p}`));
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new SimError(409, 'Conflict', message, { causes });
}

/**
 * The object an apply produces from the live one (undefined: the apply creates it), with its
 * managedFields. Throws the 422 for a missing fieldManager and the 409 for conflicts without force.
 */
export function serverSideApply(ctx: Ctx, live: KubeObject | undefined, config: Json): KubeObject {
  const manager = ctx.query.get('fieldManager');
  if (!manager) {
    throw invalid('PatchOptions', 'meta.k8s.io', '', [{ field: 'fieldManager', type: 'FieldValueRequired', message: 'Required value: is required for apply patch' }]);
  }
  if (!isObj(config)) throw badRequest('the body of the request was in an unknown format - accepted media types include: application/apply-patch+yaml');
  const { kind } = ctx;
  const apiVersion = apiVersionOf(kind);
  if ((config.kind && config.kind !== kind.kind) || (config.apiVersion && config.apiVersion !== apiVersion)) {
    throw badRequest(`the apply patch's kind (${config.apiVersion ?? ''}, Kind=${config.kind ?? ''}) does not match the resource (${apiVersion}, Kind=${kind.kind})`);
  }
  const type = kindType(kind.group, kind.kind)!;
  const subresource = ctx.info.subresource === 'status' ? 'status' : undefined;
  const applied = trackedFields(kind, config, subresource);
  const base = live ?? { apiVersion, kind: kind.kind, metadata: {} };
  const rootType: FieldType = { kind: 'ref', name: type.short };
  const next: KubeObject = merge(base, config, rootType);
  const now = timestamp(ctx.env.clock.now());
  const me: Manager = { manager, operation: 'Apply', apiVersion, time: now, ...(subresource ? { subresource } : {}), fields: applied };
  const managers = readManagers(live);
  const previous = managers.find((m) => sameManager(m, me));
  const others = managers.filter((m) => m !== previous);

  const conflicts: Array<{ path: string; manager: Manager }> = [];
  for (const m of others) {
    for (const p of m.fields) {
      if (applied.has(p) && isLeaf(applied, p) && JSON.stringify(valueAt(base, p)) !== JSON.stringify(valueAt(next, p))) conflicts.push({ path: p, manager: m });
    }
  }
  if (conflicts.length && !boolParam(ctx.query, 'force')) {
    const byManager = (a: { manager: Manager }, b: { manager: Manager }) => (printManager(a.manager) < printManager(b.manager) ? -1 : printManager(a.manager) > printManager(b.manager) ? 1 : 0);
    throw conflictError(conflicts.sort((a, b) => byManager(a, b) || comparePaths(a.path, b.path)));
  }
  for (const c of conflicts) c.manager.fields.delete(c.path);

  // What this manager applied before and no longer names goes, unless another manager owns it.
  // Only the topmost of those paths is removed (an item goes whole); a list or map left empty goes too.
  const ownedByOthers = (p: string) => others.some((m) => [...m.fields].some((q) => q === p || q.startsWith(`${p}\u0000`)));
  const gone = sortPaths(previous?.fields ?? []).filter((p) => !applied.has(p) && !ownedByOthers(p));
  for (const p of gone.filter((p) => !gone.some((q) => p.startsWith(`${q}\u0000`)))) {
    removeAt(next, p);
    const parent = splitPath(p).slice(0, -1);
    const left = valueAt(next, joinPath(parent));
    const emptied = Array.isArray(left) ? !left.length : isObj(left) && !Object.keys(left).length && typeAt(rootType, parent)?.kind === 'map';
    if (parent.length && emptied) removeAt(next, joinPath(parent));
  }
  next.metadata = isObj(next.metadata) ? next.metadata : {};
  next.metadata.managedFields = writeManagers([...others, me]);
  return next;
}
