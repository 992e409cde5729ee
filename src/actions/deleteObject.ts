// Delete (ctrl-d) and force-kill (ctrl-k, grace period 0) for one or many marked objects.
import type { Api } from '../kube/api.js';
import { attempt, clean, errorMessage, errorStatus, fail, isConflict, isNotFound, ok, summarize, type ActionResult } from './result.js';
import { kindById } from '../resources/registry.js';
import { controllerOf, goneMessage, kindOf, meta, readTarget, replacedMessage, singularName, TargetGone, type Obj, type TargetRef } from './targets.js';

export interface DeletePlan {
  /** One line per object: what will go, and for workloads how many pods go with it. */
  lines: string[];
  /** Total pods that will be deleted (directly or through their workload). */
  pods: number;
  /** The targets that are no longer there (or whose name now belongs to another object), in words. */
  gone: Array<{ ref: TargetRef; message: string }>;
}

/** Pure: pods that belong to obj through controller references (deployment → replica set → pod, cronjob → job → pod). */
export function ownedPods(obj: Obj, kind: string, pods: Obj[], replicaSets: Obj[], jobs: Obj[]): Obj[] {
  const uid = meta(obj).uid;
  const ownedBy = (o: Obj, uids: Set<string>) => {
    const c = controllerOf(o);
    return c !== undefined && uids.has(c.uid);
  };
  let owners = new Set<string>([uid]);
  if (kind === 'deployments') owners = new Set(replicaSets.filter((rs) => ownedBy(rs, owners)).map((rs) => meta(rs).uid));
  if (kind === 'cronjobs') owners = new Set(jobs.filter((j) => ownedBy(j, owners)).map((j) => meta(j).uid));
  return pods.filter((p) => ownedBy(p, owners));
}

const WORKLOADS = new Set(['deployments', 'statefulsets', 'replicasets', 'daemonsets', 'jobs', 'cronjobs']);

export async function planDelete(api: Api, refs: TargetRef[]): Promise<DeletePlan> {
  const lines: string[] = [];
  const gone: DeletePlan['gone'] = [];
  let podCount = 0;
  const cache = new Map<string, Promise<{ pods: Obj[]; rs: Obj[]; jobs: Obj[] }>>();
  const related = (ns: string) => {
    if (!cache.has(ns)) {
      const list = (id: string) => api.objects.list(kindById(id)!, ns).catch(() => [] as Obj[]);
      cache.set(
        ns,
        Promise.all([list('pods'), list('replicasets'), list('jobs')]).then(([pods, rs, jobs]) => ({ pods, rs, jobs })),
      );
    }
    return cache.get(ns)!;
  };
  for (const ref of refs) {
    const k = kindOf(ref.kind);
    const kind = k?.id ?? ref.kind;
    const label = `${singularName(ref.kind)}/${clean(ref.name)}${ref.namespace ? ` in ${ref.namespace}` : ''}`;
    if (!k?.actions.includes('delete')) {
      lines.push(`${label}: kdash cannot delete ${ref.kind}`);
      continue;
    }
    let obj: Obj;
    try {
      obj = await readTarget(ref, () => api.objects.get(k, ref.namespace, ref.name));
    } catch (e) {
      lines.push(`${label}: ${errorMessage(e)}`);
      if (e instanceof TargetGone) gone.push({ ref, message: e.message });
      continue;
    }
    if (kind === 'pods') podCount++;
    if (!WORKLOADS.has(kind)) {
      lines.push(label);
      continue;
    }
    const { pods, rs, jobs } = await related(ref.namespace);
    const owned = ownedPods(obj, kind, pods, rs, jobs);
    podCount += owned.length;
    lines.push(`${label} and the ${owned.length} pod${owned.length === 1 ? '' : 's'} it owns`);
  }
  return { lines, pods: podCount, gone };
}

export interface DeleteReport {
  results: Array<{ ref: TargetRef; result: ActionResult }>;
  /** One line summing up: the single result, or "3 deleted, 1 failed: …". */
  summary: ActionResult;
}

export async function deleteObjects(api: Api, refs: TargetRef[], options: { force?: boolean } = {}): Promise<DeleteReport> {
  const results: DeleteReport['results'] = [];
  for (const ref of refs) {
    const k = kindOf(ref.kind);
    if (!k?.actions.includes('delete')) {
      results.push({ ref, result: fail(`kdash cannot delete ${ref.kind}`) });
      continue;
    }
    const result = await attempt(async () => {
      try {
        await api.objects.delete(k, ref.namespace, ref.name, {
          ...(options.force ? { gracePeriodSeconds: 0 } : {}),
          preconditions: { uid: ref.uid },
        });
      } catch (e) {
        // Said in words: the object went meanwhile, or its name now belongs to a new object (uid precondition).
        if (isNotFound(e)) return fail(goneMessage(ref), 404);
        if (isConflict(e) && /precondition/i.test(errorStatus(e)?.message ?? '')) return fail(replacedMessage(ref).replace('changed', 'deleted'), 409);
        throw e;
      }
      // kubectl's wording: `pod "x" deleted`, and `force deleted` with --grace-period=0 --force
      return ok(`${singularName(ref.kind)} "${ref.name}" ${options.force ? 'force deleted' : 'deleted'}`);
    });
    results.push({ ref, result });
  }
  return { results, summary: summarize(results.map((r) => r.result), options.force ? 'force deleted' : 'deleted') };
}
