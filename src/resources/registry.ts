// Every kind the dashboard knows, and lookup by the names kubectl accepts (`deploy`, `deployments.apps`):
// the hand-made descriptors first, then what the server's discovery lists (setServedResources: each a
// descriptor drawn from the server's Table, src/resources/serverTable.ts), then the user's aliases.
import type { ApiResource } from '../kube/discovery.js';
import { apiVersionOf, qualifiedName, servedKind } from './serverTable.js';
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
for (const k of allKinds) for (const a of [...k.aliases, k.kind.toLowerCase()]) byAlias.set(a, k);

/** What discovery added: kinds without a hand-made descriptor, and every served kind by its names. */
interface Served {
  kinds: ResourceKind[];
  byId: Map<string, ResourceKind>;
  byName: Map<string, ResourceKind[]>;
  /** Discovery's categories of every served kind, hand-made ones included. */
  categories: Map<ResourceKind, string[]>;
}
const noneServed = (): Served => ({ kinds: [], byId: new Map(), byName: new Map(), categories: new Map() });
let served = noneServed();
/** The user's aliases (~/.config/kdash/aliases.yaml): alias → a name kubectl accepts. */
let userAliases = new Map<string, string>();

/**
 * The server's resources (src/kube/discovery.ts), for the context in use; replaces what was set before.
 * A resource with a hand-made descriptor keeps it (same group and plural); the others get one drawn
 * from the server's Table.
 */
export function setServedResources(resources: ApiResource[]): void {
  const next = noneServed();
  const add = (name: string, k: ResourceKind) => {
    const list = next.byName.get(name) ?? [];
    if (!list.includes(k)) list.push(k);
    next.byName.set(name, list);
  };
  for (const r of resources) {
    if (!r.verbs.includes('list')) continue; // reviews, bindings, tokens: nothing to show in a table
    const own = allKinds.find((k) => k.group === r.group && k.plural === r.plural);
    const k = own ?? servedKind(r);
    if (!own) {
      next.kinds.push(k);
      next.byId.set(k.id, k);
    }
    for (const n of [r.plural, r.singular, r.kind.toLowerCase(), ...r.shortNames.map((s) => s.toLowerCase())]) if (n) add(n, k);
    next.categories.set(k, r.categories);
  }
  served = next;
}

/** Sets the user's aliases (alias → any name kubectl accepts); an alias never hides a real name. */
export function setUserAliases(aliases: Map<string, string>): void {
  userAliases = new Map(Array.from(aliases, ([a, target]) => [a.toLowerCase(), target]));
}

export function userAliasList(): Array<[string, string]> {
  return Array.from(userAliases);
}

/** The kinds discovery added (no hand-made descriptor), in discovery's order. */
export function servedKinds(): ResourceKind[] {
  return served.kinds;
}

/** Every kind known now: hand-made, then discovered. */
export function knownKinds(): ResourceKind[] {
  return [...allKinds, ...served.kinds];
}

/**
 * A kind by any of its names, case-insensitive: short name, singular, plural, Kind, or kubectl's fully
 * qualified `plural.group` / `plural.version.group` (`deployments.apps`, `deploy.v1.apps`), then a user alias.
 */
export function findKind(nameOrAlias: string): ResourceKind | undefined {
  const name = nameOrAlias.trim().toLowerCase();
  return byName(name) ?? byQualifiedName(name) ?? aliasTarget(name);
}

function byName(name: string): ResourceKind | undefined {
  // A hand-made name first, then the server's own names; where two groups share a name (events),
  // the core group wins as in kubectl's priority order.
  const list = served.byName.get(name);
  return byAlias.get(name) ?? list?.find((k) => k.group === '') ?? list?.[0];
}

function byQualifiedName(name: string): ResourceKind | undefined {
  const dot = name.indexOf('.');
  if (dot <= 0) return undefined;
  const head = name.slice(0, dot);
  const rest = name.slice(dot + 1);
  const candidates = [...allKinds.filter((k) => k.aliases.includes(head) || k.kind.toLowerCase() === head), ...(served.byName.get(head) ?? [])];
  return candidates.find((k) => (k.group === '' ? rest === k.version : rest === k.group || rest === `${k.version}.${k.group}`));
}

function aliasTarget(name: string): ResourceKind | undefined {
  const target = userAliases.get(name);
  if (!target || userAliases.has(target.toLowerCase())) return undefined; // no chains, no loops
  return byName(target.toLowerCase()) ?? byQualifiedName(target.toLowerCase());
}

export function kindById(id: string): ResourceKind | undefined {
  return allKinds.find((k) => k.id === id) ?? served.byId.get(id);
}

/** The kinds of a discovery category (`all`, or a CRD's own), in discovery's order. */
export function kindsInCategory(category: string): ResourceKind[] {
  const c = category.toLowerCase();
  return knownKinds().filter((k) => served.categories.get(k)?.includes(c));
}

/** Every name the command bar accepts for a kind: plural, singular, short names, `plural.group`, user aliases. */
export function kindNames(): string[] {
  const names = new Set<string>();
  for (const k of allKinds) for (const a of [k.id, ...k.aliases]) names.add(a);
  for (const [n] of served.byName) names.add(n);
  for (const k of served.kinds) names.add(k.id);
  for (const [a] of userAliases) names.add(a);
  return Array.from(names);
}

export { apiVersionOf, qualifiedName };
