// Watchers of one session wait for a server that went away together: the first to hear it again
// wakes the others, so a view whose own backoff still has a long way to go is back with the first.
import { afterEach, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import { createReconnects } from '../../src/watchers/resume.js';
import { watchRig, type WatchRig } from './helpers.js';
import { until } from '../support/until.js';

let sim: Sim | undefined;
const rigs: WatchRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.watcher.stop();
  await sim?.stop();
  sim = undefined;
});

it('a watcher with a long backoff is back as soon as another one hears the restarted server', async () => {
  sim = await startSim({ scenario: 'empty', runtime: false, port: 0 });
  const ns = sim.student.namespace;
  sim.store.create('configmaps', { metadata: { name: 'a', namespace: ns } });
  const path = `/api/v1/namespaces/${ns}/configmaps`;
  const kc = sim.kubeConfig('student');
  const hooks = { reconnects: createReconnects() };
  const quick = watchRig(kc, 'quick', path, { refusedBackoffMaxMs: 100 }, 20, hooks);
  // Its own backoff after a cut connection: at least 45 s.
  const slow = watchRig(kc, 'slow', path, { backoffBaseMs: 60_000, backoffMaxMs: 60_000, refusedBackoffMaxMs: 60_000 }, 20, hooks);
  rigs.push(quick, slow);
  await until(() => quick.phase() === 'live' && slow.phase() === 'live');
  await sim.restart();
  sim.store.create('configmaps', { metadata: { name: 'b', namespace: ns } });
  await until(() => slow.phases.some((p) => p.phase === 'reconnecting'));
  const back = Date.now();
  await until(() => slow.phase() === 'live' && slow.names().join() === 'a,b', 'the slow watcher live with both rows', 10_000);
  expect(Date.now() - back).toBeLessThan(10_000);
  expect(quick.phase()).toBe('live');
});

it('a wait ends at its time when nobody hears the server, and at once when someone does', async () => {
  const r = createReconnects();
  const never = new AbortController();
  const t0 = Date.now();
  await r.wait(30, never.signal);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
  const long = r.wait(60_000, never.signal);
  r.heard();
  await long; // would time the test out without the wake
});
