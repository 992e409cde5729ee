// Polls metrics.k8s.io (there is no watch for metrics) and writes the latest usage to the store
// through `apply`, plus one sample per poll into the history. Calm by design: an absent metrics
// API is said once (available: false), a forbidden node list quietly stops node polling, and
// errors back off instead of repeating.
import type { Api } from '../kube/api.js';
import type { StoreChange } from '../store/types.js';
import { describeError, statusCodeOf as errorCode } from '../kube/errors.js';
import { kubeJson, kubeRequest } from '../kube/http.js';
import { MetricsHistory, nextTurn, type WorkloadOf } from './history.js';
import { ListItemsSplitter } from './listItems.js';
import { tryParseQuantity } from './quantity.js';
import type { Usage } from './usage.js';

const GROUP = 'metrics.k8s.io';

export interface MetricsPollerOptions {
  namespace?: string;
  allNamespaces?: boolean;
  /** Poll node metrics too (stops by itself on 403). */
  nodes: boolean;
  /** Default 15000 (metrics-server scrapes every 15 s by default). */
  intervalMs?: number;
  /** Samples kept per series; default 60. Ignored when `history` is given. */
  historySize?: number;
  history?: MetricsHistory;
  workloadOf?: WorkloadOf;
  now?: () => number;
}

export type MetricsPollerState =
  | { state: 'discovering' }
  | { state: 'absent' }
  | { state: 'live'; since: number }
  | { state: 'failing'; failures: number; lastError: string }
  | { state: 'forbidden'; message: string }
  | { state: 'stopped' };

export interface MetricsPoller {
  start(): void;
  stop(): void;
  history: MetricsHistory;
  /** Polls now (discovering first if needed); resolves when the poll's changes are applied. */
  refresh(): Promise<void>;
  /** Follows a namespace switch (`:ns NAME`, -A); polls at once. */
  setScope(scope: { namespace?: string; allNamespaces?: boolean }): void;
  status(): MetricsPollerState;
  /** Whether node metrics are still being asked for (false after a 403). */
  readonly nodesPolled: boolean;
}

/** Pods handled between two turns of the event loop. */
const STEP = 2000;
/** A pod metrics list that takes longer than this is given up (and retried with backoff). */
const LIST_TIMEOUT_MS = 60_000;

/** Consecutive failures after which the last usage is withdrawn rather than shown as current. */
const STALE_AFTER = 3;

/** The failure as the metrics status line says it (the one describer, src/kube/errors.ts). */
const errorText = (err: unknown): string => describeError(err, { brief: true });

function sumContainers(containers: unknown): Usage | undefined {
  if (!Array.isArray(containers)) return undefined;
  let found = false;
  const u: Usage = { cpuMilli: 0, memBytes: 0 };
  for (const c of containers) {
    const cpu = tryParseQuantity(c?.usage?.cpu);
    const mem = tryParseQuantity(c?.usage?.memory);
    if (cpu !== undefined) u.cpuMilli += cpu * 1000;
    if (mem !== undefined) u.memBytes += mem;
    found ||= cpu !== undefined || mem !== undefined;
  }
  return found ? u : undefined;
}

