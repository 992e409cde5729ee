// The kinds of the context in use, from its server's discovery (src/kube/discovery.ts) into the kind
// registry (src/resources/registry.ts setServedResources). Read lazily — after the first view's list
// was asked for, on `:` completion, or for a name no hand-made descriptor knows — and cached per
// context; a name still unknown reads discovery again (a CRD installed since) — one read at a time,
// shared by whoever asks meanwhile. The registry holds the kinds of one context at a time: the one whose
// discovery was made last (the context in use); an answer for another context is cached, not applied.
import type { ApiResource } from '../kube/discovery.js';
import { discoverResources } from '../kube/discovery.js';
import type { Session } from '../kube/session.js';
import { findKind, setServedResources } from '../resources/registry.js';
import type { ResourceKind } from '../resources/types.js';

interface Cached {
  resources?: ApiResource[];
  pending?: Promise<void>;
}

const byContext = new Map<string, Cached>();
/** The context whose kinds the registry holds. */
let inUse: string | undefined;

export interface KindDiscovery {
  /** Reads discovery (or takes it from the cache) into the registry; `fresh` reads it again. */
  load(fresh?: boolean): Promise<void>;
  /** A kind by any name kubectl accepts, reading discovery (again, for a name still unknown) when needed. */
  resolve(name: string): Promise<ResourceKind | undefined>;
}

export function kindDiscovery(session: Pick<Session, 'api' | 'contextName' | 'server'>): KindDiscovery {
  const key = `${session.contextName}\n${session.server}`;
  if (!byContext.has(key)) byContext.set(key, {});
  const entry = byContext.get(key)!;
  // This context is now the one in use: its kinds (when known) replace the last context's at once.
  inUse = key;
  setServedResources(entry.resources ?? []);
  const apply = () => {
    if (inUse === key) setServedResources(entry.resources ?? []);
  };
  const load = (fresh = false): Promise<void> => {
    if (entry.pending) return entry.pending;
    if (entry.resources && !fresh) {
      apply();
      return Promise.resolve();
    }
    entry.pending = discoverResources(session.api.kc)
      .then((resources) => {
        entry.resources = resources;
        apply();
      })
      .finally(() => (entry.pending = undefined));
    return entry.pending;
  };
  return {
    load,
    async resolve(name) {
      const known = findKind(name);
      if (known) return known;
      await load();
      return findKind(name) ?? (await load(true), findKind(name));
    },
  };
}
