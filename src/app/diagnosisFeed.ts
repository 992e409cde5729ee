// The dashboard's diagnosis of a namespace, kept fresh while someone looks (the :doctor screen, `x`, the
// tables' row markers): read again every few seconds, so a finding disappears once it is fixed. The
// kinds the dashboard already watches live are taken from the store instead of listed again; a read
// that fails keeps the last diagnosis, marked not live, with the error.
import type { Session } from '../kube/session.js';
import { describeError } from '../kube/errors.js';
import { keyOf } from '../store/keys.js';
import { diagnoseNamespace } from '../diagnose/diagnose.js';
import { previousLogLines, readSnapshot, type SnapshotKind } from '../diagnose/snapshot.js';
import type { DiagnosisFeed, DiagnosisState } from '../views/ports.js';
import type { Runtime } from './runtime.js';
import { historyKey } from '../metrics/history.js';
import type { KObj } from '../resources/types.js';

/** How often a namespace is diagnosed again while a diagnosis is on screen, and for the tables' row markers only. */
export const DIAGNOSIS_INTERVAL_MS = 3000;
export const MARKER_INTERVAL_MS = 15_000;

/**
 * The share of one core the row markers may take: a diagnosis of 10k pods once cost ~0.5 s of CPU, which
 * every 15 s was the largest part of kdash's CPU under churn. The markers wait at least the interval,
 * and longer when a run cost more; a screen showing the diagnosis keeps its own pace.
 */
export const MARKER_CPU_SHARE = 0.03;

/** The wait before the next diagnosis: the screen's pace while one is on screen, else the markers' within their CPU share. */
export function nextDiagnosisDelay(onScreen: boolean, busyMs: number, intervals: { screen: number; markers: number }): number {
  if (onScreen) return intervals.screen;
  return Math.max(intervals.markers, Math.round(busyMs / MARKER_CPU_SHARE));
}

/** Snapshot fields the store may already hold, by the store's kind id. */
const WATCHED: Partial<Record<SnapshotKind, string>> = {
  pods: 'pods', deployments: 'deployments', replicaSets: 'replicasets', statefulSets: 'statefulsets', daemonSets: 'daemonsets',
  services: 'services', events: 'events', quotas: 'resourcequotas',
};

/**
 * `state` is the latest diagnosis, what the row markers show; `screenState` the latest with every rule,
 * what a diagnosis screen shows (a run for the markers alone leaves out the findings that only inform).
 */
interface Entry { users: number; onScreen: number; state: DiagnosisState; screenState: DiagnosisState; timer?: ReturnType<typeof setTimeout>; running: boolean; stopped: boolean }

const NOT_READ: DiagnosisState = { live: false };

/** How soon the diagnosis looks again while a kind it reads from the store is still being listed. */
export const MARKER_WAIT_LIVE_MS = 1000;

