// Label selectors for picking a workload's pods out of a pod list (the store's or a poll's).
// Mirrors the semantics of apimachinery labels.Selector: matchLabels AND matchExpressions, and the
// string form ("app=web,tier!=db,env in (a,b),!legacy") that kubectl -l accepts.

export type Requirement =
  | { key: string; op: 'In' | 'NotIn'; values: string[] }
  | { key: string; op: 'Exists' | 'DoesNotExist' };

export type Selector = Requirement[];

/** From a LabelSelector object (spec.selector of deployments etc.). Undefined selector → matches nothing. */
export function fromLabelSelector(sel: any): Selector | undefined {
  if (!sel || typeof sel !== 'object') return undefined;
  const reqs: Selector = [];
  for (const [key, value] of Object.entries<string>(sel.matchLabels ?? {})) reqs.push({ key, op: 'In', values: [String(value)] });
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === 'In' || e.operator === 'NotIn') reqs.push({ key: e.key, op: e.operator, values: (e.values ?? []).map(String) });
    else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') reqs.push({ key: e.key, op: e.operator });
  }
  return reqs;
}

/** From a service's spec.selector map (equality only). An empty map selects nothing (like kubectl). */
export function fromMap(map: Record<string, string> | undefined): Selector | undefined {
  if (!map || Object.keys(map).length === 0) return undefined;
  return Object.entries(map).map(([key, v]) => ({ key, op: 'In', values: [String(v)] }));
}

/** Parses kubectl's string form. Throws Error with a one-line message on bad syntax. */
export function parseSelector(text: string): Selector {
  const reqs: Selector = [];
  // Split on commas that are not inside parentheses.
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    if (!p) continue;
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) {
      const values = m[3].split(',').map((v) => v.trim()).filter(Boolean);
      reqs.push({ key: m[1], op: m[2] === 'in' ? 'In' : 'NotIn', values });
    } else if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(p))) {
      reqs.push({ key: m[1], op: m[2] === '!=' ? 'NotIn' : 'In', values: [m[3]] });
    } else if ((m = /^!\s*([\w./-]+)$/.exec(p))) {
      reqs.push({ key: m[1], op: 'DoesNotExist' });
    } else if ((m = /^([\w./-]+)$/.exec(p))) {
      reqs.push({ key: m[1], op: 'Exists' });
    } else {
      throw new Error(`invalid label selector "${text}"`);
    }
  }
  return reqs;
}

export function matches(sel: Selector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return sel.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'In':
        return has && r.values.includes(l[r.key]);
      case 'NotIn':
        return !has || !r.values.includes(l[r.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
    }
  });
}

/** The string form, for list requests (labelSelector=…). */
export function formatSelector(sel: Selector): string {
  return sel
    .map((r) => {
      if (!('values' in r)) return r.op === 'Exists' ? r.key : `!${r.key}`;
      const { values } = r;
      if (values.length === 1) return `${r.key}${r.op === 'In' ? '=' : '!='}${values[0]}`;
      return `${r.key} ${r.op === 'In' ? 'in' : 'notin'} (${values.join(',')})`;
    })
    .join(',');
}
