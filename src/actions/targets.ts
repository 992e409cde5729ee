// Target references and a small table from kind id to the typed client calls actions need.
// Every call goes through the Api object given to the action (the readonly guard lives there).
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import type { Api } from '../kube/api.js';
import { isNotFound } from './result.js';

export type TargetKind =
  | 'deployments'
  | 'statefulsets'
  | 'replicasets'
  | 'daemonsets'
  | 'pods'
  | 'jobs'
  | 'cronjobs'
  | 'services'
  | 'configmaps'
  | 'secrets'
  | 'persistentvolumeclaims';

export interface TargetRef {
  kind: TargetKind | string;
  namespace: string;
  name: string;
  /**
   * The uid of the object the person chose. When set, an action applies to that object only: a
   * namesake created since (deleted and re-created) is refused, and a delete carries it as a precondition.
   */
  uid?: string;
}

/** Kubernetes JSON as the typed clients return it. */
export type Obj = Record<string, any> & { metadata?: Record<string, any> };

interface KindOps {
  /** kubectl's singular resource with group, for messages: 'deployment.apps'. */
  singular: string;
  /** kubectl's plural with group, for server-style messages: 'deployments.apps'. */
  plural: string;
  group: string;
  read(api: Api, ns: string, name: string): Promise<Obj>;
  list(api: Api, ns: string): Promise<Obj[]>;
  /** JSON merge patch (RFC 7386). */
  patch(api: Api, ns: string, name: string, body: object): Promise<Obj>;
  replace(api: Api, ns: string, name: string, body: Obj): Promise<Obj>;
  remove(api: Api, ns: string, name: string, gracePeriodSeconds?: number, uid?: string): Promise<unknown>;
  readScale?(api: Api, ns: string, name: string): Promise<Obj>;
  replaceScale?(api: Api, ns: string, name: string, body: Obj): Promise<Obj>;
}

export const mergePatch = () => setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const items = (l: { items?: unknown[] }) => (l.items ?? []) as Obj[];
const del = (name: string, namespace: string, g?: number, uid?: string) => ({
  name,
  namespace,
  ...(g === undefined ? {} : { gracePeriodSeconds: g }),
  // The uid precondition: the server refuses (409) when the name now belongs to another object.
  ...(g === undefined && uid === undefined ? {} : { body: { ...(g === undefined ? {} : { gracePeriodSeconds: g }), ...(uid ? { preconditions: { uid } } : {}) } }),
  // Background propagation like kubectl delete: owned pods go with their workload.
  propagationPolicy: 'Background',
});

