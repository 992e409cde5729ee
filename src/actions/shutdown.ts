// End-of-class shutdown (`kdash down` / `kdash up`), the executing half. Each step re-reads its object
// and writes the change and its record in one merge patch guarded by resourceVersion, so a concurrent
// change gives a 409 that is retried on fresh data, and running it again changes nothing.
import type { Api } from '../kube/api.js';
import {
  buildDownPlan,
  buildUpPlan,
  describeRef,
  DOWN_AT,
  DOWN_PARKED,
  DOWN_REPLICAS,
  DOWN_SUSPENDED,
  PARK_SELECTOR_KEY,
  whyLeft,
  type DownPlan,
  type DownStep,
  type NamespaceObjects,
  type UpPlan,
  type UpStep,
} from './downPlan.js';
import { forgetPod, readSavedPods, savePod, SAVED_PODS_CONFIGMAP } from './barePods.js';
import { attempt, errorCode, errorMessage, fail, isNotFound, ok, retryOnConflict, type ActionResult } from './result.js';
import { builtinKind, kindOf, meta, type Obj, type TargetRef } from './targets.js';

export * from './downPlan.js';

export interface StepResult {
  target: string;
  result: ActionResult;
}

export interface DownReport {
  results: StepResult[];
  /** Pods still running when the wait ended, each with why. */
  left: string[];
  /** True when nothing failed and no pod but deliberately kept bare pods still runs. */
  ok: boolean;
  timedOut: boolean;
  /** One line for the footer and :history. */
  summary: ActionResult;
}

export interface UpReport {
  results: StepResult[];
  ok: boolean;
  summary: ActionResult;
}

async function listNamespace(api: Api, namespace: string): Promise<NamespaceObjects> {
  const get = (id: string) => api.objects.list(builtinKind(id), namespace);
  // Kinds the user may not list (or the cluster does not serve) are skipped rather than failing the plan;
  // pods and deployments are essential and do fail it.
  const optional = (id: string) => get(id).catch(() => [] as Obj[]);
  const [deployments, statefulsets, replicasets, daemonsets, cronjobs, jobs, pods] = await Promise.all([
    get('deployments'),
    optional('statefulsets'),
    optional('replicasets'),
    optional('daemonsets'),
    optional('cronjobs'),
    optional('jobs'),
    get('pods'),
  ]);
  return { deployments, statefulsets, replicasets, daemonsets, cronjobs, jobs, pods };
}

export async function planDown(api: Api, namespace: string): Promise<DownPlan> {
  return buildDownPlan(namespace, await listNamespace(api, namespace));
}

export async function planUp(api: Api, namespace: string): Promise<UpPlan> {
  // A user who may not read ConfigMaps still gets the rest of the restore.
  const [objs, saved] = await Promise.all([listNamespace(api, namespace), readSavedPods(api, namespace).catch(() => ({}))]);
  return buildUpPlan(namespace, objs, saved);
}

const downAt = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Read fresh, compute a merge patch (undefined = nothing to do), apply it guarded by resourceVersion. */
async function patchFresh(
  api: Api,
  ref: TargetRef,
  build: (o: Obj) => { patch: Record<string, any>; message: string } | { skip: string },
): Promise<ActionResult> {
  const k = kindOf(ref.kind)!;
  return attempt(() =>
    retryOnConflict(async () => {
      const o = await api.objects.get(k, ref.namespace, ref.name);
      const change = build(o);
      if ('skip' in change) return ok(change.skip);
      const patch = { ...change.patch, metadata: { ...(change.patch.metadata ?? {}), resourceVersion: meta(o).resourceVersion } };
      await api.objects.patch(k, ref.namespace, ref.name, patch);
      return ok(change.message);
    }),
  );
}

