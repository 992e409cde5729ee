// Every kind the dashboard knows, and lookup by the names kubectl accepts (`deploy`, `deployments.apps`).
import type { ResourceKind } from './types.js';
import { configMap } from './configMap.js';
import { cronJob } from './cronJob.js';
import { daemonSet } from './daemonSet.js';
import { deployment } from './deployment.js';
import { event } from './event.js';
import { job } from './job.js';
import { namespace } from './namespace.js';
import { node } from './node.js';
import { pod } from './pod.js';
import { replicaSet } from './replicaSet.js';
import { resourceQuota } from './resourceQuota.js';
import { secret } from './secret.js';
import { service } from './service.js';
import { statefulSet } from './statefulSet.js';

/** In the order the command bar and help list them. */
export const allKinds: ResourceKind[] = [
  pod,
  deployment,
  replicaSet,
  statefulSet,
  daemonSet,
  job,
  cronJob,
  service,
  configMap,
  secret,
  node,
  namespace,
  event,
  resourceQuota,
];

const byAlias = new Map<string, ResourceKind>();
for (const k of allKinds) for (const a of k.aliases) byAlias.set(a, k);

/**
 * A kind by any of its names, case-insensitive: short name, singular, plural, or kubectl's
 * fully qualified `plural.group` / `plural.version.group` (`deployments.apps`, `deploy.v1.apps`).
 */
export function findKind(nameOrAlias: string): ResourceKind | undefined {
  const name = nameOrAlias.trim().toLowerCase();
  const direct = byAlias.get(name);
  if (direct) return direct;
  const dot = name.indexOf('.');
  if (dot <= 0) return undefined;
  const k = byAlias.get(name.slice(0, dot));
  if (!k) return undefined;
  const rest = name.slice(dot + 1);
  const ok = k.group === '' ? rest === k.version : rest === k.group || rest === `${k.version}.${k.group}`;
  return ok ? k : undefined;
}

export function kindById(id: string): ResourceKind | undefined {
  return allKinds.find((k) => k.id === id);
}
