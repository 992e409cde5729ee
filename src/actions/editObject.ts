// kubectl edit, with a look before the leap: the object as editable YAML (no managedFields, status or
// fields the server sets; a Secret's data decoded into stringData), the person's text read back
// (YAML errors and renamed objects are refused in words), a server dry-run (dryRun=All) of the
// update whose answer is diffed by field path with the server's warnings and kdash's quota
// projection, then the update itself, conditional on the resourceVersion the person edited.
import { parseAllDocuments } from 'yaml';
import type { Api } from '../kube/api.js';
import type { ResourceKind } from '../resources/types.js';
import { apiVersionOf } from '../resources/serverTable.js';
import { toYaml } from '../resources/yaml.js';
import { builtinKind, kindOf, meta, readTarget, refName, type Obj, type TargetRef } from './targets.js';
import { errorMessage, isConflict } from './result.js';
import { applyChanges, diffLines, objectDiff, type DiffLine, type FieldChange, type PathStep } from './objectDiff.js';
import { quotaProjection } from './scaleWorkload.js';

/** Metadata the server sets: left out of the text, put back from the version edited before sending. */
const SERVER_META = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink'] as const;

/** The object as the person edits it: no status or server-set metadata; a Secret's data as text. */
export function editableObject(obj: Obj, kind: ResourceKind): Obj {
  const { status: _status, metadata = {}, ...rest } = structuredClone(obj);
  const m: Record<string, any> = { ...metadata };
  for (const k of SERVER_META) delete m[k];
  const out: Obj = { apiVersion: apiVersionOf(kind), kind: kind.kind, ...rest, metadata: m };
  if (kind.id === 'secrets' && out.data && typeof out.data === 'object') {
    // Readable values go to stringData (decoded); bytes that are not text stay base64 in data.
    const stringData: Record<string, string> = { ...(out.stringData ?? {}) };
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(out.data as Record<string, string>)) {
      const text = decodeText(String(v));
      if (text === undefined) data[k] = String(v);
      else stringData[k] = text;
    }
    out.stringData = stringData;
    if (Object.keys(data).length) out.data = data;
    else delete out.data;
  }
  return out;
}

function decodeText(b64: string): string | undefined {
  const bytes = Buffer.from(b64, 'base64');
  const text = bytes.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(bytes) && !/[\x00-\x08\x0e-\x1f\x7f]/.test(text)) return text;
  return undefined;
}

/** Back to the form the server stores: a Secret's stringData encoded into data. */
export function storedForm(edited: Obj, kind: ResourceKind): Obj {
  if (kind.id !== 'secrets' || !edited.stringData) return edited;
  const { stringData, ...rest } = edited;
  const data: Record<string, string> = { ...(rest.data ?? {}) };
  for (const [k, v] of Object.entries(stringData as Record<string, unknown>)) data[k] = Buffer.from(String(v ?? ''), 'utf8').toString('base64');
  return { ...rest, data };
}

/** The file the editor opens: a comment header saying what is edited and how, then the YAML. */
export function editText(obj: Obj, kind: ResourceKind, notes: string[] = []): string {
  const m = meta(obj);
  const where = kind.namespaced ? ` in namespace ${m.namespace}` : '';
  const header = [
    `Editing ${kind.kind.toLowerCase()} ${m.name}${where} (resourceVersion ${m.resourceVersion}) with kdash.`,
    'Save and quit to see what the server would change; nothing is sent before you confirm.',
    'Quit without changes to cancel. Status and server-set fields are left out and kept as they are.',
    ...(kind.id === 'secrets' ? ['Secret values are shown decoded under stringData and stored base64-encoded in data.'] : []),
    ...notes,
  ];
  return `${header.map((l) => `# ${l}`).join('\n')}\n#\n${toYaml(editableObject(obj, kind) as any)}`;
}

