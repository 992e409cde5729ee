// Reads definitions.ts into typed schemas and uses them as kube-apiserver uses its Go types when it
// decodes a request: unknown fields (fieldValidation Strict → 400, Warn → warnings, Ignore → dropped)
// and quantities that do not parse (400 while decoding, whatever fieldValidation says).
import { DEFINITIONS } from './definitions.js';

export type FieldType =
  | { kind: 'scalar'; name: 'string' | 'integer' | 'int64' | 'number' | 'boolean' | 'quantity' | 'intstr' | 'time' | 'bytes' }
  | { kind: 'object' }
  | { kind: 'map'; of: FieldType }
  | { kind: 'list'; of: FieldType }
  | { kind: 'ref'; name: string };

export interface Field {
  name: string;
  type: FieldType;
  description: string;
  required: boolean;
  /** List merge key (strategic merge patch, server-side apply list-map key). */
  mergeKey?: string;
  atomic: boolean;
  set: boolean;
}

export interface TypeDef {
  /** The name references use (unique). */
  short: string;
  /** The OpenAPI name: io.k8s.api.apps.v1.Deployment */
  full: string;
  description: string;
  /** Served kind: group and version ('' group for core). */
  gv?: { group: string; version: string; kind: string };
  atomic: boolean;
  fields: Map<string, Field>;
}

const SCALARS = new Set(['string', 'integer', 'int64', 'number', 'boolean', 'quantity', 'intstr', 'time', 'bytes']);

function parseType(t: string): FieldType {
  if (t.startsWith('[]')) return { kind: 'list', of: parseType(t.slice(2)) };
  if (t.startsWith('map:')) return { kind: 'map', of: parseType(t.slice(4)) };
  if (t === 'object') return { kind: 'object' };
  if (SCALARS.has(t)) return { kind: 'scalar', name: t as 'string' };
  return { kind: 'ref', name: t };
}

function parse(text: string): Map<string, TypeDef> {
  const types = new Map<string, TypeDef>();
  let pkg = '';
  let current: TypeDef | undefined;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [head, ...rest] = line.split(' | ');
    const description = rest.join(' | ').trim();
    if (line.startsWith('package ')) {
      pkg = line.slice(8).trim();
      continue;
    }
    const words = head.trim().split(/\s+/);
    if (!line.startsWith(' ')) {
      const [names, ...flags] = words;
      const [short, name = short] = names.split('=');
      const gvFlag = flags.find((f) => f.startsWith('@'));
      let gv: TypeDef['gv'];
      if (gvFlag) {
        const [group, version] = gvFlag.slice(1).split('/');
        gv = { group, version, kind: name };
      }
      current = { short, full: `${pkg}.${name}`, description, gv, atomic: flags.includes('atomic'), fields: new Map() };
      types.set(short, current);
      continue;
    }
    if (!current) throw new Error(`schema definitions: field before a type: ${line}`);
    const [name, type, ...flags] = words;
    const merge = flags.find((f) => f.startsWith('merge='));
    current.fields.set(name, {
      name,
      type: parseType(type),
      description,
      required: flags.includes('required'),
      mergeKey: merge?.slice(6),
      atomic: flags.includes('atomic'),
      set: flags.includes('set'),
    });
  }
  // Every kind has the standard type and object metadata fields first.
  for (const t of types.values()) {
    if (!t.gv) continue;
    const common: Array<[string, FieldType, string]> = [
      ['apiVersion', { kind: 'scalar', name: 'string' }, 'The versioned schema of this representation of the object (group/version).'],
      ['kind', { kind: 'scalar', name: 'string' }, 'The REST resource this object represents, in CamelCase.'],
      ['metadata', { kind: 'ref', name: 'ObjectMeta' }, "Standard object's metadata."],
    ];
    t.fields = new Map([...common.map(([name, type, description]): [string, Field] => [name, { name, type, description, required: false, atomic: false, set: false }]), ...t.fields]);
  }
  for (const t of types.values()) {
    for (const f of t.fields.values()) {
      let ft = f.type;
      while (ft.kind === 'list' || ft.kind === 'map') ft = ft.of;
      if (ft.kind === 'ref' && !types.has(ft.name)) throw new Error(`schema definitions: ${t.short}.${f.name} refers to unknown type ${ft.name}`);
    }
  }
  return types;
}

export const TYPES: ReadonlyMap<string, TypeDef> = parse(DEFINITIONS);

/** The schema of a served kind, e.g. ('apps', 'Deployment'). */
export function kindType(group: string, kind: string): TypeDef | undefined {
  for (const t of TYPES.values()) if (t.gv && t.gv.group === group && t.gv.kind === kind) return t;
  return undefined;
}

// ---------- decoding ----------

const QUANTITY_FORM = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const QUANTITY_SUFFIX = /^(|[numkMGTPE]|[KMGTPE]i|[eE][-+]?[0-9]+)$/;
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** resource.ParseQuantity's error for a value, or undefined when it parses. */
export function quantityError(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : QUANTITY_FORMAT_ERROR;
  if (typeof v !== 'string' || v === '') return QUANTITY_FORMAT_ERROR;
  const m = QUANTITY_FORM.exec(v);
  if (!m || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(m[1])) return QUANTITY_FORMAT_ERROR;
  if (!QUANTITY_SUFFIX.test(m[2])) return "unable to parse quantity's suffix";
  return undefined;
}

export interface DecodeResult {
  /** Paths of unknown fields, as kube-apiserver names them: spec.template.spec.containers[0].imagee */
  unknown: string[];
  /** The first quantity that does not parse. */
  quantity?: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Walks a request body against its kind's schema. With `prune`, unknown fields are removed from the
 * body (what the server stores when fieldValidation is Warn or Ignore).
 */
export function decodeCheck(t: TypeDef, body: unknown, prune: boolean): DecodeResult {
  const out: DecodeResult = { unknown: [] };
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
  const walk = (v: unknown, type: FieldType, path: string): void => {
    if (v === null || v === undefined) return;
    switch (type.kind) {
      case 'scalar':
        if (type.name === 'quantity' && out.quantity === undefined) out.quantity = quantityError(v);
        return;
      case 'object':
        return;
      case 'map':
        if (isObj(v)) for (const [k, x] of Object.entries(v)) walk(x, type.of, join(path, k));
        return;
      case 'list':
        if (Array.isArray(v)) v.forEach((x, i) => walk(x, type.of, `${path}[${i}]`));
        return;
      case 'ref': {
        const def = TYPES.get(type.name)!;
        if (!isObj(v)) return;
        for (const [k, x] of Object.entries(v)) {
          const f = def.fields.get(k);
          if (!f) {
            out.unknown.push(join(path, k));
            if (prune) delete v[k];
            continue;
          }
          walk(x, f.type, join(path, k));
        }
      }
    }
  };
  walk(body, { kind: 'ref', name: t.short }, '');
  return out;
}
