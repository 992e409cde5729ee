// `y` view: the object as `kubectl get -o yaml` prints it, without managedFields (noise nobody reads).
// kubectl goes JSON → go-yaml v2, so we mirror its visible choices: keys sorted at every level,
// sequences not indented under their key, strings YAML 1.1 would read as another type ("true",
// timestamps, "1:20") double-quoted, other unsafe strings single-quoted and folded past column 80.
import { Document, Scalar, isScalar, parseDocument, visit } from 'yaml';
import type { KObj, ResourceKind } from './types.js';
import { apiVersionOf } from './serverTable.js';
import { secretYamlForm } from './secretData.js';

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = sortKeys(o[k]);
    return out;
  }
  return v;
}

// go-yaml: a string that would resolve to a non-string as a plain scalar is written double-quoted.
function resolvesToOtherType(s: string): boolean {
  if (s.includes('\n')) return false;
  if (s === '') return true;
  const doc = parseDocument(s, { version: '1.1' });
  return doc.errors.length === 0 && isScalar(doc.contents) && typeof doc.contents.value !== 'string';
}

// go-yaml's emitter breaks a single-quoted scalar at a space once the line is past 80 columns,
// continuing two columns right of the key.
function foldSingleQuoted(line: string): string {
  const m = /^( *(?:- )*)([^'"\s][^']*?: )'((?:[^']|'')*)'$/.exec(line);
  if (!m || line.length <= 80) return line;
  const [, lead, key, body] = m;
  const indent = ' '.repeat(lead.length + 2);
  let out = `${lead}${key}'`;
  let col = out.length;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === ' ' && i > 0 && i < body.length - 1 && body[i - 1] !== ' ' && body[i + 1] !== ' ' && col > 80) {
      out += `\n${indent}`;
      col = indent.length;
      continue;
    }
    out += c;
    col++;
  }
  return `${out}'`;
}

/**
 * The object as YAML. Objects from a list carry no apiVersion/kind; pass the descriptor to fill
 * them in as kubectl shows them.
 */
export function toYaml(obj: KObj, kind?: ResourceKind): string {
  const { managedFields: _drop, ...metadata } = obj.metadata ?? ({} as KObj['metadata']);
  // A secret's values are not kdash's to print: its keys with their sizes instead.
  const shown = (kind?.kind ?? obj.kind) === 'Secret' ? secretYamlForm(obj) : obj;
  const full: Record<string, unknown> = { ...shown, metadata };
  if (kind && !full.apiVersion) full.apiVersion = apiVersionOf(kind);
  if (kind && !full.kind) full.kind = kind.kind;
  const doc = new Document(sortKeys(full), { version: '1.1', aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && resolvesToOtherType(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const text = doc.toString({ indentSeq: false, lineWidth: 0, singleQuote: true });
  return text.split('\n').map(foldSingleQuoted).join('\n');
}