/** The same text with an error on top (as kubectl does), the person's own lines kept below. */
export function withError(text: string, error: string): string {
  const body = text.split('\n').filter((l, i, all) => !(l.startsWith('# kdash: ') && all.slice(0, i).every((x) => x.startsWith('#'))));
  return [`# kdash: ${error.split('\n').join('\n# kdash: ')}`, '# kdash: fix it and save again, or empty the file to cancel.', ...body].join('\n');
}

export type ReadBack = { kind: 'cancel' } | { kind: 'error'; message: string } | { kind: 'object'; object: Obj };

/** Reads the saved text back: comments and an empty file cancel, errors name the line. */
export function readEdited(text: string, original: Obj, kind: ResourceKind): ReadBack {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return { kind: 'cancel' };
  const real = docs.filter((d) => d.contents !== null || d.errors.length);
  if (real.length === 0) return { kind: 'cancel' };
  for (const d of real) {
    if (d.errors.length) {
      const e = d.errors[0];
      const at = e.linePos?.[0] ? `line ${e.linePos[0].line}: ` : '';
      return { kind: 'error', message: `YAML error: ${at}${e.message.split('\n')[0]}` };
    }
  }
  if (real.length > 1) return { kind: 'error', message: 'the file holds more than one YAML document; edit one object' };
  const object = real[0].toJS() as Obj;
  if (!object || typeof object !== 'object' || Array.isArray(object)) return { kind: 'error', message: 'the file must hold one object (a YAML mapping)' };
  const was = editableObject(original, kind);
  for (const f of ['apiVersion', 'kind'] as const) {
    if (object[f] !== was[f]) return { kind: 'error', message: `${f} cannot be changed (was ${was[f]}, now ${object[f] ?? 'missing'})` };
  }
  const name = meta(object).name;
  if (name !== meta(original).name) return { kind: 'error', message: `metadata.name cannot be changed (was ${meta(original).name}, now ${name ?? 'missing'})` };
  const ns = meta(object).namespace;
  if (kind.namespaced && ns !== undefined && ns !== meta(original).namespace) {
    return { kind: 'error', message: `metadata.namespace cannot be changed (was ${meta(original).namespace}, now ${ns})` };
  }
  return { kind: 'object', object };
}

/** The body of the update: the edited object with the server-set metadata of the version edited. */
export function updateBody(edited: Obj, base: Obj, kind: ResourceKind): Obj {
  const stored = storedForm(edited, kind);
  const m: Record<string, any> = { ...meta(stored) };
  for (const k of SERVER_META) if (meta(base)[k] !== undefined) m[k] = meta(base)[k];
  if (kind.namespaced) m.namespace = meta(base).namespace;
  const body: Obj = { ...stored, metadata: m };
  if (base.status !== undefined) body.status = base.status;
  return body;
}

/** Paths whose values are never shown (a Secret's). */
export function secretMask(kind: ResourceKind): ((p: PathStep[]) => boolean) | undefined {
  return kind.id === 'secrets' ? (p) => p[0] === 'data' || p[0] === 'stringData' : undefined;
}

export interface EditPlan {
  ref: TargetRef;
  /** The version the person edited (its resourceVersion makes the update conditional). */
  base: Obj;
  /** What will be sent. */
  body: Obj;
  /** The changes the server would make (from its dry-run answer), by field path. */
  changes: FieldChange[];
  lines: DiffLine[];
  /** The server's Warning headers. */
  warnings: string[];
  /** The server refused the dry run (validation, admission, quota): its words. */
  refused?: string;
  /** kdash's quota projection for the pods of a workload whose replicas or requests grow. */
  quota?: string;
}

/** Pure: the comparable form of two versions (what a person can change; a Secret in its stored form). */
function comparable(o: Obj, kind: ResourceKind): Obj {
  return storedForm(editableObject(o, kind), kind);
}

/** Pure: the person's own changes, from the version edited to their text. */
export function ownChanges(base: Obj, edited: Obj, kind: ResourceKind): FieldChange[] {
  return objectDiff(comparable(base, kind), storedForm(edited, kind));
}

