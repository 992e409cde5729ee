// How the embedded cluster answers resourceVersions it never issued or no longer keeps, as measured on
// kube-apiserver v1.36: a watch ahead of the server is accepted and then silent, a list ahead of it
// waits ~3 s and fails with 504 "Too large resource version", and history older than the 5-minute
// compaction answers 410. kdash relies on each of these to notice that a server was replaced.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sim } from '../../src/index.js';
import { bareSim, clients, raw, readWatch, waitFor } from './support.js';

let sim: Sim;
beforeEach(async () => {
  sim = await bareSim({ bookmarkIntervalMs: 1000 });
});
afterEach(() => sim.stop());

const createCm = (name: string) => clients(sim.kubeConfig('admin')).core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name } } });

describe('a resourceVersion ahead of the server', () => {
  it('a watch answers 200 and then nothing — no event, no bookmark — until timeoutSeconds', async () => {
    const ahead = sim.store.rv + 100;
    const res = await raw(sim, `/api/v1/namespaces/default/configmaps?watch=1&allowWatchBookmarks=true&timeoutSeconds=10&resourceVersion=${ahead}`);
    expect(res.status).toBe(200);
    const reading = readWatch(res);
    await createCm('meanwhile');
    await sim.clock.advance(10_000);
    const { events, ended } = await reading;
    expect(ended).toBe(true);
    expect(events).toEqual([]);
  });

  it('a list waits 3 s, then answers 504 "Too large resource version" with Retry-After: 1', async () => {
    const current = sim.store.rv;
    const ahead = current + 100;
    let answered = false;
    const asked = sim.requests.count();
    const pending = raw(sim, `/api/v1/namespaces/default/configmaps?resourceVersion=${ahead}`).then((r) => ((answered = true), r));
    await waitFor(() => sim.requests.count() > asked, 'the list to reach the server');
    await sim.clock.advance(2_900);
    expect(answered).toBe(false);
    await sim.clock.advance(100);
    const res = await pending;
    expect(res.status).toBe(504);
    expect(res.headers.get('retry-after')).toBe('1');
    const body = await res.json();
    expect(body).toMatchObject({ kind: 'Status', code: 504, reason: 'Timeout', message: `Timeout: Too large resource version: ${ahead}, current: ${current}` });
  });

  it('a list at a version the server reaches within the wait is answered', async () => {
    const next = sim.store.rv + 1;
    const asked = sim.requests.count();
    const pending = raw(sim, `/api/v1/namespaces/default/configmaps?resourceVersion=${next}`);
    await waitFor(() => sim.requests.count() > asked, 'the list to reach the server');
    await createCm('arrives');
    await sim.clock.advance(100);
    const res = await pending;
    expect(res.status).toBe(200);
    expect((await res.json()).items.map((o: any) => o.metadata.name)).toEqual(['arrives']);
  });
});

describe('compaction by age', () => {
  it('a watch from a version older than the 5-minute compaction gets an ERROR 410, a recent one resumes', async () => {
    await createCm('old');
    const oldRv = sim.store.rv;
    await createCm('old-too');
    // kube-apiserver compacts every 5 minutes to the revision it saw at the previous run: what was
    // current 5 minutes ago is gone after 10.
    await sim.clock.advance(5 * 60_000);
    await createCm('newer');
    const recentRv = sim.store.rv;
    await sim.clock.advance(5 * 60_000);
    await createCm('newest');
    const gone = await readWatch(await raw(sim, `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${oldRv}`));
    expect(gone.ended).toBe(true);
    expect(gone.events).toEqual([{ type: 'ERROR', object: expect.objectContaining({ code: 410, reason: 'Expired', message: `too old resource version: ${oldRv} (${sim.store.oldestRv})` }) }]);
    const resumed = await readWatch(await raw(sim, `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${recentRv}`), (ev) => ev.length >= 1);
    expect(resumed.events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED newest']);
  });
});

describe('bookmarks', () => {
  it('a watch with timeoutSeconds gets a bookmark 2 s before its deadline, like the watch cache sends', async () => {
    const quiet = await bareSim({ bookmarkIntervalMs: 60_000 });
    try {
      const res = await raw(quiet, `/api/v1/namespaces/default/configmaps?watch=1&allowWatchBookmarks=true&timeoutSeconds=5&resourceVersion=${quiet.store.rv}`);
      const reading = readWatch(res);
      await quiet.clock.advance(2_900);
      await quiet.clock.advance(2_100);
      const { events, ended } = await reading;
      expect(ended).toBe(true);
      expect(events).toEqual([{ type: 'BOOKMARK', object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: String(quiet.store.rv) } } }]);
    } finally {
      await quiet.stop();
    }
  });
});
