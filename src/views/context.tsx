// What the views can reach: the store (read through selectors), the watch manager (start/stop a
// list+watch while a view shows a kind), and the session's operations (bound to the API outside
// the views). Views never call the API themselves.
import React, { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { ClusterState } from '../store/types.js';
import type { ResourceKind } from '../resources/types.js';
import type { Operations } from '../app/operations.js';

export interface SessionInfo {
  contextName: string;
  server: string;
  user: string;
  /** The namespace the session started in (context namespace or -n). */
  namespace: string;
  allNamespaces: boolean;
  /** Short notes shown under the header, e.g. "namespace-only account: nodes and namespaces are hidden". */
  notes: string[];
  serverVersion?: string;
}

export interface Permission {
  allowed: boolean;
  reason?: string;
}

export interface AppServices {
  info: SessionInfo;
  store: StoreApi<ClusterState>;
  /** Starts (or shares) the list+watch of a kind in a namespace ('' = cluster-wide/all); returns release. */
  watch(kindId: string, namespace: string): () => void;
  can(verb: string, kind: ResourceKind, namespace?: string): Permission;
  ops: Operations;
  /** Current read-only state and a way to switch it on for the rest of the session. */
  readonly: { get(): boolean; enable(): void; subscribe(fn: () => void): () => void };
  /** The namespace in view changed (`:ns`, `0`): metrics follow it. '' = all namespaces. */
  focusNamespace(namespace: string): void;
  /** Lines of history a log view starts with (--tail; default 200). */
  logTail?: number;
  /** Colours off (--no-color / NO_COLOR). */
  color: boolean;
  /** Ends the app (restores the terminal). */
  exit(code?: number): void;
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ value, children }: { value: AppServices; children: React.ReactNode }) {
  return <ServicesContext.Provider value={value}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
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

export function useReadonly(): boolean {
  const { readonly } = useServices();
  return useSyncExternalStore(readonly.subscribe, readonly.get, readonly.get);
}

/** A clock for AGE columns: ticks once per second without refetching anything. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = React.useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}
