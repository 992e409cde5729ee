// One dashboard session that can move to another kubeconfig context without restarting (`:ctx`).
// The new context is opened and checked (reachable, credentials accepted, its namespace there,
// permissions read) while the old one keeps running; only then are the old watches, metrics polls and
// log streams stopped, and the app is drawn again from nothing on a new store, so no row of the old
// cluster can show as live in the new one. A context that fails leaves everything as it was.
import React, { useSyncExternalStore } from 'react';
import type { Session } from '../kube/session.js';
import { verifyNamespace } from '../kube/session.js';
import { probeList } from '../kube/probes.js';
import type { ResourceRef } from '../kube/objects.js';
import { findKind } from '../resources/registry.js';
import type { ResourceKind } from '../resources/types.js';
import { App } from '../views/App.js';
import { ServicesProvider } from '../views/context.js';
import type { ForwardRegistry, TerminalHandoff, ViewPorts } from '../views/ports.js';
import type { Flash, TableSpec } from '../views/screens.js';
import { sessionNotes, type Connection } from './connect.js';
import { startRuntime, type Runtime } from './runtime.js';
import type { FirstList } from './firstList.js';
import { createServices } from './services.js';
import { createForwardRegistry } from './forwards.js';
import type { ClassViewOptions } from '../course/classKind.js';
import { noState, type StateStore } from './stateFile.js';

export interface LiveOptions {
  logTail?: number;
  confirmQuit?: boolean;
  allowReveal?: boolean;
  /** kdash class's selection for :class. */
  classOptions?: ClassViewOptions;
  metricsIntervalMs?: number;
  state?: StateStore;
  /** The terminal lent to shells, attaches and editors (one for the process). */
  terminal?: TerminalHandoff;
  /** --shell: the command `s` runs (default: bash, then sh). */
  shell?: string[];
  /** --address: where `F` forwards listen (default 127.0.0.1). */
  forwardAddress?: string;
  /** Where the user's aliases are read from (for :aliases). */
  aliasesFile?: string;
  /** The first view's list, started before the session was checked: the first runtime adopts it. */
  first?: FirstList;
  exit(code: number): void;
}

export interface LiveState {
  session: Session;
  runtime: Runtime;
  /** The context's port forwards: they follow its pods, and end with it (a switch, quitting). */
  forwards: ForwardRegistry & { stopAll(): Promise<void> };
  services: ViewPorts;
  initial: TableSpec;
  /** Changes at each switch: the app is mounted afresh. */
  generation: number;
  /** The footer's first line after a switch. */
  flash?: Flash;
}

export interface LiveSession {
  current(): LiveState;
  subscribe(fn: () => void): () => void;
  switchTo(name: string, kindId?: string): Promise<{ ok: boolean; message: string }>;
  stop(): Promise<void>;
}

type LiveConnection = Pick<Connection, 'session' | 'readonly' | 'staticNotes' | 'contexts'>;

const NAMESPACES: ResourceRef = { group: '', version: 'v1', plural: 'namespaces', namespaced: false };

const unique = (xs: string[]) => [...new Set(xs.filter(Boolean))];

function tableFor(kind: ResourceKind, session: Session): TableSpec {
  return { type: 'table', kind, namespace: kind.namespaced && !session.allNamespaces ? session.namespace : '' };
}

