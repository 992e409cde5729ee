// The OpenAPI documents kubectl reads, generated from the schemas in schema/definitions.ts:
// /openapi/v3 (an index of group versions) and /openapi/v3/<gv> (kubectl explain, client-side apply's
// patch strategy, and whether the server validates fields itself: the fieldValidation parameter of
// PATCH), and /openapi/v2 as JSON (one document with every definition).
import { createHash } from 'node:crypto';
import { KINDS } from './kinds.js';
import { TYPES, type Field, type FieldType, type TypeDef } from './schema/schema.js';
import type { SimKind } from './types.js';
import { SERVER_VERSION } from './version.js';

const PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];

/** Types that are not in definitions.ts because they are scalars on the wire. */
const LEAVES: Record<string, { name: string; schema: Record<string, unknown> }> = {
  quantity: { name: 'io.k8s.apimachinery.pkg.api.resource.Quantity', schema: { type: 'string', description: 'A fixed-point number with a suffix: 100m, 1.5, 128Mi, 2Gi.' } },
  intstr: { name: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString', schema: { type: 'string', format: 'int-or-string', description: 'An integer or a string (a number or a percent, a port number or name).' } },
  time: { name: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time', schema: { type: 'string', format: 'date-time', description: 'An RFC 3339 date and time, in UTC.' } },
};

type Flavor = 'v2' | 'v3';
const refTo = (flavor: Flavor, name: string) => (flavor === 'v3' ? `#/components/schemas/${name}` : `#/definitions/${name}`);

function typeSchema(t: FieldType, flavor: Flavor, used: Set<string>, description?: string): Record<string, unknown> {
  const d = description ? { description } : {};
  switch (t.kind) {
    case 'scalar': {
      const leaf = LEAVES[t.name];
      if (leaf) {
        used.add(leaf.name);
        const ref = refTo(flavor, leaf.name);
        return flavor === 'v3' ? { ...d, allOf: [{ $ref: ref }] } : { ...d, $ref: ref };
      }
      if (t.name === 'integer') return { ...d, type: 'integer', format: 'int32' };
      if (t.name === 'int64') return { ...d, type: 'integer', format: 'int64' };
      if (t.name === 'number') return { ...d, type: 'number', format: 'double' };
      if (t.name === 'bytes') return { ...d, type: 'string', format: 'byte' };
      return { ...d, type: t.name };
    }
    case 'object':
      return { ...d, type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    case 'map':
      return { ...d, type: 'object', additionalProperties: typeSchema(t.of, flavor, used) };
    case 'list':
      return { ...d, type: 'array', items: typeSchema(t.of, flavor, used) };
    case 'ref': {
      const def = TYPES.get(t.name)!;
      used.add(def.full);
      const ref = refTo(flavor, def.full);
      return flavor === 'v3' ? { ...d, default: {}, allOf: [{ $ref: ref }] } : { ...d, $ref: ref };
    }
  }
}

function fieldSchema(f: Field, flavor: Flavor, used: Set<string>): Record<string, unknown> {
  const s = typeSchema(f.type, flavor, used, f.description);
  if (f.type.kind !== 'list') return s;
  if (f.mergeKey) {
    Object.assign(s, { 'x-kubernetes-list-map-keys': [f.mergeKey], 'x-kubernetes-list-type': 'map', 'x-kubernetes-patch-merge-key': f.mergeKey, 'x-kubernetes-patch-strategy': 'merge' });
  } else if (f.set) {
    Object.assign(s, { 'x-kubernetes-list-type': 'set', 'x-kubernetes-patch-strategy': 'merge' });
  } else {
    s['x-kubernetes-list-type'] = 'atomic';
  }
  return s;
}

function definition(t: TypeDef, flavor: Flavor, used: Set<string>): Record<string, unknown> {
  const properties = Object.fromEntries([...t.fields.values()].map((f) => [f.name, fieldSchema(f, flavor, used)]));
  const required = [...t.fields.values()].filter((f) => f.required).map((f) => f.name);
  const s: Record<string, unknown> = { description: t.description, type: 'object', properties };
  if (required.length) s.required = required;
  if (t.atomic) s['x-kubernetes-map-type'] = 'atomic';
  if (t.gv) s['x-kubernetes-group-version-kind'] = [{ group: t.gv.group, kind: t.gv.kind, version: t.gv.version }];
  return s;
}

/** The definitions reachable from `roots`, by OpenAPI name. */
function definitions(roots: TypeDef[], flavor: Flavor): Record<string, unknown> {
  const byFull = new Map([...TYPES.values()].map((t) => [t.full, t]));
  const leafByName = new Map(Object.values(LEAVES).map((l) => [l.name, l.schema]));
  const out: Record<string, unknown> = {};
  const queue = roots.map((t) => t.full);
  while (queue.length) {
    const name = queue.shift()!;
    if (name in out) continue;
    const leaf = leafByName.get(name);
    if (leaf) {
      out[name] = leaf;
      continue;
    }
    const used = new Set<string>();
    out[name] = definition(byFull.get(name)!, flavor, used);
    queue.push(...used);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function gvPath(k: { group: string; version: string }): string {
  return k.group ? `apis/${k.group}/${k.version}` : `api/${k.version}`;
}

function objectPath(k: SimKind): string {
  const base = `/${gvPath(k)}`;
  return k.namespaced ? `${base}/namespaces/{namespace}/${k.plural}/{name}` : `${base}/${k.plural}/{name}`;
}

const servedTypes = (gv: string) => [...TYPES.values()].filter((t) => t.gv && gvPath(t.gv) === gv);

/** The OpenAPI name the apiextensions server gives a custom kind: the group reversed, the version, the kind. */
const customName = (k: SimKind) => `${k.group.split('.').reverse().join('.')}.${k.version}.${k.kind}`;

/** A custom kind's schema as published: its CRD's structural schema, with the standard type and object metadata. */
function customDefinitions(kinds: SimKind[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of kinds) {
    const schema: Record<string, any> = structuredClone(k.custom?.schema ?? { type: 'object' });
    schema.properties = {
      apiVersion: { type: 'string', description: 'The versioned schema of this representation of the object (group/version).' },
      kind: { type: 'string', description: 'The REST resource this object represents, in CamelCase.' },
      metadata: { description: "Standard object's metadata.", allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }] },
      ...(schema.properties ?? {}),
    };
    schema['x-kubernetes-group-version-kind'] = [{ group: k.group, kind: k.kind, version: k.version }];
    out[customName(k)] = schema;
  }
  return out;
}

function gvDoc(gv: string, extra: readonly SimKind[] = []): object | undefined {
  const custom = extra.filter((k) => gvPath(k) === gv);
  const kinds = [...KINDS.filter((k) => gvPath(k) === gv), ...custom];
  if (!kinds.length) return undefined;
  const paths: Record<string, unknown> = {};
  for (const k of kinds) {
    const gvk = { group: k.group, version: k.version, kind: k.kind };
    paths[objectPath(k)] = {
      patch: {
        description: `partially update the specified ${k.kind}`,
        operationId: `patch${k.kind}`,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': gvk,
        parameters: ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({ name, in: 'query', schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true } })),
        requestBody: { content: Object.fromEntries(PATCH_TYPES.map((t) => [t, { schema: { type: 'object' } }])), required: true },
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  const meta = custom.length ? definitions([TYPES.get('ObjectMeta')!], 'v3') : {};
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: SERVER_VERSION.gitVersion }, paths, components: { schemas: { ...definitions(servedTypes(gv), 'v3'), ...meta, ...customDefinitions(custom) } } };
}

const hashOf = (s: string) => createHash('sha512').update(s).digest('hex').slice(0, 64).toUpperCase();

/** The document for an /openapi/v3[...] path, or undefined (→ 404). `extra`: the kinds CRDs serve, published too. */
export function openApiV3(path: string, extra: readonly SimKind[] = []): object | undefined {
  if (path === '/openapi/v3') {
    const gvs = [...new Set([...KINDS, ...extra].map(gvPath))];
    return { paths: Object.fromEntries(gvs.map((gv) => [gv, { serverRelativeURL: `/openapi/v3/${gv}?hash=${hashOf(JSON.stringify(gvDoc(gv, extra)))}` }])) };
  }
  const m = /^\/openapi\/v3\/(.+)$/.exec(path);
  return m ? gvDoc(m[1], extra) : undefined;
}

/** /openapi/v2 as JSON: every definition of every served kind. */
export function openApiV2(): object {
  const roots = [...TYPES.values()].filter((t) => t.gv);
  return { swagger: '2.0', info: { title: 'Kubernetes', version: SERVER_VERSION.gitVersion }, paths: {}, definitions: definitions(roots, 'v2') };
}
