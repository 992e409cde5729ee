// What kube-apiserver's decoder does with a JSON body before any registry code sees it: quantities
// that do not parse fail the request (400), and unknown fields are handled as the fieldValidation
// query parameter asks: Strict → 400 naming every unknown field, Warn (the server's default) → one
// `Warning: 299` header per field and the fields dropped, Ignore → dropped silently.
import { checkCustomObject } from './crd.js';
import { addWarnings, type Ctx } from './http.js';
import { decodeCheck, kindType } from './schema/schema.js';
import { badRequest, invalid } from './status.js';
import { SimError, type KubeObject, type SimKind } from './types.js';

const MODES = ['Ignore', 'Warn', 'Strict'];

export function decodeBody(ctx: Ctx, obj: unknown): void {
  if (ctx.contentType.startsWith('application/vnd.kubernetes.protobuf')) return;
  const mode = ctx.query.get('fieldValidation') || 'Warn';
  if (!MODES.includes(mode)) {
    throw new SimError(400, 'BadRequest', `fieldValidation: Unsupported value: ${JSON.stringify(mode)}: supported values: "Ignore", "Strict", "Warn"`);
  }
  const custom = ctx.kind.custom;
  const t = custom ? undefined : kindType(ctx.kind.group, ctx.kind.kind);
  if (!t && !custom) return;
  // A custom resource's unknown fields are those its CRD's structural schema does not declare.
  const r = t ? decodeCheck(t, obj, mode !== 'Strict') : checkCustomObject(custom!.schema, obj as Record<string, any>, mode !== 'Strict');
  const prefix = `${ctx.kind.kind} in version "${ctx.kind.version}" cannot be handled as a ${ctx.kind.kind}: `;
  if ('quantity' in r && r.quantity) throw badRequest(prefix + r.quantity);
  if (!r.unknown.length) return;
  // In the order they appear in the body, as kube-apiserver's decoder meets them.
  const texts = r.unknown.map((p) => `unknown field "${p}"`);
  if (mode === 'Strict') throw badRequest(`${prefix}strict decoding error: ${texts.join(', ')}`);
  if (mode === 'Warn') addWarnings(ctx.res, texts);
}

/** The value types of a custom object against its CRD's schema: 422 with the OpenAPI validator's wording. */
export function validateCustomObject(kind: SimKind, obj: KubeObject): void {
  const { causes } = checkCustomObject(kind.custom?.schema, structuredClone(obj), false);
  if (causes.length) throw invalid(kind.kind, kind.group, obj.metadata.name ?? '', causes);
}