export function startLive(conn: LiveConnection, firstView: ResourceKind, opts: LiveOptions): LiveSession {
  const state = opts.state ?? noState;
  const listeners = new Set<() => void>();
  let switching: string | undefined;
  let stopped = false;

  function build(session: Session, kind: ResourceKind, generation: number, flash?: Flash, first?: FirstList): LiveState {
    const runtime = startRuntime(session, { metricsIntervalMs: opts.metricsIntervalMs, first });
    runtime.metrics.start();
    const context = session.contextName;
    const forwards = createForwardRegistry(session, runtime, opts.forwardAddress ?? '127.0.0.1');
    const services = createServices(session, runtime, conn.readonly, {
      terminal: opts.terminal,
      forwards,
      shell: opts.shell,
      notes: [...conn.staticNotes, ...sessionNotes(session)],
      logTail: opts.logTail,
      confirmQuit: opts.confirmQuit,
      allowReveal: opts.allowReveal,
      classOptions: opts.classOptions,
      aliasesFile: opts.aliasesFile,
      exit: opts.exit,
    });
    services.contexts = {
      current: context,
      list: () => conn.contexts.list(),
      switchTo: (name, kindId) => live.switchTo(name, kindId),
    };
    services.namespaces = {
      known() {
        // The session's own, the ones used lately here, then those the kubeconfig's contexts name on
        // this cluster: what a student may switch to without listing namespaces.
        const cluster = safeList().find((c) => c.name === context)?.cluster;
        const fromConfig = safeList()
          .filter((c) => c.cluster === cluster)
          .map((c) => c.namespace || 'default');
        return unique([session.namespace, ...state.recentNamespaces(context), ...fromConfig]);
      },
      recent: () => state.recentNamespaces(context),
      check: (ns) => verifyNamespace(session.api, ns, session.where).then(
        () => undefined,
        (err: Error) => err.message.split('\n')[0],
      ),
      remember: (ns) => state.rememberNamespace(context, ns),
      // The rules review may be unknown (refused under --readonly, or timed out): then ask the server.
      async listable() {
        if (session.permissions.can('list', 'namespaces', '').allowed === false) return false;
        return (await probeList(session.api, NAMESPACES)) !== false;
      },
    };
    services.rememberView = (kindId) => state.rememberView(context, kindId);
    return { session, runtime, forwards, services, initial: tableFor(kind, session), generation, flash };
  }

  const safeList = () => {
    try {
      return conn.contexts.list();
    } catch {
      return [];
    }
  };

  let cur = build(conn.session, firstView, 0, undefined, opts.first);
  // Let go of the early hold: the list lingers (the manager's 15 s) until the first table, drawn in a
  // moment, holds the same watch — one list, never a second.
  opts.first?.release();

  const live: LiveSession = {
    current: () => cur,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    async switchTo(name, kindId) {
      if (name === cur.session.contextName) return { ok: true, message: `already on context ${name}` };
      if (switching) return { ok: false, message: `already switching to context ${switching}` };
      const names = safeList().map((c) => c.name);
      if (names.length && !names.includes(name)) return { ok: false, message: `context "${name}" is not in the kubeconfig (contexts: ${names.join(', ')})` };
      switching = name;
      let next: Session;
      try {
        next = await conn.contexts.open(name);
      } catch (err) {
        return { ok: false, message: `context ${name} failed, still on ${cur.session.contextName}: ${(err as Error).message.split('\n')[0]}` };
      } finally {
        switching = undefined;
      }
      if (stopped) return { ok: false, message: 'kdash is quitting' };
      const old = cur;
      // The last view used in that context, else the kind in view now, if this account may list it
      // there (the admin's namespaces table is no view for a student), else pods.
      const usable = (k: ResourceKind | undefined) =>
        k && next.permissions.can('list', k.plural, k.group, k.namespaced ? next.namespace : undefined).allowed !== false ? k : undefined;
      const kind = usable(findKind(state.lastView(name) ?? '')) ?? usable(findKind(kindId ?? '')) ?? (findKind('pods') as ResourceKind);
      const message = `context ${name} · namespace ${next.namespace}`;
      cur = build(next, kind, old.generation + 1, { text: message, tone: 'ok' });
      state.rememberNamespace(name, next.namespace);
      listeners.forEach((l) => l());
      await old.forwards.stopAll();
      await old.runtime.stop();
      return { ok: true, message };
    },
    async stop() {
      stopped = true;
      await cur.forwards.stopAll();
      await cur.runtime.stop();
    },
  };
  return live;
}

/** The app of the current context; mounted afresh (a new store, no screen of the old one) at each switch. */
export function LiveApp({ live, columns, rows }: { live: LiveSession; columns: number; rows: number }) {
  const cur = useSyncExternalStore(live.subscribe, live.current, live.current);
  return (
    <ServicesProvider value={cur.services}>
      <App key={cur.generation} columns={columns} rows={rows} initial={cur.initial} flash={cur.flash} />
    </ServicesProvider>
  );
}
