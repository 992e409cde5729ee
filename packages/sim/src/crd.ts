// CustomResourceDefinitions (apiextensions.k8s.io/v1), as the apiextensions server does them: a CRD
// is defaulted, validated and marked Established when it is created, and from then on each of its
// served versions is a kind of this server (discovery, CRUD, list/watch, Tables with its printer
// columns, the status and scale subresources it declares). Bodies are checked against the version's
// structural schema: unknown fields (pruned, or refused under fieldValidation=Strict) and value types.
// Deleting a CRD deletes its objects.
import { resourceKey } from './kinds.js';
import { invalid, type FieldCause } from './status.js';
import type { SimStore } from './store.js';
import type { KubeObject, SimKind } from './types.js';
import { dns1123LabelErrors, dns1123SubdomainErrors } from './validation.js';

export const CRD_RESOURCE = 'customresourcedefinitions.apiextensions.k8s.io';

/** The verbs kube-apiserver reports for a custom resource, in its order. */
const CUSTOM_VERBS = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

function established(crd: KubeObject): boolean {
  return (crd.status?.conditions ?? []).some((c: any) => c.type === 'Established' && c.status === 'True') && !crd.metadata.deletionTimestamp;
}

/** The kinds the CRD serves, one per served version. */
export function kindsOfCrd(crd: KubeObject): SimKind[] {
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  return (spec.versions ?? [])
    .filter((v: any) => v.served)
    .map((v: any): SimKind => {
      const subs: Array<'status' | 'scale'> = [];
      if (v.subresources?.status) subs.push('status');
      if (v.subresources?.scale) subs.push('scale');
      return {
        group: spec.group,
        version: v.name,
        plural: names.plural,
        singular: names.singular ?? String(names.kind ?? '').toLowerCase(),
        kind: names.kind,
        namespaced: spec.scope === 'Namespaced',
        ...(names.shortNames?.length ? { shortNames: names.shortNames } : {}),
        ...(names.categories?.length ? { categories: names.categories } : {}),
        ...(subs.length ? { subresources: subs } : {}),
        verbs: CUSTOM_VERBS,
        custom: {
          crd: crd.metadata.name!,
          printerColumns: v.additionalPrinterColumns ?? [],
          schema: v.schema?.openAPIV3Schema,
          ...(v.subresources?.scale ? { scale: v.subresources.scale } : {}),
        },
      };
    });
}

/** Every kind the established CRDs of this cluster serve. */
export function crdKinds(store: SimStore): SimKind[] {
  return store.entries(CRD_RESOURCE).flatMap((e) => (established(e.obj) ? kindsOfCrd(e.obj) : []));
}

export function findCustomKind(store: SimStore, group: string, version: string, plural: string): SimKind | undefined {
  const crd = store.entry(CRD_RESOURCE, undefined, `${plural}.${group}`)?.obj;
  if (!crd || !established(crd)) return undefined;
  return kindsOfCrd(crd).find((k) => k.version === version);
}

/** The custom kind stored under a resource key ('widgets.example.com'), whatever version. */
export function customKindOf(store: SimStore, resource: string): SimKind | undefined {
  const crd = store.entry(CRD_RESOURCE, undefined, resource)?.obj;
  return crd ? kindsOfCrd(crd)[0] : undefined;
}

// ---------- admission of the CRD itself ----------

