// What changes between two versions of an object, by field path, as a person reads it:
// `spec.template.spec.containers[name=web].image: nginx:1.27 → nginx:1.28`. Lists of objects that
// carry a `name` (containers, env, ports, volumes) are matched by name, like a strategic merge does,
// so removing the first container is one removal, not a change of every later one. Pure.

/** One step of a path: a key, a list index, or a list element chosen by its name. */
export type PathStep = string | number | { name: string };

export interface FieldChange {
  path: PathStep[];
  /** Absent: the field is added. */
  before?: unknown;
  /** Absent: the field is removed. */
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Lists whose every element is an object with a distinct string name are keyed by it. */
function byName(list: unknown[]): Map<string, unknown> | undefined {
  const m = new Map<string, unknown>();
  for (const e of list) {
    if (!isObject(e) || typeof e.name !== 'string' || m.has(e.name)) return undefined;
    m.set(e.name, e);
  }
  return m;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameValue(a[k], b[k]));
  }
  return false;
}

/** The changes from `before` to `after`, leaves first-to-last in the order of `after` (removals where they were). */
export function objectDiff(before: unknown, after: unknown, path: PathStep[] = []): FieldChange[] {
  if (sameValue(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const out: FieldChange[] = [];
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const k of keys) {
      const a = before[k];
      const b = after[k];
      if (a === undefined && b === undefined) continue;
      if (a === undefined) out.push({ path: [...path, k], after: b });
      else if (b === undefined) out.push({ path: [...path, k], before: a });
      else out.push(...objectDiff(a, b, [...path, k]));
    }
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const ma = byName(before);
    const mb = byName(after);
    if (ma && mb) {
      const out: FieldChange[] = [];
      for (const [name, a] of ma) if (!mb.has(name)) out.push({ path: [...path, { name }], before: a });
      for (const [name, b] of mb) {
        if (ma.has(name)) out.push(...objectDiff(ma.get(name), b, [...path, { name }]));
        else out.push({ path: [...path, { name }], after: b });
      }
      return out;
    }
    // Lists of plain values (args, command) read best whole.
    if (before.some((v) => typeof v === 'object') || after.some((v) => typeof v === 'object')) {
      const out: FieldChange[] = [];
      for (let i = 0; i < Math.max(before.length, after.length); i++) {
        if (i >= after.length) out.push({ path: [...path, i], before: before[i] });
        else if (i >= before.length) out.push({ path: [...path, i], after: after[i] });
        else out.push(...objectDiff(before[i], after[i], [...path, i]));
      }
      return out;
    }
  }
  return [{ path, before, after }];
}

/** `spec.template.spec.containers[name=web].image`, `spec.ports[0]`, `metadata.labels["app.kubernetes.io/name"]`. */
export function pathText(path: PathStep[]): string {
  let s = '';
  for (const step of path) {
    if (typeof step === 'number') s += `[${step}]`;
    else if (typeof step === 'object') s += `[name=${step.name}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(step)) s += s ? `.${step}` : step;
    else s += `[${JSON.stringify(step)}]`;
  }
  return s || '(whole object)';
}

/** A value on one line: scalars as they are, objects and lists as compact JSON (cut at `max`). */
export function valueText(v: unknown, max = 120): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? 'null';
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export interface DiffLine {
  sign: '+' | '-' | '~';
  text: string;
}

/** One line per change; `mask` hides values (a Secret's data) while still naming the field. */
export function diffLines(changes: FieldChange[], mask?: (path: PathStep[]) => boolean): DiffLine[] {
  return changes.map((c) => {
    const p = pathText(c.path);
    const show = (v: unknown) => (mask?.(c.path) ? '(hidden)' : valueText(v));
    if (c.before === undefined) return { sign: '+', text: `${p}: ${show(c.after)}` };
    if (c.after === undefined) return { sign: '-', text: `${p}: ${show(c.before)}` };
    return { sign: '~', text: `${p}: ${show(c.before)} → ${show(c.after)}` };
  });
}

/** Applies changes (from objectDiff) to a copy of `target`: a person's edit carried onto a newer version. */
export function applyChanges(target: unknown, changes: FieldChange[]): unknown {
  const root = structuredClone(target) as Record<string, unknown>;
  for (const c of changes) {
    if (c.path.length === 0) return structuredClone(c.after);
    let node: any = root;
    for (let i = 0; i < c.path.length - 1; i++) {
      const next = locate(node, c.path[i], c.after !== undefined);
      if (next === undefined) {
        node = undefined;
        break;
      }
      node = next;
    }
    if (node === undefined) continue;
    const last = c.path[c.path.length - 1];
    if (typeof last === 'object') {
      if (!Array.isArray(node)) continue;
      const i = node.findIndex((e: any) => e?.name === last.name);
      if (c.after === undefined) {
        if (i >= 0) node.splice(i, 1);
      } else if (i >= 0) node[i] = structuredClone(c.after);
      else node.push(structuredClone(c.after));
    } else if (c.after === undefined) {
      if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
      else delete node[last];
    } else node[last] = structuredClone(c.after);
  }
  return root;
}

function locate(node: any, step: PathStep, create: boolean): any {
  if (typeof step === 'object') {
    if (!Array.isArray(node)) return undefined;
    let hit = node.find((e: any) => e?.name === step.name);
    if (!hit && create) node.push((hit = { name: step.name }));
    return hit;
  }
  if (node[step] === undefined && create) node[step] = {};
  return node[step];
}
