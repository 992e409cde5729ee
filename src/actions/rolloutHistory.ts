// kubectl rollout history (polymorphichelpers/history.go). Deployments: the replica sets the deployment
// controls (controllerRef uid), by their deployment.kubernetes.io/revision annotation. Stateful sets and
// daemon sets: their ControllerRevisions, by .revision.
import type { Api } from '../kube/api.js';
import type { ResourceRef } from '../kube/objects.js';
import { builtinKind, isRollable, kindOf, meta, type Obj, readTarget, type TargetRef, templateImages, timeMs } from './targets.js';

/** Where stateful sets and daemon sets keep their history (not a kind the dashboard shows). */
const CONTROLLER_REVISIONS: ResourceRef = { group: 'apps', version: 'v1', plural: 'controllerrevisions', namespaced: true };

export const REVISION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
export const TEMPLATE_HASH = 'pod-template-hash';

export interface HistoryEntry {
  revision: number;
  images: string[];
  changeCause?: string;
  /** creation time of the replica set / controller revision, ms since epoch */
  created?: number;
  /** the replica set or controller revision holding this revision */
  source: string;
  /** the pod template recorded for this revision */
  template: any;
  /** annotations of the replica set / controller revision (rollback copies them) */
  annotations?: Record<string, string>;
}

/** Revision number as kubectl's deploymentutil.Revision reads it (a missing/bad annotation → not in history). */
export function revisionOf(o: Obj): number | undefined {
  const v = meta(o).annotations?.[REVISION];
  if (v === undefined || !/^\d+$/.test(String(v))) return undefined;
  return Number(v);
}

/** Pure: the history entries of a deployment from the namespace's replica sets, oldest revision first. */
export function deploymentHistory(deployment: Obj, replicaSets: Obj[]): HistoryEntry[] {
  const uid = meta(deployment).uid;
  const owned = replicaSets.filter((rs) =>
    ((meta(rs).ownerReferences ?? []) as any[]).some((r) => r.controller && r.uid === uid),
  );
  const entries: HistoryEntry[] = [];
  for (const rs of owned) {
    const revision = revisionOf(rs);
    if (revision === undefined) continue;
    entries.push({
      revision,
      images: templateImages(rs.spec?.template),
      changeCause: meta(rs).annotations?.[CHANGE_CAUSE],
      created: timeMs(meta(rs).creationTimestamp),
      source: meta(rs).name,
      template: rs.spec?.template,
      annotations: meta(rs).annotations,
    });
  }
  return entries.sort((a, b) => a.revision - b.revision);
}

/** Pure: history of a stateful set / daemon set from the namespace's ControllerRevisions. */
export function controllerRevisionHistory(owner: Obj, revisions: Obj[]): HistoryEntry[] {
  const uid = meta(owner).uid;
  return revisions
    .filter((cr) => ((meta(cr).ownerReferences ?? []) as any[]).some((r) => r.controller && r.uid === uid))
    .map((cr) => {
      const data = typeof cr.data === 'string' ? safeJson(cr.data) : cr.data;
      const template = data?.spec?.template;
      return {
        revision: Number(cr.revision ?? 0),
        images: templateImages(template),
        changeCause: meta(cr).annotations?.[CHANGE_CAUSE],
        created: timeMs(meta(cr).creationTimestamp),
        source: meta(cr).name as string,
        template,
      };
    })
    .sort((a, b) => a.revision - b.revision);
}

function safeJson(s: string): any {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

export interface RolloutHistory {
  object: Obj;
  entries: HistoryEntry[];
}

/** Reads the object and its history. Throws (ApiException or Error) on failure; see errorMessage(). */
export async function getRolloutHistory(api: Api, ref: TargetRef): Promise<RolloutHistory> {
  const k = kindOf(ref.kind);
  if (!k || !isRollable(ref.kind)) {
    throw new Error(`no rollout history for ${ref.kind}: only deployments, stateful sets and daemon sets have one`);
  }
  const object = await readTarget(ref, () => api.objects.get(k, ref.namespace, ref.name));
  // A deployment's revisions are its replica sets; the others' are ControllerRevisions.
  if (k.id === 'deployments') return { object, entries: deploymentHistory(object, await api.objects.list(builtinKind('replicasets'), ref.namespace)) };
  return { object, entries: controllerRevisionHistory(object, await api.objects.list(CONTROLLER_REVISIONS, ref.namespace)) };
}