const ops: Record<string, KindOps> = {
  deployments: {
    singular: 'deployment.apps',
    plural: 'deployments.apps',
    group: 'apps',
    read: (a, namespace, name) => a.apps.readNamespacedDeployment({ name, namespace }) as Promise<Obj>,
    list: async (a, namespace) => items(await a.apps.listNamespacedDeployment({ namespace })),
    patch: (a, namespace, name, body) => a.apps.patchNamespacedDeployment({ name, namespace, body }, mergePatch()) as Promise<Obj>,
    replace: (a, namespace, name, body) => a.apps.replaceNamespacedDeployment({ name, namespace, body: body as any }) as Promise<Obj>,
    remove: (a, ns, name, g, uid) => a.apps.deleteNamespacedDeployment(del(name, ns, g, uid)),
    readScale: (a, namespace, name) => a.apps.readNamespacedDeploymentScale({ name, namespace }) as Promise<Obj>,
    replaceScale: (a, namespace, name, body) => a.apps.replaceNamespacedDeploymentScale({ name, namespace, body: body as any }) as Promise<Obj>,
  },
  statefulsets: {
    singular: 'statefulset.apps',
    plural: 'statefulsets.apps',
    group: 'apps',
    read: (a, namespace, name) => a.apps.readNamespacedStatefulSet({ name, namespace }) as Promise<Obj>,
    list: async (a, namespace) => items(await a.apps.listNamespacedStatefulSet({ namespace })),
    patch: (a, namespace, name, body) => a.apps.patchNamespacedStatefulSet({ name, namespace, body }, mergePatch()) as Promise<Obj>,
    replace: (a, namespace, name, body) => a.apps.replaceNamespacedStatefulSet({ name, namespace, body: body as any }) as Promise<Obj>,
    remove: (a, ns, name, g, uid) => a.apps.deleteNamespacedStatefulSet(del(name, ns, g, uid)),
    readScale: (a, namespace, name) => a.apps.readNamespacedStatefulSetScale({ name, namespace }) as Promise<Obj>,
    replaceScale: (a, namespace, name, body) => a.apps.replaceNamespacedStatefulSetScale({ name, namespace, body: body as any }) as Promise<Obj>,
  },
  replicasets: {
    singular: 'replicaset.apps',
    plural: 'replicasets.apps',
    group: 'apps',
    read: (a, namespace, name) => a.apps.readNamespacedReplicaSet({ name, namespace }) as Promise<Obj>,
    list: async (a, namespace) => items(await a.apps.listNamespacedReplicaSet({ namespace })),
    patch: (a, namespace, name, body) => a.apps.patchNamespacedReplicaSet({ name, namespace, body }, mergePatch()) as Promise<Obj>,
    replace: (a, namespace, name, body) => a.apps.replaceNamespacedReplicaSet({ name, namespace, body: body as any }) as Promise<Obj>,
    remove: (a, ns, name, g, uid) => a.apps.deleteNamespacedReplicaSet(del(name, ns, g, uid)),
    readScale: (a, namespace, name) => a.apps.readNamespacedReplicaSetScale({ name, namespace }) as Promise<Obj>,
    replaceScale: (a, namespace, name, body) => a.apps.replaceNamespacedReplicaSetScale({ name, namespace, body: body as any }) as Promise<Obj>,
  },
  daemonsets: {
    singular: 'daemonset.apps',
    plural: 'daemonsets.apps',
    group: 'apps',
    read: (a, namespace, name) => a.apps.readNamespacedDaemonSet({ name, namespace }) as Promise<Obj>,
    list: async (a, namespace) => items(await a.apps.listNamespacedDaemonSet({ namespace })),
    patch: (a, namespace, name, body) => a.apps.patchNamespacedDaemonSet({ name, namespace, body }, mergePatch()) as Promise<Obj>,
    replace: (a, namespace, name, body) => a.apps.replaceNamespacedDaemonSet({ name, namespace, body: body as any }) as Promise<Obj>,
    remove: (a, ns, name, g, uid) => a.apps.deleteNamespacedDaemonSet(del(name, ns, g, uid)),
  },
  pods: {
    singular: 'pod',
    plural: 'pods',
    group: '',
    read: (a, namespace, name) => a.core.readNamespacedPod({ name, namespace }) as Promise<Obj>,
    list: async (a, namespace) => items(await a.core.listNamespacedPod({ namespace })),
    patch: (a, namespace, name, body) => a.core.patchNamespacedPod({ name, namespace, body }, mergePatch()) as Promise<Obj>,
    replace: (a, namespace, name, body) => a.core.replaceNamespacedPod({ name, namespace, body: body as any }) as Promise<Obj>,
    remove: (a, ns, name, g, uid) => a.core.deleteNamespacedPod(del(name, ns, g, uid)),
  },
  jobs: {
    singular: 'job.batch',
    plural: 'jobs.batch',
    group: 'batch',
    read: (a, namespace, name) => a.batch.readNamespacedJob({ name, namespace }) as Promise<Obj>,
    list: async (a, namespace) => items(await a.batch.listNamespacedJob({ namespace })),
    patch: (a, namespace, name, body) => a.batch.patchNamespacedJob({ name, namespace, body }, mergePatch()) as Promise<Obj>,
    replace: (a, namespace, name, body) => a.batch.replaceNamespacedJob({ name, namespace, body: body as any }) as Promise<Obj>,
    remove: (a, ns, name, g, uid) => a.batch.deleteNamespacedJob(del(name, ns, g, uid)),
  },
  cronjobs: {
    singular: 'cronjob.batch',
    plural: 'cronjobs.batch',
    group: 'batch',
    read: (a, namespace, name) => a.batch.readNamespacedCronJob({ name, namespace }) as Promise<Obj>,
    list: async (a, namespace) => items(await a.batch.listNamespacedCronJob({ namespace })),
    patch: (a, namespace, name, body) => a.batch.patchNamespacedCronJob({ name, namespace, body }, mergePatch()) as Promise<Obj>,
    replace: (a, namespace, name, body) => a.batch.replaceNamespacedCronJob({ name, namespace, body: body as any }) as Promise<Obj>,
    remove: (a, ns, name, g, uid) => a.batch.deleteNamespacedCronJob(del(name, ns, g, uid)),
  },
  services: coreOps('service', 'Service'),
  configmaps: coreOps('configmap', 'ConfigMap'),
  secrets: coreOps('secret', 'Secret'),
  persistentvolumeclaims: coreOps('persistentvolumeclaim', 'PersistentVolumeClaim'),
};

