// `kdash --once`: the first view as a plain kubectl-style table after the first sync, then exit.
// Uses the same watchers and store as the dashboard, so it prints exactly what the screen shows.
// stdout gets the table and nothing else (scripts parse it); notes such as the quota line go to stderr.
import type { ResourceKind } from '../resources/types.js';
import { renderPlainTable } from '../resources/plainTable.js';
import { keyOf } from '../store/keys.js';
import { selectObjects, selectWatcher } from '../store/selectors.js';
import { quotaSummaryLine } from '../metrics/onceSummary.js';
import { UserError } from '../kube/errors.js';
import type { Session } from '../kube/session.js';
import { startRuntime } from './runtime.js';
import type { FirstList } from './firstList.js';
import { createClusterStore } from '../store/index.js';
import { createWatchManager } from '../watchers/manager.js';

export async function printOnce(
  session: Session,
  kind: ResourceKind,
  out: NodeJS.WritableStream,
  notes: NodeJS.WritableStream = process.stderr,
  timeoutMs = 15_000,
  first?: FirstList,
): Promise<number> {
  // Lists only: --once prints and exits, so no watch is ever opened (a first list started before the
  // session's checks was started so too: src/app/dashboard.ts).
  const rt = startRuntime(session, { first: first ?? { ...bareRuntimeParts(session) } });
  const ns = !kind.namespaced || session.allNamespaces ? '' : session.namespace;
  const key = keyOf(kind.id, ns);
  const releases = [rt.watches.use(kind.id, ns)];
  first?.release();
  const wantsPods = kind.id !== 'pods' && kind.columns.some((c) => c.metrics);
  if (wantsPods || kind.id === 'nodes') releases.push(rt.watches.use('pods', kind.id === 'nodes' ? '' : ns));
  const quotaKey = ns ? keyOf('resourcequotas', ns) : undefined;
  if (quotaKey) releases.push(rt.watches.use('resourcequotas', ns));
  try {
    const metricsDone = rt.metrics.refresh().catch(() => undefined);
    const keys = [key, ...(quotaKey ? [quotaKey] : [])];
    await waitFor(() => keys.every((k) => settled(rt.store.getState(), k)), timeoutMs);
    await metricsDone;
    const state = rt.store.getState();
    const phase = selectWatcher(state, key);
    if (phase?.phase === 'forbidden') throw new UserError(`${kind.id} are not available to this account: ${phase.message}`);
    const ctx = {
      now: Date.now(),
      podMetrics: state.metricsAvailable ? state.podMetrics : undefined,
      nodeMetrics: state.metricsAvailable ? state.nodeMetrics : undefined,
      pods: selectObjects(state, keyOf('pods', kind.id === 'nodes' ? '' : ns)),
    };
    const objs = selectObjects(state, key);
    if (objs.length === 0) {
      // kubectl says this on stderr too: a script reading stdout sees an empty table.
      notes.write(ns ? `No resources found in ${ns} namespace.\n` : 'No resources found\n');
    } else {
      out.write(renderPlainTable(kind, objs, ctx, { allNamespaces: kind.namespaced && ns === '', metrics: state.metricsAvailable === true }));
    }
    if (quotaKey) {
      const quotas = selectObjects(state, quotaKey);
      if (quotas.length) notes.write(quotaSummaryLine(quotas) + '\n');
    }
    return 0;
  } finally {
    releases.forEach((r) => r());
    await rt.stop();
  }
}

function settled(state: ReturnType<ReturnType<typeof startRuntime>['store']['getState']>, key: string): boolean {
  const p = selectWatcher(state, key)?.phase;
  return p === 'live' || p === 'forbidden';
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new UserError(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for the first list from the server`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A store and a list-only watch manager, for a session whose first list was not started early. */
function bareRuntimeParts(session: Session) {
  const store = createClusterStore();
  return { store, watches: createWatchManager(session.api, store, { reauth: session.reloadCredentials, listOnly: true }) };
}
