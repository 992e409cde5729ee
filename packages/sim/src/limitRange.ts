// The LimitRanger admission plugin, for pods: the namespace's LimitRanges of type Container fill in the
// requests and limits a container leaves out (defaultRequest, default; a LimitRange's own defaulting
// makes default fall back to max and defaultRequest to default) and record it in the
// `kubernetes.io/limit-ranger` annotation; then each container's values are checked against min and max
// (and Pod-type ranges against the pod's sums), failing with the plugin's messages as a 403 Forbidden.
import { bytes, milliCpu } from './controllers/util.js';
import type { ClusterStore, KubeObject } from './types.js';
import { SimError } from './types.js';

const value = (resource: string, q: unknown) => (resource === 'cpu' ? milliCpu(q) : bytes(q));

/** The LimitRange item as its own SetDefaults_LimitRangeItem leaves it. */
function defaulted(item: any): { min: Record<string, string>; max: Record<string, string>; def: Record<string, string>; defReq: Record<string, string> } {
  const max = item.max ?? {};
  const def = { ...max, ...(item.default ?? {}) };
  const defReq = item.type === 'Container' ? { ...def, ...(item.defaultRequest ?? {}) } : { ...(item.defaultRequest ?? {}) };
  return { min: item.min ?? {}, max, def: item.type === 'Container' ? def : item.default ?? {}, defReq };
}

export function admitLimitRanges(store: ClusterStore, pod: KubeObject): void {
  const ranges = store.list('limitranges', pod.metadata.namespace ?? 'default');
  if (!ranges.length) return;
  const errors: string[] = [];
  const containers: any[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  for (const lr of ranges) {
    for (const item of lr.spec?.limits ?? []) {
      if (item.type !== 'Container' && item.type !== 'Pod') continue;
      const d = defaulted(item);
      if (item.type === 'Container') {
        const setReq: string[] = [];
        const setLim: string[] = [];
        for (const c of pod.spec?.containers ?? []) {
          c.resources ??= {};
          const req = (c.resources.requests ??= {});
          const lim = (c.resources.limits ??= {});
          const r: string[] = [];
          const l: string[] = [];
          for (const [k, v] of Object.entries(d.defReq)) {
            if (req[k] !== undefined || lim[k] !== undefined) continue;
            req[k] = v;
            r.push(k);
          }
          for (const [k, v] of Object.entries(d.def)) {
            if (lim[k] !== undefined) continue;
            lim[k] = v;
            l.push(k);
          }
          // In the order the API server serializes ResourceRequirements: limits, requests, claims.
          const { limits: _l, requests: _r, ...rest } = c.resources;
          c.resources = { ...(Object.keys(lim).length ? { limits: lim } : {}), ...(Object.keys(req).length ? { requests: req } : {}), ...rest };
          if (r.length) setReq.push(`${r.sort().join(', ')} request for container ${c.name}`);
          if (l.length) setLim.push(`${l.sort().join(', ')} limit for container ${c.name}`);
        }
        if (setReq.length || setLim.length) {
          pod.metadata.annotations = { ...pod.metadata.annotations, 'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${[...setReq, ...setLim].join('; ')}` };
        }
        for (const c of containers) check(errors, 'Container', d, c.resources?.requests ?? {}, c.resources?.limits ?? {});
      } else {
        const sum = (which: 'requests' | 'limits') => {
          const out: Record<string, string> = {};
          for (const k of ['cpu', 'memory']) {
            const vals = (pod.spec?.containers ?? []).map((c: any) => c.resources?.[which]?.[k]).filter((x: unknown) => x !== undefined);
            if (vals.length) out[k] = String(vals.reduce((a: number, x: unknown) => a + value(k, x), 0));
          }
          return out;
        };
        check(errors, 'Pod', d, sum('requests'), sum('limits'), true);
      }
    }
  }
  if (errors.length) {
    const msg = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
    throw new SimError(403, 'Forbidden', `pods "${pod.metadata.name ?? ''}" is forbidden: ${msg}`, { name: pod.metadata.name ?? '', kind: 'pods' });
  }
}

function check(errors: string[], type: string, d: ReturnType<typeof defaulted>, req: Record<string, any>, lim: Record<string, any>, summed = false): void {
  const show = (k: string, v: any) => (summed ? (k === 'cpu' ? `${v}m` : String(v)) : String(v));
  for (const [k, min] of Object.entries(d.min)) {
    if (req[k] === undefined) errors.push(`minimum ${k} usage per ${type} is ${min}.  No request is specified`);
    else if ((summed ? Number(req[k]) : value(k, req[k])) < value(k, min)) errors.push(`minimum ${k} usage per ${type} is ${min}, but request is ${show(k, req[k])}`);
  }
  for (const [k, max] of Object.entries(d.max)) {
    if (lim[k] === undefined) errors.push(`maximum ${k} usage per ${type} is ${max}.  No limit is specified`);
    else if ((summed ? Number(lim[k]) : value(k, lim[k])) > value(k, max)) errors.push(`maximum ${k} usage per ${type} is ${max}, but limit is ${show(k, lim[k])}`);
  }
}
