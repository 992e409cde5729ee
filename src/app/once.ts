// `kdash --once`: the first view as a plain kubectl-style table after the first sync, then exit.
// Uses the same watchers and store as the dashboard, so it prints exactly what the screen shows.
// stdout gets the table and nothing else (scripts parse it); notes such as the quota line go to stderr.
import type { ColumnContext, KObj, ResourceKind } from '../resources/types.js';
import { renderPlainTable } from '../resources/plainTable.js';
import { keyOf } from '../store/keys.js';
import { selectColumns, selectObjects, selectWatcher } from '../store/selectors.js';
import { withServerColumns } from '../resources/serverTable.js';
import { quotaSummaryLine } from '../metrics/onceSummary.js';
import { UserError } from '../kube/errors.js';
import type { Session } from '../kube/session.js';
import { startRuntime } from './runtime.js';
import type { FirstList } from './firstList.js';
import { createClusterStore } from '../store/index.js';
import { createWatchManager } from '../watchers/manager.js';

export interface OnceRead {
  objects: KObj[];
  ctx: ColumnContext;
  /** The namespace read ('' = all namespaces or a cluster-scoped kind). */
  namespace: string;
  metrics: boolean;
  /** The namespace's quotas, for the note under the table. */
  quotas?: KObj[];
  /** The kind with the columns the server's Table stated (a kind drawn from it), else the kind itself. */
  printed: ResourceKind;
}

/** The first full list of a kind (or of the kinds a derived table is computed from), through the dashboard's watchers. */
export async function readOnce(session: Session, kind: ResourceKind, timeoutMs = 15_000, first?: FirstList): Promise<OnceRead> {
  // Lists only: --once prints and exits, so no watch is ever opened (a first list started before the
  // session's checks was started so too: src/app/dashboard.ts).
  const rt = startRuntime(session, { first: first ?? bareRuntimeParts(session) });
  const ns = !kind.namespaced || session.allNamespaces ? '' : session.namespace;
  // A derived table (the class view) reads its source kinds cluster-wide.
  const sources = kind.derived ? kind.derived.watches.map((id) => keyOf(id, '')) : [keyOf(kind.id, ns)];
  const releases = kind.derived ? kind.derived.watches.map((id) => rt.watches.use(id, '')) : [rt.watches.use(kind.id, ns)];
  first?.release();
  const wantsPods = kind.id !== 'pods' && kind.columns.some((c) => c.metrics);
  if (wantsPods || kind.id === 'nodes') releases.push(rt.watches.use('pods', kind.id === 'nodes' ? '' : ns));
  const quotaKey = ns && !kind.derived ? keyOf('resourcequotas', ns) : undefined;
  if (quotaKey) releases.push(rt.watches.use('resourcequotas', ns));
  try {
    const metricsDone = kind.derived ? undefined : rt.metrics.refresh().catch(() => undefined);
    const keys = [...sources, ...(quotaKey ? [quotaKey] : [])];
    await waitFor(() => keys.every((k) => settled(rt.store.getState(), k)), timeoutMs);
    await metricsDone;
    const state = rt.store.getState();
    const forbidden = sources.map((k) => selectWatcher(state, k)).find((p) => p?.phase === 'forbidden');
    if (forbidden?.phase === 'forbidden') throw new UserError(`${kind.id} ${kind.derived ? 'is' : 'are'} not available to this account: ${forbidden.message}`);
    const now = Date.now();
    const ctx: ColumnContext = {
      now,
      podMetrics: state.metricsAvailable ? state.podMetrics : undefined,
      nodeMetrics: state.metricsAvailable ? state.nodeMetrics : undefined,
      pods: selectObjects(state, keyOf('pods', kind.id === 'nodes' ? '' : ns)),
    };
    const objects = kind.derived
      ? kind.derived.rows(Object.fromEntries(kind.derived.watches.map((id) => [id, selectObjects(state, keyOf(id, ''))])), now)
      : selectObjects(state, keyOf(kind.id, ns));
    const printed = kind.derived ? kind : withServerColumns(kind, selectColumns(state, keyOf(kind.id, ns)));
    return { objects, ctx, namespace: ns, metrics: state.metricsAvailable === true, quotas: quotaKey ? selectObjects(state, quotaKey) : undefined, printed };
  } finally {
    releases.forEach((r) => r());
    await rt.stop();
  }
}

export async function printOnce(
  session: Session,
  kind: ResourceKind,
  out: NodeJS.WritableStream,
  notes: NodeJS.WritableStream = process.stderr,
  timeoutMs = 15_000,
  first?: FirstList,
): Promise<number> {
  const { objects, ctx, namespace: ns, metrics, quotas, printed } = await readOnce(session, kind, timeoutMs, first);
  if (objects.length === 0) {
    // kubectl says this on stderr too: a script reading stdout sees an empty table.
    notes.write(ns ? `No resources found in ${ns} namespace.\n` : 'No resources found\n');
  } else {
    // A kind drawn from the server's Table prints the columns that Table stated, as kubectl does.
    out.write(renderPlainTable(printed, objects, ctx, { allNamespaces: kind.namespaced && ns === '', metrics }));
  }
  if (quotas?.length) notes.write(quotaSummaryLine(quotas) + '\n');
  return 0;
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