export function createDiagnosisFeed(
  session: Session,
  rt: Runtime,
  intervals: { screen: number; markers: number; waitLive?: number } = { screen: DIAGNOSIS_INTERVAL_MS, markers: MARKER_INTERVAL_MS },
): DiagnosisFeed {
  const entries = new Map<string, Entry>();
  const listeners = new Set<() => void>();
  const refused = new Set<string>();
  const notify = () => listeners.forEach((l) => l());
  const cached = (ns: string) => (kind: SnapshotKind) => {
    const id = WATCHED[kind];
    if (!id) return undefined;
    const s = rt.store.getState();
    const key = keyOf(id, ns);
    return s.watchers[key]?.phase === 'live' ? s.kinds[key]?.objects : undefined;
  };

  /**
   * A kind the dashboard watches here is being listed by its watcher (first sync, or back after a lost
   * connection): the diagnosis waits for it instead of listing it a second time — at 10k pods a second
   * copy of the list (~0.3 GB of heap on a real API server, seconds of parsing) beside the watcher's,
   * and twice a restarted server's work. Only a diagnosis screen opened with nothing to show yet reads
   * at once.
   */
  const catchingUp = (ns: string) => {
    const s = rt.store.getState();
    return Object.values(WATCHED).some((id) => {
      const p = s.watchers[keyOf(id, ns)]?.phase;
      return p === 'syncing' || p === 'reconnecting' || p === 'stale';
    });
  };

  /** The highest memory the metrics history saw per one-container pod (an OOM finding's "highest usage seen"). */
  function memoryPeaks(pods: KObj[], ns: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const p of pods) {
      const containers = p.spec?.containers ?? [];
      const key = historyKey({ kind: 'pod', namespace: ns, name: p.metadata.name });
      if (containers.length !== 1 || !rt.metrics.history.has(key)) continue;
      const mem = rt.metrics.history.series(key).memBytes;
      if (mem.length) out.set(`${p.metadata.name}/${containers[0].name}`, Math.max(...mem));
    }
    return out;
  }

  async function run(ns: string, e: Entry): Promise<void> {
    if (e.running || e.stopped) return;
    if ((e.onScreen === 0 || e.state.diagnosis) && catchingUp(ns)) {
      // The last diagnosis stays, not live (its rows are not either); looked at again shortly.
      if (e.state.live || e.screenState.live) {
        e.state = { ...e.state, live: false };
        if (e.screenState.live) e.screenState = { ...e.screenState, live: false };
        notify();
      }
      e.timer = setTimeout(() => void run(ns, e), intervals.waitLive ?? MARKER_WAIT_LIVE_MS);
      return;
    }
    e.running = true;
    const full = e.onScreen > 0;
    let busyMs = 0;
    try {
      const snap = await readSnapshot(session.api.objects, ns, {
        cached: cached(ns),
        // Asked as the server will judge it, and never again after a 403: a student's nodes are refused once, not every read.
        can: (r) => !refused.has(`${r.group}/${r.plural}`) && session.permissions.can('list', r.plural, r.group, r.namespaced ? ns : undefined).allowed,
        onRefused: (r) => refused.add(`${r.group}/${r.plural}`),
      });
      const t0 = performance.now();
      snap.memoryPeak = memoryPeaks(snap.pods, ns);
      e.state = { diagnosis: { namespace: ns, findings: diagnoseNamespace(snap, { info: full }), skipped: snap.skipped, at: snap.now }, live: true };
      busyMs = performance.now() - t0;
      e.screenState = full ? e.state : NOT_READ;
    } catch (err) {
      const failed = { live: false, error: describeError(err), failedAt: Date.now() };
      e.state = { ...e.state, ...failed };
      e.screenState = { ...e.screenState, ...failed };
    } finally {
      e.running = false;
    }
    if (e.stopped) return;
    notify();
    // A screen opened while a run for the markers alone was under way reads the whole diagnosis now.
    const delay = !full && e.onScreen > 0 ? 0 : nextDiagnosisDelay(e.onScreen > 0, busyMs, intervals);
    e.timer = setTimeout(() => void run(ns, e), delay);
  }

  return {
    watch(ns, use = 'screen') {
      let e = entries.get(ns);
      const fresh = !e;
      if (!e) {
        e = { users: 0, onScreen: 0, state: NOT_READ, screenState: NOT_READ, running: false, stopped: false };
        entries.set(ns, e);
      }
      e.users++;
      if (use === 'screen') e.onScreen++;
      const entry = e;
      // A screen opening on a namespace the markers read slowly: read now, then at the screen's pace.
      if (fresh || (use === 'screen' && entry.onScreen === 1 && !entry.running)) {
        if (entry.timer) clearTimeout(entry.timer);
        void run(ns, entry);
      }
      return () => {
        if (use === 'screen') entry.onScreen--;
        if (--entry.users > 0) return;
        entry.stopped = true;
        if (entry.timer) clearTimeout(entry.timer);
        entries.delete(ns);
      };
    },
    get: (ns, use = 'screen') => (use === 'screen' ? entries.get(ns)?.screenState : entries.get(ns)?.state),
    subscribe(fn) {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    refresh(ns) {
      const e = entries.get(ns);
      if (!e || e.running) return;
      if (e.timer) clearTimeout(e.timer);
      void run(ns, e);
    },
    previousLog: (ns, pod, container) => previousLogLines(session.api.kc, ns, pod, container),
  };
}