function runDownStep(api: Api, step: DownStep): Promise<ActionResult> {
  const name = describeRef(step.ref);
  switch (step.op) {
    case 'scale':
      return patchFresh(api, step.ref, (o) => {
        const replicas = Number(o.spec?.replicas ?? 1);
        if (replicas === 0) return { skip: `${name} already at 0` }; // never record 0 over a real count
        return {
          patch: { metadata: { annotations: { [DOWN_REPLICAS]: String(replicas), [DOWN_AT]: downAt() } }, spec: { replicas: 0 } },
          message: `${name} scaled ${replicas} → 0 (recorded ${replicas})`,
        };
      });
    case 'suspend':
      return patchFresh(api, step.ref, (o) => {
        if (o.spec?.suspend) return { skip: `${name} already suspended` };
        return {
          patch: { metadata: { annotations: { [DOWN_SUSPENDED]: 'false', [DOWN_AT]: downAt() } }, spec: { suspend: true } },
          message: `${name} suspended`,
        };
      });
    case 'park':
      return patchFresh(api, step.ref, (o) => {
        if (o.spec?.template?.spec?.nodeSelector?.[PARK_SELECTOR_KEY] !== undefined) return { skip: `${name} already parked` };
        return {
          patch: {
            metadata: { annotations: { [DOWN_PARKED]: 'true', [DOWN_AT]: downAt() } },
            spec: { template: { spec: { nodeSelector: { [PARK_SELECTOR_KEY]: 'parked' } } } },
          },
          message: `${name} parked (its pods stop; up brings them back)`,
        };
      });
    case 'deletePod':
      return attempt(async () => {
        try {
          if (step.bare) {
            // Saved first: a bare pod is deleted only once up can create it again.
            const pod = await api.objects.get(builtinKind('pods'), step.ref.namespace, step.ref.name);
            try {
              await savePod(api, step.ref.namespace, pod);
            } catch (e) {
              return fail(`not deleted: could not save its definition first (${errorMessage(e)})`, errorCode(e));
            }
          }
          await api.objects.delete(builtinKind('pods'), step.ref.namespace, step.ref.name);
        } catch (e) {
          if (isNotFound(e)) return ok(`${name} already gone`);
          throw e;
        }
        return ok(step.bare ? `${name} deleted (definition saved for up)` : `${name} deleted`);
      });
  }
}

const isRunning = (p: Obj) => {
  const phase = p.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
};

export interface DownOptions {
  deleteBarePods: boolean;
  onProgress?: (line: string) => void;
  /** How long to wait for the namespace's pods to stop (default 120 s; 0 = do not wait). */
  timeoutMs?: number;
  pollMs?: number;
}