/** Defaulting and the validation a student meets most (names, versions), with kube-apiserver's messages. */
export function admitCrd(crd: KubeObject, now: number, isCreate: boolean): void {
  const spec = (crd.spec ??= {});
  const names = (spec.names ??= {});
  if (names.kind && !names.singular) names.singular = String(names.kind).toLowerCase();
  if (names.kind && !names.listKind) names.listKind = `${names.kind}List`;
  spec.conversion ??= { strategy: 'None' };
  const causes: FieldCause[] = [];
  const name = crd.metadata.name ?? '';
  if (name !== `${names.plural}.${spec.group}`) causes.push({ field: 'metadata.name', type: 'FieldValueInvalid', message: `Invalid value: "${name}": must be spec.names.plural+"."+spec.group` });
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') causes.push({ field: 'spec.scope', type: 'FieldValueNotSupported', message: `Unsupported value: "${spec.scope ?? ''}": supported values: "Cluster", "Namespaced"` });
  if (!spec.group) causes.push({ field: 'spec.group', type: 'FieldValueRequired', message: 'Required value' });
  else if (dns1123SubdomainErrors(spec.group).length || !String(spec.group).includes('.')) causes.push({ field: 'spec.group', type: 'FieldValueInvalid', message: `Invalid value: "${spec.group}": should be a domain with at least one dot` });
  if (!names.plural) causes.push({ field: 'spec.names.plural', type: 'FieldValueRequired', message: 'Required value' });
  else if (dns1123LabelErrors(names.plural).length) causes.push({ field: 'spec.names.plural', type: 'FieldValueInvalid', message: `Invalid value: "${names.plural}": ${dns1123LabelErrors(names.plural)[0]}` });
  if (!names.kind) causes.push({ field: 'spec.names.kind', type: 'FieldValueRequired', message: 'Required value' });
  const versions: any[] = Array.isArray(spec.versions) ? spec.versions : [];
  if (!versions.length) causes.push({ field: 'spec.versions', type: 'FieldValueInvalid', message: 'Invalid value: []apiextensions.CustomResourceDefinitionVersion(nil): must have exactly one version marked as storage version' });
  else if (versions.filter((v) => v.storage).length !== 1) causes.push({ field: 'spec.versions', type: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(versions.map((v) => v.name))}: must have exactly one version marked as storage version` });
  versions.forEach((v, i) => {
    if (!v.schema?.openAPIV3Schema) causes.push({ field: `spec.versions[${i}].schema.openAPIV3Schema`, type: 'FieldValueRequired', message: 'Required value: schemas are required' });
  });
  if (causes.length) throw invalid('CustomResourceDefinition', 'apiextensions.k8s.io', name, causes);
  if (!isCreate) return;
  const at = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const accepted = { ...names };
  crd.status = {
    acceptedNames: accepted,
    conditions: [
      { lastTransitionTime: at, message: 'no conflicts found', reason: 'NoConflicts', status: 'True', type: 'NamesAccepted' },
      { lastTransitionTime: at, message: 'the initial names have been accepted', reason: 'InitialNamesAccepted', status: 'True', type: 'Established' },
    ],
    storedVersions: versions.filter((v) => v.storage).map((v) => v.name),
  };
}

/** Deleting a CRD deletes every object it served (the apiextensions server's cleanup finalizer does). */
export function cleanUpCustomObjects(store: SimStore): () => void {
  return store.subscribe((ev) => {
    if (ev.resource !== CRD_RESOURCE || ev.type !== 'DELETED') return;
    const kinds = kindsOfCrd(ev.object);
    if (!kinds.length) return;
    const key = resourceKey(kinds[0]);
    // After the event that announced the CRD's deletion, not inside it.
    queueMicrotask(() => {
      for (const e of [...store.entries(key)]) store.remove(key, e.obj.metadata.namespace, e.obj.metadata.name!);
    });
  });
}

// ---------- structural schema checks of custom objects ----------

export interface CustomDecodeResult {
  unknown: string[];
  /** Value type errors (422 causes). */
  causes: FieldCause[];
}

const TYPE_NAMES: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  object: (v) => isObj(v),
  array: (v) => Array.isArray(v),
};

const goType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v);

/**
 * Walks a custom object against its structural schema: fields the schema does not declare (outside
 * x-kubernetes-preserve-unknown-fields) are unknown (and removed with `prune`), values of the wrong type
 * are 422 causes worded as kube-apiserver's OpenAPI validator words them.
 */
export function checkCustomObject(schema: Record<string, any> | undefined, body: Record<string, any>, prune: boolean): CustomDecodeResult {
  const out: CustomDecodeResult = { unknown: [], causes: [] };
  if (!schema) return out;
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
  const walk = (v: unknown, s: Record<string, any> | undefined, path: string, root = false): void => {
    if (!s || v === null || v === undefined) return;
    if (s['x-kubernetes-int-or-string']) return;
    const t = s.type as string | undefined;
    if (t && TYPE_NAMES[t] && !TYPE_NAMES[t](v) && !(t === 'number' && typeof v === 'number')) {
      out.causes.push({ field: path, type: 'FieldValueTypeInvalid', message: `Invalid value: "${goType(v)}": ${path} in body must be of type ${t}: "${goType(v)}"` });
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, s.items, `${path}[${i}]`));
      return;
    }
    if (!isObj(v)) return;
    if (typeof s.additionalProperties === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, s.additionalProperties, join(path, k));
      return;
    }
    const props: Record<string, any> = s.properties ?? {};
    for (const [k, x] of Object.entries(v)) {
      if (root && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) continue;
      if (props[k]) {
        walk(x, props[k], join(path, k));
        continue;
      }
      if (s['x-kubernetes-preserve-unknown-fields'] || s.additionalProperties === true) continue;
      out.unknown.push(join(path, k));
      if (prune) delete v[k];
    }
  };
  walk(body, schema, '', true);
  return out;
}
