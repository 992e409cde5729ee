// The dashboard's port forwards (`F`, `:pf`): each one holds a pod watch on its namespace for as long as
// it runs, so it follows its target's pods from the store; all of them end when kdash exits.
import type { Session } from '../kube/session.js';
import type { KObj } from '../resources/types.js';
import { whenListed } from '../store/index.js';
import { keyOf } from '../store/keys.js';
import { selectObjects } from '../store/selectors.js';
import type { PodTarget } from '../streams/podTargets.js';
import { startForward, type Forward, type ForwardInfo } from '../streams/portForward.js';
import type { ForwardRegistry } from '../views/ports.js';
import type { Runtime } from './runtime.js';

export function createForwardRegistry(session: Session, rt: Runtime, address: string): ForwardRegistry & { stopAll(): Promise<void> } {
  const forwards = new Map<number, { fwd: Forward; release(): void; off(): void }>();
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((fn) => fn());
  return {
    async start(target: PodTarget, mapping: { local: number; remote: number | string }, service?: KObj): Promise<ForwardInfo> {
      const release = rt.watches.use('pods', target.namespace);
      const key = keyOf('pods', target.namespace);
      try {
        await whenListed(rt.store, key);
        const fwd = await startForward(
          session.api.kc,
          { target, port: mapping.remote, localPort: mapping.local, address },
          { pods: () => selectObjects(rt.store.getState(), key), subscribe: (fn) => rt.store.subscribe(fn), service: () => service },
        );
        const off = fwd.subscribe(changed);
        forwards.set(fwd.info().id, { fwd, release, off });
        changed();
        return fwd.info();
      } catch (err) {
        release();
        throw err;
      }
    },
    list: () => [...forwards.values()].map((f) => f.fwd.info()),
    async stop(id: number) {
      const f = forwards.get(id);
      if (!f) return;
      forwards.delete(id);
      await f.fwd.stop();
      f.off();
      f.release();
      changed();
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    async stopAll() {
      await Promise.all([...forwards.keys()].map((id) => this.stop(id)));
    },
  };
}
