// What kube-apiserver's decoder does with a JSON body before any registry code sees it: quantities
// that do not parse fail the request (400), and unknown fields are handled as the fieldValidation
// query parameter asks: Strict → 400 naming every unknown field, Warn (the server's default) → one
// `Warning: 299` header per field and the fields dropped, Ignore → dropped silently.
import { addWarnings, type Ctx } from './http.js';
import { decodeCheck, kindType } from './schema/schema.js';
import { badRequest } from './status.js';
import { SimError } from './types.js';

const MODES = ['Ignore', 'Warn', 'Strict'];

export function decodeBody(ctx: Ctx, obj: unknown): void {
  if (ctx.contentType.startsWith('application/vnd.kubernetes.protobuf')) return;
  const t = kindType(ctx.kind.group, ctx.kind.kind);
  if (!t) return;
  const mode = ctx.query.get('fieldValidation') || 'Warn';
  if (!MODES.includes(mode)) {
    throw new SimError(400, 'BadRequest', `fieldValidation: Unsupported value: ${JSON.stringify(mode)}: supported values: "Ignore", "Strict", "Warn"`);
  }
  const r = decodeCheck(t, obj, mode !== 'Strict');
  const prefix = `${ctx.kind.kind} in version "${ctx.kind.version}" cannot be handled as a ${ctx.kind.kind}: `;
  if (r.quantity) throw badRequest(prefix + r.quantity);
  if (!r.unknown.length) return;
  // In the order they appear in the body, as kube-apiserver's decoder meets them.
  const texts = r.unknown.map((p) => `unknown field "${p}"`);
  if (mode === 'Strict') throw badRequest(`${prefix}strict decoding error: ${texts.join(', ')}`);
  if (mode === 'Warn') addWarnings(ctx.res, texts);
}
