// Label selectors as kubectl and the API server read them (apimachinery pkg/labels):
// equality (`a=b`, `a==b`, `a!=b`), set-based (`a in (x,y)`, `a notin (z)`), existence (`a`, `!a`)
// and the numeric `a>1` / `a<5`. Used by the `-l` filter and by drill-downs.

export type Operator = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | '>' | '<';

export interface Requirement {
  key: string;
  op: Operator;
  values: string[];
}

export class SelectorError extends Error {}

// Qualified name with optional DNS prefix, as in apimachinery validation.IsQualifiedName (loosely).
const KEY_RE = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE_RE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/** Parses a selector string; throws SelectorError with a one-line message on bad syntax. */
export function parseSelector(input: string): Requirement[] {
  const reqs: Requirement[] = [];
  for (const part of splitTopLevel(input)) {
    const p = part.trim();
    if (p === '') {
      if (input.trim() === '') continue;
      throw new SelectorError(`invalid label selector "${input}": empty requirement`);
    }
    reqs.push(parseRequirement(p, input));
  }
  return reqs;
}

// Commas separate requirements except inside "( ... )".
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function parseRequirement(p: string, whole: string): Requirement {
  const bad = (why: string) => new SelectorError(`invalid label selector "${whole}": ${why}`);
  const checkKey = (k: string) => {
    if (!KEY_RE.test(k)) throw bad(`invalid key "${k}"`);
    return k;
  };
  const checkValue = (v: string) => {
    if (!VALUE_RE.test(v) || v.length > 63) throw bad(`invalid value "${v}"`);
    return v;
  };
  if (p.startsWith('!')) return { key: checkKey(p.slice(1).trim()), op: '!', values: [] };
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(p);
  if (set) {
    const values = set[3].split(',').map((v) => checkValue(v.trim()));
    if (values.length === 1 && values[0] === '' && set[3].trim() === '') throw bad(`"${set[2]}" needs at least one value`);
    return { key: checkKey(set[1]), op: set[2] as Operator, values };
  }
  const eq = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/.exec(p);
  if (eq) {
    const op = (eq[2] === '==' ? '=' : eq[2]) as Operator;
    const value = eq[3].trim();
    if ((op === '>' || op === '<') && !/^-?\d+$/.test(value)) throw bad(`"${op}" needs an integer`);
    return { key: checkKey(eq[1]), op, values: [checkValue(value)] };
  }
  if (/\s/.test(p)) throw bad(`cannot parse "${p}"`);
  return { key: checkKey(p), op: 'exists', values: [] };
}

/** apimachinery Requirement.Matches: `!=` and `notin` also match objects without the label. */
export function matchesRequirement(r: Requirement, labels: Record<string, string> | undefined): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels![r.key] : undefined;
  switch (r.op) {
    case '=':
    case 'in':
      return has && r.values.includes(v!);
    case '!=':
    case 'notin':
      return !has || !r.values.includes(v!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case '>':
    case '<': {
      if (!has || !/^-?\d+$/.test(v!)) return false;
      const n = Number(v);
      const bound = Number(r.values[0]);
      return r.op === '>' ? n > bound : n < bound;
    }
  }
}

/** True when all requirements hold (an empty selector matches everything). */
export function matchesSelector(reqs: Requirement[], labels: Record<string, string> | undefined): boolean {
  return reqs.every((r) => matchesRequirement(r, labels));
}

// Parsed selectors by text: filters and drill-downs match the same few selectors against many pods.
const parsedCache = new Map<string, Requirement[]>();

/** Convenience: parse (cached) then match. Throws SelectorError on bad syntax. */
export function labelsMatch(selector: string, labels: Record<string, string> | undefined): boolean {
  let reqs = parsedCache.get(selector);
  if (!reqs) {
    reqs = parseSelector(selector);
    if (parsedCache.size > 500) parsedCache.clear();
    parsedCache.set(selector, reqs);
  }
  return matchesSelector(reqs, labels);
}

export interface LabelSelectorExpression {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values?: string[];
}

const EXPRESSION_OPS = new Map<string, Operator>([
  ['In', 'in'],
  ['NotIn', 'notin'],
  ['Exists', 'exists'],
  ['DoesNotExist', '!'],
]);

/**
 * metav1.LabelSelectorAsSelector: the requirements of a LabelSelector (matchLabels as `key=value`,
 * then matchExpressions), sorted by key like apimachinery's ByKey; unknown operators are skipped.
 * A service's spec.selector is a plain map: pass it as matchLabels.
 */
export function labelSelectorRequirements(
  matchLabels?: Record<string, string> | null,
  matchExpressions?: LabelSelectorExpression[] | null,
): Requirement[] {
  const reqs: Requirement[] = [];
  for (const [key, v] of Object.entries(matchLabels ?? {})) reqs.push({ key, op: '=', values: [String(v)] });
  for (const e of matchExpressions ?? []) {
    const op = EXPRESSION_OPS.get(e.operator);
    if (!op) continue;
    reqs.push({ key: e.key, op, values: op === 'in' || op === 'notin' ? (e.values ?? []).map(String) : [] });
  }
  // Stable sort by key, as apimachinery's ByKey.
  return reqs
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.key < b.r.key ? -1 : a.r.key > b.r.key ? 1 : a.i - b.i))
    .map((x) => x.r);
}

/** labels.Selector.String() of requirements in the order given: "app=web,env in (dev,prod),!canary"
 * (set values sorted); '' when empty. parseSelector reads it back. */
export function requirementsToString(reqs: Requirement[]): string {
  return reqs
    .map((r) => {
      switch (r.op) {
        case 'in':
        case 'notin':
          return `${r.key} ${r.op} (${[...r.values].sort().join(',')})`;
        case 'exists':
          return r.key;
        case '!':
          return `!${r.key}`;
        default:
          return `${r.key}${r.op}${r.values[0]}`;
      }
    })
    .join(',');
}

/**
 * metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key, set values sorted,
 * "app=web,tier in (a,b),!canary". Empty string for an empty selector.
 */
export function selectorToString(
  matchLabels?: Record<string, string> | null,
  matchExpressions?: LabelSelectorExpression[] | null,
): string {
  return requirementsToString(labelSelectorRequirements(matchLabels, matchExpressions));
}
