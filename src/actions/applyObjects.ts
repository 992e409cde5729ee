// kdash apply: server-side apply (field manager `kdash`) of the objects in YAML documents, each first
// as a dry run (dryRun=All) whose answer is diffed against the object as it is (or shown as new),
// with the server's warnings and conflicts with other managers; then, once confirmed, for real.
import { parseAllDocuments } from 'yaml';
import type { Api } from '../kube/api.js';
import type { ResourceKind } from '../resources/types.js';
import { apiVersionOf, findKind } from '../resources/registry.js';
import { errorMessage, errorStatus, isConflict, isNotFound } from './result.js';
import { diffLines, objectDiff, type DiffLine } from './objectDiff.js';
import { editableObject, secretMask, storedForm } from './editObject.js';
import type { Obj } from './targets.js';

export const FIELD_MANAGER = 'kdash';

export interface ApplyTarget {
  /** Where it came from, for messages: "web.yaml #2". */
  source: string;
  kind: ResourceKind;
  namespace: string;
  name: string;
  body: Obj;
}

/** `deployment.apps/web` as kubectl names it. */
export function targetName(t: Pick<ApplyTarget, 'kind' | 'name'>): string {
  return `${t.kind.kind.toLowerCase()}${t.kind.group ? `.${t.kind.group}` : ''}/${t.name}`;
}

/** Pure: the objects of YAML text (several documents, or a v1 List), each checked; errors name the document. */
export function readManifests(text: string, source: string, defaultNamespace: string, explicit = false): { targets: ApplyTarget[]; errors: string[] } {
  const targets: ApplyTarget[] = [];
  const errors: string[] = [];
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [];
  list.forEach((d, i) => {
    const where = `${source}${list.length > 1 ? ` #${i + 1}` : ''}`;
    if (d.errors.length) {
      const e = d.errors[0];
      errors.push(`${where}: YAML error${e.linePos?.[0] ? ` at line ${e.linePos[0].line}` : ''}: ${e.message.split('\n')[0]}`);
      return;
    }
    const o = d.toJS() as Obj | null;
    if (o === null || o === undefined) return;
    const items: Obj[] = o.kind === 'List' && Array.isArray(o.items) ? o.items : [o];
    for (const obj of items) {
      if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return void errors.push(`${where}: not an object`);
      if (!obj.apiVersion || !obj.kind) return void errors.push(`${where}: apiVersion and kind are required`);
      const name = obj.metadata?.name;
      if (!name) return void errors.push(`${where}: ${obj.kind} has no metadata.name`);
      const [group, version] = String(obj.apiVersion).includes('/') ? String(obj.apiVersion).split('/') : ['', String(obj.apiVersion)];
      const kind = findKind(String(obj.kind));
      if (!kind || kind.group !== group || kind.kind !== obj.kind) {
        return void errors.push(`${where}: kdash does not know ${obj.kind} in ${obj.apiVersion} (use kubectl apply --server-side for it)`);
      }
      if (kind.version !== version) return void errors.push(`${where}: ${obj.kind} is served as ${apiVersionOf(kind)} here, not ${obj.apiVersion}`);
      const namespace = kind.namespaced ? String(obj.metadata?.namespace ?? defaultNamespace) : '';
      if (kind.namespaced && explicit && obj.metadata?.namespace && obj.metadata.namespace !== defaultNamespace) {
        // kubectl's rule: an object's own namespace must match an -n given on the command line.
        return void errors.push(`${where}: ${targetName({ kind, name: String(name) })} is in namespace ${obj.metadata.namespace}, not ${defaultNamespace} (-n)`);
      }
      targets.push({ source: where, kind, namespace, name: String(name), body: obj });
    }
  });
  return { targets, errors };
}

export interface ApplyPlanItem {
  target: ApplyTarget;
  /** New (does not exist yet), changed, unchanged, or refused by the dry run. */
  state: 'new' | 'changed' | 'unchanged' | 'refused' | 'conflict';
  lines: DiffLine[];
  warnings: string[];
  /** The server's words when refused or in conflict. */
  message?: string;
}

function comparable(o: Obj, kind: ResourceKind): Obj {
  return storedForm(editableObject(o, kind), kind);
}

/** The dry run of one object's apply and what it would change. */
export async function planApplyOne(api: Api, t: ApplyTarget, force: boolean): Promise<ApplyPlanItem> {
  const warnings: string[] = [];
  let current: Obj | undefined;
  try {
    current = await api.objects.get(t.kind, t.namespace, t.name);
  } catch (e) {
    if (!isNotFound(e)) return { target: t, state: 'refused', lines: [], warnings, message: errorMessage(e) };
  }
  try {
    const result = await api.objects.apply(t.kind, t.namespace, t.name, t.body, { fieldManager: FIELD_MANAGER, force, dryRun: true, onWarning: (w) => warnings.push(w) });
    const mask = secretMask(t.kind);
    if (!current) {
      const made = comparable(result, t.kind);
      return { target: t, state: 'new', lines: diffLines(objectDiff({ apiVersion: made.apiVersion, kind: made.kind }, made), mask), warnings };
    }
    const lines = diffLines(objectDiff(comparable(current, t.kind), comparable(result, t.kind)), mask);
    return { target: t, state: lines.length ? 'changed' : 'unchanged', lines, warnings };
  } catch (e) {
    const conflict = isConflict(e) && /^Apply failed/.test(errorStatus(e)?.message ?? '');
    return { target: t, state: conflict ? 'conflict' : 'refused', lines: [], warnings, message: errorMessage(e) };
  }
}

/** The apply itself; one line of result as kubectl words it ("serverside-applied", "created"). */
export async function applyOne(api: Api, item: ApplyPlanItem, force: boolean): Promise<{ ok: boolean; message: string }> {
  const t = item.target;
  try {
    await api.objects.apply(t.kind, t.namespace, t.name, t.body, { fieldManager: FIELD_MANAGER, force });
    return { ok: true, message: `${targetName(t)} ${item.state === 'new' ? 'created' : item.state === 'unchanged' ? 'unchanged' : 'serverside-applied'}` };
  } catch (e) {
    return { ok: false, message: `${targetName(t)}: ${errorMessage(e)}` };
  }
}

/** The dry runs of every object, in order. */
export async function planApply(api: Api, targets: ApplyTarget[], force: boolean): Promise<ApplyPlanItem[]> {
  const items: ApplyPlanItem[] = [];
  for (const t of targets) items.push(await planApplyOne(api, t, force));
  return items;
}
