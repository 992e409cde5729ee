// How views reach their ports (src/views/ports.ts): the store (read through selectors), the watch
// manager (start/stop a list+watch while a view shows a kind), permissions and the session's
// operations, all bound to the API outside the views. Views never call the API themselves.
import React, { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { ClusterState, WatcherPhase } from '../store/types.js';
import { selectObjects } from '../store/selectors.js';
import { keyOf } from '../store/keys.js';
import type { KObj } from '../resources/types.js';
import type { ViewPorts } from './ports.js';

const ServicesContext = createContext<ViewPorts | null>(null);

export function ServicesProvider({ value, children }: { value: ViewPorts; children: React.ReactNode }) {
  return <ServicesContext.Provider value={value}>{children}</ServicesContext.Provider>;
}

export function useServices(): ViewPorts {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices outside ServicesProvider');
  return s;
}

/** Subscribes to a slice of the store; re-renders only when the selected value changes identity. */
export function useClusterState<T>(selector: (s: ClusterState) => T): T {
  const { store } = useServices();
  const sel = useRef(selector);
  sel.current = selector;
  return useSyncExternalStore(
    store.subscribe,
    () => sel.current(store.getState()),
    () => sel.current(store.getState()),
  );
}

/** Keeps a watch running while the component is mounted. */
export function useWatch(kindId: string | undefined, namespace: string): void {
  const { watch } = useServices();
  useEffect(() => {
    if (!kindId) return;
    return watch(kindId, namespace);
  }, [watch, kindId, namespace]);
}

/** Keeps the list+watch of several kinds in one scope running while the component is mounted. */
export function useWatches(kindIds: readonly string[] | undefined, namespace: string): void {
  const { watch } = useServices();
  const ids = kindIds?.join(',') ?? '';
  useEffect(() => {
    if (!ids) return;
    const releases = ids.split(',').map((id) => watch(id, namespace));
    return () => releases.forEach((release) => release());
  }, [watch, ids, namespace]);
}

/**
 * The objects of several kinds in one scope, by descriptor id: one value whose identity changes only
 * when one of the kinds' objects changed, so a table derived from them recomputes only then.
 */
export function useObjectsByKind(kindIds: readonly string[] | undefined, namespace: string): Record<string, readonly KObj[]> {
  const cache = useRef<{ arrays: KObj[][]; byKind: Record<string, readonly KObj[]> }>(undefined);
  return useClusterState((s) => {
    const ids = kindIds ?? [];
    const arrays = ids.map((id) => selectObjects(s, keyOf(id, namespace)));
    const last = cache.current;
    if (last && last.arrays.length === arrays.length && last.arrays.every((a, i) => a === arrays[i])) return last.byKind;
    const byKind = Object.fromEntries(ids.map((id, i) => [id, arrays[i]]));
    cache.current = { arrays, byKind };
    return byKind;
  });
}

/** The phase of a table fed by several watches: the least trustworthy of theirs (forbidden first). */
export function worstPhase(phases: Array<WatcherPhase | undefined>): WatcherPhase | undefined {
  const rank = (p: WatcherPhase | undefined) =>
    !p ? 2 : p.phase === 'forbidden' ? 6 : p.phase === 'stale' ? 5 : p.phase === 'reconnecting' ? 4 : p.phase === 'stopped' ? 3 : p.phase === 'syncing' ? 2 : 1;
  let worst: WatcherPhase | undefined = phases[0];
  for (const p of phases) if (rank(p) > rank(worst)) worst = p;
  return worst;
}

export function useReadonly(): boolean {
  const { readonly } = useServices();
  return useSyncExternalStore(readonly.subscribe, readonly.get, readonly.get);
}

// One timer per interval for every component that shows the time: all of them update in the same
// task, so React renders them together — one frame per tick, not one per component.
const clocks = new Map<number, { listeners: Set<(now: number) => void>; timer: ReturnType<typeof setInterval> }>();

export function subscribeClock(intervalMs: number, listener: (now: number) => void): () => void {
  let clock = clocks.get(intervalMs);
  if (!clock) {
    const listeners = new Set<(now: number) => void>();
    const timer = setInterval(() => {
      const now = Date.now();
      for (const l of listeners) l(now);
    }, intervalMs);
    clock = { listeners, timer };
    clocks.set(intervalMs, clock);
  }
  clock.listeners.add(listener);
  return () => {
    clock.listeners.delete(listener);
    if (clock.listeners.size === 0) {
      clearInterval(clock.timer);
      clocks.delete(intervalMs);
    }
  };
}

/**
 * A clock for AGE columns: ticks once per interval without refetching anything. Views also pick up,
 * on each tick, changes they chose not to draw at once (see useObjects).
 */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = React.useState(() => Date.now());
  useEffect(() => subscribeClock(intervalMs, setNow), [intervalMs]);
  return now;
}

/**
 * The clock of a view that draws the time only where it shows: every tick asks `differs(now)` whether
 * the new time changes what the view drew (an AGE's text, a change the view left for the tick) and
 * re-renders only then, so a tick that changes nothing draws nothing. The time returned is always the
 * latest tick's, also in a render caused by something else (a key, a store change).
 */
export function useClock(differs: (now: number) => boolean, intervalMs = 1000): number {
  const [, redraw] = React.useReducer((n: number) => n + 1, 0);
  const latest = useRef(0);
  if (latest.current === 0) latest.current = Date.now();
  const differsRef = useRef(differs);
  differsRef.current = differs;
  useEffect(
    () =>
      subscribeClock(intervalMs, (now) => {
        latest.current = now;
        if (differsRef.current(now)) redraw();
      }),
    [intervalMs],
  );
  return latest.current;
}

/**
 * The objects of a watch key, read at each render. A store change re-renders at once only when
 * `shows(next)` says it changes what is on screen; otherwise it waits for the component's next
 * render (its clock tick, a key). Under churn in a large table almost no change is on screen, and a
 * frame of a 200×50 terminal costs ~10 ms: drawing one per batch was most of kdash's CPU.
 */
export function useObjects(key: string, shows: (next: KObj[]) => boolean): KObj[] {
  const { store } = useServices();
  const [, redraw] = React.useReducer((n: number) => n + 1, 0);
  const showsRef = useRef(shows);
  showsRef.current = shows;
  useEffect(
    () =>
      store.subscribe((state, prev) => {
        const next = selectObjects(state, key);
        if (next !== selectObjects(prev, key) && showsRef.current(next)) redraw();
      }),
    [store, key],
  );
  return selectObjects(store.getState(), key);
}
