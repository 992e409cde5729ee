// The diagnosis (the :doctor screen, the tables' row markers) takes the pods the dashboard watches from
// the store; while their watcher lists them again after a lost connection it waits for it, instead of
// listing every pod a second time beside the watcher's relist (10k pods: twice the restarted server's
// work, and seconds of this process parsing).
import { afterEach, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import { openSessionFromKubeConfig } from '../../src/kube/session.js';
import { startRuntime, type Runtime } from '../../src/app/runtime.js';
import { createDiagnosisFeed } from '../../src/app/diagnosisFeed.js';
import { startProxy, type RecordingProxy } from '../watchers/proxy.js';
import { until } from '../support/until.js';

let sim: Sim | undefined;
let proxy: RecordingProxy | undefined;
let rt: Runtime | undefined;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await rt?.stop();
  await proxy?.close();
  await sim?.stop();
  rt = undefined;
  proxy = undefined;
  sim = undefined;
});

it('waits for the pods watcher to be live again instead of listing the pods beside its relist', async () => {
  sim = await startSim({ scenario: 'empty', runtime: false, port: 0 });
  const ns = sim.student.namespace;
  for (const name of ['web-1', 'web-2']) sim.store.create('pods', { metadata: { name, namespace: ns }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  proxy = await startProxy(sim);
  const session = await openSessionFromKubeConfig(proxy.kubeConfig(sim.tokens.student), { namespace: ns });
  rt = startRuntime(session, { metricsIntervalMs: 60_000 });
  const store = rt.store;
  const key = `pods@${ns}`;
  const phase = () => store.getState().watchers[key]?.phase;
  cleanups.push(rt.watches.use('pods', ns));
  await until(() => phase() === 'live');
  const feed = createDiagnosisFeed(session, rt, { screen: 50, markers: 50 });
  cleanups.push(feed.watch(ns));
  await until(() => feed.get(ns)?.live && feed.get(ns)?.diagnosis);
  // Whole-collection pod reads that are not the watcher's (its lists are paged or WatchLists).
  const podReads = () => proxy!.requests.filter((u) => u.pathname === `/api/v1/namespaces/${ns}/pods` && !u.searchParams.has('watch') && !u.searchParams.has('limit')).length;
  expect(podReads()).toBe(0);
  const liveness: boolean[] = [];
  cleanups.push(feed.subscribe(() => liveness.push(!!feed.get(ns)?.live)));

  await sim.restart();
  await until(() => phase() !== 'live');
  await until(() => phase() === 'live');
  await until(() => feed.get(ns)?.live);
  expect(podReads()).toBe(0);
  // Meanwhile the last diagnosis was shown as not live, like the rows.
  expect(liveness).toContain(false);
});