export function createMetricsPoller(
  api: Api,
  apply: (changes: StoreChange[]) => void,
  opts: MetricsPollerOptions,
): MetricsPoller {
  const interval = Math.max(100, opts.intervalMs ?? 15_000);
  const now = opts.now ?? Date.now;
  const history = opts.history ?? new MetricsHistory({ capacity: opts.historySize, workloadOf: opts.workloadOf });
  let scope = { namespace: opts.namespace, allNamespaces: opts.allNamespaces };
  let version: string | undefined; // metrics.k8s.io version; undefined until discovered
  let absentSaid = false;
  let nodesPolled = opts.nodes;
  let podsForbidden = false;
  let failures = 0;
  let state: MetricsPollerState = { state: 'discovering' };
  let started = false;
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: Promise<void> | undefined;
  let scopeGen = 0;
  let abortList: (() => void) | undefined;

  async function discover(): Promise<string | undefined> {
    type Group = { name?: string; versions?: { version?: string }[]; preferredVersion?: { version?: string } };
    const list = await kubeJson<{ groups?: Group[] }>(api.kc, '/apis', { timeoutMs: LIST_TIMEOUT_MS });
    const group = list?.groups?.find((g) => g.name === GROUP);
    if (!group) return undefined;
    const versions = (group.versions ?? []).map((v) => v.version).filter((v): v is string => typeof v === 'string');
    return versions.includes('v1beta1') ? 'v1beta1' : (group.preferredVersion?.version ?? versions[0]);
  }

  /** Streams the PodMetrics list and reads it item by item (at 50k pods one JSON.parse of it took ~0.2 s). */
  async function listPods(v: string): Promise<{ usage: Map<string, Usage>; labels: Map<string, Record<string, string>> }> {
    const path =
      scope.allNamespaces || !scope.namespace
        ? `/apis/${GROUP}/${v}/pods`
        : `/apis/${GROUP}/${v}/namespaces/${encodeURIComponent(scope.namespace)}/pods`;
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(new Error(`no metrics from the server in ${LIST_TIMEOUT_MS / 1000}s`)), LIST_TIMEOUT_MS);
    abortList = () => ctl.abort(new Error('stopped'));
    const usage = new Map<string, Usage>();
    const labels = new Map<string, Record<string, string>>();
    try {
      const res = await kubeRequest(api.kc, path, { signal: ctl.signal, gzip: true });
      res.body.setEncoding('utf8');
      const splitter = new ListItemsSplitter();
      let done = 0;
      for await (const chunk of res.body) {
        for (const text of splitter.push(chunk as string)) {
          if (++done % STEP === 0) await nextTurn(); // keys and frames go on while 50k items are read
          const item = JSON.parse(text);
          const name = item?.metadata?.name;
          const ns = item?.metadata?.namespace;
          if (typeof name !== 'string' || typeof ns !== 'string') continue;
          const u = sumContainers(item.containers);
          if (!u) continue;
          usage.set(`${ns}/${name}`, u);
          if (item.metadata.labels && typeof item.metadata.labels === 'object') labels.set(`${ns}/${name}`, item.metadata.labels);
        }
      }
      if (!res.complete() || !splitter.complete()) throw new Error('metrics list cut off mid-way');
    } catch (err) {
      throw ctl.signal.aborted ? ctl.signal.reason : err;
    } finally {
      clearTimeout(timer);
      abortList = undefined;
    }
    return { usage, labels };
  }

  async function listNodes(v: string): Promise<Map<string, Usage>> {
    const items = await api.objects.list({ group: GROUP, version: v, plural: 'nodes', namespaced: false });
    const out = new Map<string, Usage>();
    for (const item of items) {
      const name = item?.metadata?.name;
      if (typeof name !== 'string') continue;
      const cpu = tryParseQuantity(item?.usage?.cpu);
      const mem = tryParseQuantity(item?.usage?.memory);
      if (cpu === undefined && mem === undefined) continue;
      out.set(name, { cpuMilli: (cpu ?? 0) * 1000, memBytes: mem ?? 0 });
    }
    return out;
  }

  /** One poll. Returns the delay until the next one. */
  async function cycle(): Promise<number> {
    const gen = scopeGen;
    try {
      if (version === undefined) {
        version = await discover();
        if (disposed) return interval;
        if (version === undefined) {
          state = { state: 'absent' };
          if (!absentSaid) apply([{ type: 'metrics', available: false }]);
          absentSaid = true;
          failures = 0;
          // Someone may install metrics-server later: look again, rarely and quietly.
          return Math.max(60_000, interval * 4);
        }
      }
      const v = version;
      const podsP = podsForbidden ? Promise.resolve(undefined) : listPods(v).catch((err) => forbiddenOr(err, 'pods'));
      const nodesP = nodesPolled ? listNodes(v).catch((err) => forbiddenOr(err, 'nodes')) : Promise.resolve(undefined);
      const [pods, nodes] = await Promise.all([podsP, nodesP]);
      if (disposed || gen !== scopeGen) return interval;
      if (podsForbidden && !nodesPolled) {
        state = { state: 'forbidden', message: 'metrics: pods.metrics.k8s.io is forbidden for you' };
        if (!absentSaid) apply([{ type: 'metrics', available: false }]);
        absentSaid = true;
        return Math.max(60_000, interval * 4);
      }
      absentSaid = false;
      failures = 0;
      state = { state: 'live', since: now() };
      await history.recordInSteps({ t: now(), pods: pods?.usage ?? new Map(), podLabels: pods?.labels, nodes }, STEP);
      if (disposed || gen !== scopeGen) return interval;
      apply([{ type: 'metrics', available: true, podMetrics: pods?.usage, nodeMetrics: nodes }]);
      return interval;
    } catch (err) {
      if (disposed) return interval;
      const code = errorCode(err);
      if (code === 404) version = undefined; // the API went away: discover again next time
      failures++;
      state = { state: 'failing', failures, lastError: errorText(err) };
      if (failures === STALE_AFTER) {
        // Never show old usage as current: withdraw it (views show n/a) until a poll succeeds.
        apply([{ type: 'metrics', available: true, podMetrics: new Map(), nodeMetrics: nodesPolled ? new Map() : undefined }]);
      }
      const backoff = Math.min(interval * 2 ** (failures - 1), Math.max(interval, 120_000));
      return backoff * (0.8 + Math.random() * 0.4);
    }
  }

  /** A 403 stops asking for that list (calmly); anything else fails the whole poll. */
  function forbiddenOr(err: unknown, what: 'pods' | 'nodes'): undefined {
    if (errorCode(err) !== 403) throw err;
    if (what === 'nodes') nodesPolled = false;
    else podsForbidden = true;
    return undefined;
  }

  function schedule(ms: number): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!started || disposed) return;
    timer = setTimeout(() => {
      timer = undefined;
      void refresh();
    }, ms);
    timer.unref?.();
  }

  function refresh(): Promise<void> {
    if (inflight) return inflight;
    if (disposed) return Promise.resolve();
    inflight = cycle()
      .then((delay) => schedule(delay))
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  }

  return {
    history,
    start() {
      if (started || disposed) return;
      started = true;
      void refresh();
    },
    stop() {
      disposed = true;
      abortList?.();
      started = false;
      state = { state: 'stopped' };
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    refresh,
    setScope(next) {
      scope = { namespace: next.namespace, allNamespaces: next.allNamespaces };
      scopeGen++;
      podsForbidden = false;
      if (inflight) void inflight.then(() => refresh());
      else void refresh();
    },
    status: () => state,
    get nodesPolled() {
      return nodesPolled;
    },
  };
}