/** Workloads with a pod template and replicas (deployments, stateful sets, replica sets). */
function podSet(o: Obj): { template: any; replicas: number } | undefined {
  if (!o.spec?.template) return undefined;
  return { template: o.spec.template, replicas: Number(o.spec.replicas ?? 1) };
}

/** The dry run of the update and what it would change; a refusal is part of the plan, not a throw. */
export async function planEdit(api: Api, ref: TargetRef, base: Obj, edited: Obj): Promise<EditPlan> {
  const kind = editKind(ref);
  const body = updateBody(edited, base, kind);
  const warnings: string[] = [];
  const plan: EditPlan = { ref, base, body, changes: [], lines: [], warnings };
  let result: Obj = body;
  try {
    result = await api.objects.replace(kind, ref.namespace, ref.name, body, { dryRun: true, onWarning: (w) => warnings.push(w) });
  } catch (e) {
    plan.refused = errorMessage(e);
  }
  plan.changes = objectDiff(comparable(base, kind), comparable(result, kind));
  plan.lines = diffLines(plan.changes, secretMask(kind));
  const before = podSet(base);
  const after = podSet(result);
  if (before && after && kind.namespaced) {
    // A user who may not list quotas simply gets no projection; the server still enforces the quota.
    const quotas = await api.objects.list(builtinKind('resourcequotas'), ref.namespace).catch(() => [] as Obj[]);
    plan.quota = quotaProjection(before, after, quotas);
  }
  return plan;
}

export type EditOutcome =
  | { kind: 'applied'; object: Obj; message: string }
  | { kind: 'conflict'; current: Obj; theirs: DiffLine[]; message: string }
  | { kind: 'failed'; message: string };

/** The update, conditional on the version edited: a change meanwhile comes back as a conflict with it. */
export async function applyEdit(api: Api, plan: EditPlan): Promise<EditOutcome> {
  const kind = editKind(plan.ref);
  const { ref } = plan;
  try {
    const object = await api.objects.replace(kind, ref.namespace, ref.name, plan.body);
    return { kind: 'applied', object, message: `${refName(ref)} edited` };
  } catch (e) {
    if (!isConflict(e)) return { kind: 'failed', message: errorMessage(e) };
    try {
      const current = await readTarget(ref, () => api.objects.get(kind, ref.namespace, ref.name));
      const theirs = diffLines(objectDiff(comparable(plan.base, kind), comparable(current, kind)), secretMask(kind));
      return { kind: 'conflict', current, theirs, message: `${refName(ref)} was changed by someone else since you opened it; nothing was sent over their change` };
    } catch (again) {
      return { kind: 'failed', message: errorMessage(again) };
    }
  }
}

/** The person's edit carried onto the current version (after a conflict), as text to edit again. */
export function rebaseText(base: Obj, edited: Obj, current: Obj, kind: ResourceKind, theirs: DiffLine[]): string {
  const mine = ownChanges(base, edited, kind);
  const merged = applyChanges(comparable(current, kind), mine) as Obj;
  const onTop = { ...current, ...merged, metadata: { ...meta(current), ...meta(merged) }, status: current.status };
  const notes = [
    'Someone else changed this object while you edited it. Their change:',
    ...theirs.map((l) => `  ${l.sign} ${l.text}`),
    'Your changes are applied again below, on top of the current version: check them and save.',
  ];
  return editText(onTop, kind, notes);
}

/** The descriptor of the target's kind; every kind kdash shows can be edited. */
export function editKind(ref: TargetRef): ResourceKind {
  const k = kindOf(ref.kind);
  if (!k) throw new Error(`kdash does not know the kind ${ref.kind}`);
  return k;
}

/** Reads the object to edit (the person's choice, by uid). */
export async function readForEdit(api: Api, ref: TargetRef): Promise<Obj> {
  const kind = editKind(ref);
  return readTarget(ref, () => api.objects.get(kind, ref.namespace, ref.name));
}