export async function executeDown(api: Api, plan: DownPlan, options: DownOptions): Promise<DownReport> {
  const say = options.onProgress ?? (() => {});
  const steps: DownStep[] = [...plan.steps];
  if (options.deleteBarePods) {
    for (const ref of plan.barePods) steps.push({ op: 'deletePod', ref, bare: true, line: `delete ${describeRef(ref)}` });
  }
  const results: StepResult[] = [];
  for (const step of steps) {
    const result = await runDownStep(api, step);
    results.push({ target: describeRef(step.ref), result });
    say(result.ok ? `✓ ${result.message}` : `✗ ${describeRef(step.ref)}: ${result.message}`);
  }
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  let running: Obj[] = [];
  let lastCount = -1;
  let listError: string | undefined;
  for (;;) {
    try {
      const pods = await api.objects.list(builtinKind('pods'), plan.namespace);
      running = pods.filter(isRunning);
      listError = undefined;
    } catch (e) {
      listError = errorMessage(e);
    }
    const waitingFor = running.filter((p) => options.deleteBarePods || !isBareRunning(p));
    if (!listError && waitingFor.length === 0) break;
    if (Date.now() >= deadline) break;
    if (waitingFor.length !== lastCount) {
      lastCount = waitingFor.length;
      say(`waiting for ${waitingFor.length} pod${waitingFor.length === 1 ? '' : 's'} to stop...`);
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
  }
  const left = running.map((p) => whyLeft(p, !options.deleteBarePods));
  if (listError) left.push(`could not list pods: ${listError}`);
  const failed = results.some((r) => !r.result.ok);
  const unexpected = running.filter((p) => options.deleteBarePods || !isBareRunning(p)).length > 0;
  const good = !failed && !unexpected && !listError;
  return { results, left, ok: good, timedOut: unexpected, summary: downSummary(plan.namespace, results, left, good) };
}

/** Pure: the one-line outcome of down. */
export function downSummary(namespace: string, results: StepResult[], left: string[], good: boolean): ActionResult {
  const failed = results.filter((r) => !r.result.ok);
  const changes = `${results.length - failed.length} change${results.length - failed.length === 1 ? '' : 's'}`;
  if (failed.length) return fail(`down ${namespace}: ${changes}, ${failed.length} failed (${failed[0].target}: ${failed[0].result.message})`);
  if (!good) return fail(`down ${namespace}: ${changes}; still running: ${left[0]}${left.length > 1 ? ` (+${left.length - 1} more)` : ''}`);
  const running = left.length
    ? `only ${left.length} bare pod${left.length === 1 ? '' : 's'} left running, kept on purpose`
    : 'no pods running';
  return ok(`down ${namespace}: ${changes}, ${running}; up restores it`);
}

function isBareRunning(p: Obj): boolean {
  return ((meta(p).ownerReferences ?? []) as unknown[]).length === 0 && !meta(p).deletionTimestamp;
}

function runUpStep(api: Api, step: UpStep): Promise<ActionResult> {
  const name = describeRef(step.ref);
  switch (step.op) {
    case 'invalid':
      return Promise.resolve(fail(step.line));
    case 'restoreReplicas':
      return patchFresh(api, step.ref, (o) => {
        const recorded = meta(o).annotations?.[DOWN_REPLICAS];
        if (recorded === undefined) return { skip: `${name} already restored` };
        const n = Number(String(recorded).trim());
        if (!Number.isInteger(n) || n < 0) return { skip: `${name}: recorded count is not a number; left as it is` };
        return {
          patch: { metadata: { annotations: { [DOWN_REPLICAS]: null, [DOWN_AT]: null } }, spec: { replicas: n } },
          message: `${name} scaled back to ${n}`,
        };
      });
    case 'restoreSuspend':
      return patchFresh(api, step.ref, (o) => {
        const recorded = meta(o).annotations?.[DOWN_SUSPENDED];
        if (recorded === undefined) return { skip: `${name} already restored` };
        const suspend = String(recorded).trim() === 'true';
        return {
          patch: { metadata: { annotations: { [DOWN_SUSPENDED]: null, [DOWN_AT]: null } }, spec: { suspend } },
          message: suspend ? `${name} left suspended (as before down)` : `${name} resumed`,
        };
      });
    case 'recreatePod':
      return attempt(async () => {
        let body: Obj;
        try {
          body = JSON.parse(step.definition);
        } catch {
          return fail(`${name}: its saved definition is not valid JSON; left in ConfigMap ${SAVED_PODS_CONFIGMAP}`);
        }
        let message = `${name} created again`;
        try {
          await api.objects.create(builtinKind('pods'), step.ref.namespace, body);
        } catch (e) {
          if (errorCode(e) !== 409) throw e;
          message = `${name} already exists`;
        }
        await forgetPod(api, step.ref.namespace, step.ref.name);
        return ok(message);
      });
    case 'unpark':
      return patchFresh(api, step.ref, (o) => {
        const parked = o.spec?.template?.spec?.nodeSelector?.[PARK_SELECTOR_KEY] !== undefined;
        if (!parked && meta(o).annotations?.[DOWN_PARKED] === undefined) return { skip: `${name} already restored` };
        return {
          patch: {
            metadata: { annotations: { [DOWN_PARKED]: null, [DOWN_AT]: null } },
            // Merge patch: removes only our key; the daemon set's own selector is untouched.
            spec: { template: { spec: { nodeSelector: { [PARK_SELECTOR_KEY]: null } } } },
          },
          message: `${name} unparked`,
        };
      });
  }
}

export async function executeUp(api: Api, plan: UpPlan, options: { onProgress?: (line: string) => void } = {}): Promise<UpReport> {
  const say = options.onProgress ?? (() => {});
  const results: StepResult[] = [];
  for (const step of plan.steps) {
    const result = await runUpStep(api, step);
    results.push({ target: describeRef(step.ref), result });
    say(result.ok ? `✓ ${result.message}` : `✗ ${describeRef(step.ref)}: ${result.message}`);
  }
  const failed = results.filter((r) => !r.result.ok);
  const summary = failed.length
    ? fail(`up ${plan.namespace}: ${results.length - failed.length} restored, ${failed.length} failed (${failed[0].target}: ${failed[0].result.message})`)
    : ok(results.length ? `up ${plan.namespace}: ${results.length} object${results.length === 1 ? '' : 's'} restored` : `up ${plan.namespace}: nothing to restore`);
  return { results, ok: failed.length === 0, summary };
}