/** Core kinds that only need read/list/patch/replace/delete, via the generic method names. */
function coreOps(singular: string, typeName: string): KindOps {
  const call = (a: Api, verb: string, suffix = '') => (a.core as any)[`${verb}Namespaced${typeName}${suffix}`].bind(a.core);
  return {
    singular,
    plural: `${singular}s`,
    group: '',
    read: (a, namespace, name) => call(a, 'read')({ name, namespace }),
    list: async (a, namespace) => items(await call(a, 'list')({ namespace })),
    patch: (a, namespace, name, body) => call(a, 'patch')({ name, namespace, body }, mergePatch()),
    replace: (a, namespace, name, body) => call(a, 'replace')({ name, namespace, body }),
    remove: (a, ns, name, g, uid) => call(a, 'delete')(del(name, ns, g, uid)),
  };
}

/** Normalises descriptor ids and kubectl aliases ('deploy', 'Deployment') to the table's keys. */
const aliases: Record<string, string> = {
  deploy: 'deployments', deployment: 'deployments', sts: 'statefulsets', statefulset: 'statefulsets',
  rs: 'replicasets', replicaset: 'replicasets', ds: 'daemonsets', daemonset: 'daemonsets', po: 'pods', pod: 'pods',
  job: 'jobs', cj: 'cronjobs', cronjob: 'cronjobs', svc: 'services', service: 'services', cm: 'configmaps',
  configmap: 'configmaps', secret: 'secrets', pvc: 'persistentvolumeclaims', persistentvolumeclaim: 'persistentvolumeclaims',
};

export function kindId(kind: string): string {
  const k = kind.toLowerCase();
  return ops[k] ? k : (aliases[k] ?? k);
}

export function kindOps(kind: string): KindOps | undefined {
  return ops[kindId(kind)];
}

/** kubectl's "deployment.apps/webnodb" */
export function refName(ref: TargetRef): string {
  return `${kindOps(ref.kind)?.singular ?? ref.kind}/${ref.name}`;
}

export const SCALABLE = ['deployments', 'statefulsets', 'replicasets'] as const;
export const ROLLABLE = ['deployments', 'statefulsets', 'daemonsets'] as const;

export function isScalable(kind: string): boolean {
  return (SCALABLE as readonly string[]).includes(kindId(kind));
}

export function isRollable(kind: string): boolean {
  return (ROLLABLE as readonly string[]).includes(kindId(kind));
}

/** Object metadata as a plain record (typed clients return class instances; fields may be Dates). */
export function meta(o: Obj | undefined): Record<string, any> {
  return (o?.metadata ?? {}) as Record<string, any>;
}

export function timeMs(t: unknown): number | undefined {
  if (t instanceof Date) return t.getTime();
  if (typeof t === 'string') {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

export function controllerOf(o: Obj): { kind: string; name: string; uid: string } | undefined {
  const refs = (meta(o).ownerReferences ?? []) as Array<{ kind: string; name: string; uid: string; controller?: boolean }>;
  return refs.find((r) => r.controller) ?? undefined;
}

/** Pod template images as "a, b" (containers only, like kubectl's history). */
export function templateImages(template: any): string[] {
  return ((template?.spec?.containers ?? []) as Array<{ image?: string }>).map((c) => c.image ?? '<none>');
}

/** "deployment webnodb", as a person says it. */
export function objectName(ref: TargetRef): string {
  return `${(kindOps(ref.kind)?.singular ?? ref.kind).split('.')[0]} ${ref.name}`;
}

/**
 * The chosen object is not there any more (404), or its name now belongs to another object (409).
 * Shaped like the client's ApiException (code, body.message), so results keep the code and the words.
 */
export class TargetGone extends Error {
  readonly body: { message: string };
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
    this.body = { message };
  }
}

export function goneMessage(ref: TargetRef): string {
  return `${objectName(ref)} no longer exists`;
}

export function replacedMessage(ref: TargetRef): string {
  return `${objectName(ref)} was deleted and created again since you chose it; nothing was changed`;
}

/** Throws TargetGone (in words) when `obj` is not the object the person chose. */
export function checkSame(ref: TargetRef, obj: Obj): Obj {
  if (ref.uid && meta(obj).uid && meta(obj).uid !== ref.uid) throw new TargetGone(replacedMessage(ref), 409);
  return obj;
}

/** Reads the object behind `ref` as it is now: a 404 or a namesake becomes a TargetGone in words, not "HTTP-Code: 404". */
export async function readTarget<T extends Obj>(ref: TargetRef, read: () => Promise<T>): Promise<T> {
  let obj: T;
  try {
    obj = await read();
  } catch (e) {
    if (isNotFound(e)) throw new TargetGone(goneMessage(ref), 404);
    throw e;
  }
  checkSame(ref, obj);
  return obj;
}
