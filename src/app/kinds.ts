// The kinds of the context in use, from its server's discovery (src/kube/discovery.ts) into the kind
// registry (src/resources/registry.ts setServedResources). Read lazily — after the first view's list
// was asked for, on `:` completion, or for a name no hand-made descriptor knows — and cached per
// context; a name still unknown reads discovery again (a CRD installed since) — one read at a time,
// shared by whoever asks meanwhile.
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

export interface KindDiscovery {
  /** Reads discovery (or takes it from the cache) into the registry; `fresh` reads it again. */
  load(fresh?: boolean): Promise<void>;
  /** A kind by any name kubectl accepts, reading discovery (again, for a name still unknown) when needed. */
  resolve(name: string): Promise<ResourceKind | undefined>;
}

export function kindDiscovery(session: Pick<Session, 'api' | 'contextName' | 'server'>): KindDiscovery {
  const key = `${session.contextName}\n${session.server}`;
  const load = (fresh = false): Promise<void> => {
    let c = byContext.get(key);
    if (!c) byContext.set(key, (c = {}));
    const entry = c;
    if (entry.pending) return entry.pending;
    if (entry.resources && !fresh) {
      setServedResources(entry.resources);
      return Promise.resolve();
    }
    entry.pending = discoverResources(session.api.kc)
      .then((resources) => {
        entry.resources = resources;
        setServedResources(resources);
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
