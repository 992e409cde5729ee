// The first screen streamed (src/watchers/watchList.ts) and the paged list overlapped
// (src/watchers/pages.ts), against the embedded cluster through a recording proxy and a hand-driven
// server: what the watcher asked for, in what order, and what the store shows meanwhile.
import { afterEach, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import type { WatchListSupport } from '../../src/watchers/watchList.js';
import { startProxy, type RecordingProxy } from './proxy.js';
import { cm, sendJson, startFakeServer, type FakeServer } from './fakeServer.js';
import { watchRig, type WatchRig } from './helpers.js';
import { until } from '../support/until.js';

const NS = 'default';
const KEY = `configmaps@${NS}`;
const PATH = `/api/v1/namespaces/${NS}/configmaps`;

let sim: Sim | undefined;
let proxy: RecordingProxy | undefined;
let server: FakeServer | undefined;
const rigs: WatchRig[] = [];

afterEach(async () => {
  await Promise.all(rigs.splice(0).map((r) => r.watcher.stop()));
  await proxy?.close();
  await server?.close();
  await sim?.stop();
  sim = proxy = server = undefined;
});

async function simWith(n: number, opts: { watchList?: boolean } = {}) {
  sim = await startSim({ scenario: 'empty', port: 0, runtime: false, ...opts });
  for (let i = 0; i < n; i++) sim.store.create('configmaps', { metadata: { name: `cm-${String(i).padStart(4, '0')}`, namespace: NS }, data: { v: 'x'.repeat(200) } });
  proxy = await startProxy(sim);
  return sim;
}

const rig = (hooks: { watchList?: WatchListSupport }) => {
  const r = watchRig(proxy!.kubeConfig(sim!.tokens.admin), KEY, PATH, {}, 20, hooks);
  rigs.push(r);
  return r;
};

describe('WatchList first sync', () => {
  it('one WatchList brings every object, rows show while it arrives, and the live watch starts from its end bookmark', async () => {
    await simWith(3000);
    const support: WatchListSupport = { state: 'unknown' };
    const r = rig({ watchList: support });
    await until(() => r.phase() === 'live' && proxy!.watches().length === 1);
    expect(r.names()).toHaveLength(3000);
    expect(support.state).toBe('yes');
    // No paged list: the one read of the whole state is the WatchList.
    const reads = proxy!.lists();
    expect(reads).toHaveLength(1);
    expect(Object.fromEntries(reads[0].searchParams)).toMatchObject({ watch: '1', sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan', allowWatchBookmarks: 'true' });
    // The live watch resumes exactly where the initial events ended (the bookmark's version).
    expect(proxy!.watches()[0].searchParams.get('resourceVersion')).toBe(String(sim!.store.rv));
    // Before it was live, the phase said how far it was.
    const live = r.phases.findIndex((p) => p.phase === 'live');
    const progress = r.phases.slice(0, live).filter((p) => p.phase === 'syncing' && p.loaded !== undefined) as Array<{ loaded: number }>;
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.loaded).toBe(3000);
  });

  it('a server that refuses WatchList (the feature gate off) is listed page by page, and not asked again', async () => {
    await simWith(1203, { watchList: false });
    const support: WatchListSupport = { state: 'unknown' };
    const first = rig({ watchList: support });
    await until(() => first.phase() === 'live');
    expect(first.names()).toHaveLength(1203);
    expect(support.state).toBe('no');
    const pages = proxy!.lists().filter((u) => u.searchParams.get('limit') === '500');
    expect(pages).toHaveLength(3);
    const before = proxy!.requests.length;
    const second = watchRig(proxy!.kubeConfig(sim!.tokens.admin), 'configmaps@kube-system', '/api/v1/namespaces/kube-system/configmaps', {}, 20, { watchList: support });
    rigs.push(second);
    await until(() => second.phase() === 'live');
    expect(proxy!.requests.slice(before).some((u) => u.searchParams.has('sendInitialEvents'))).toBe(false);
  });

  it('a relist after a connection loss (the server could not be vouched for) goes through WatchList again and replaces the rows', async () => {
    await simWith(5);
    const r = rig({ watchList: { state: 'unknown' } });
    await until(() => r.phase() === 'live' && proxy!.watches().length === 1);
    sim!.faults.dropWatches();
    sim!.store.remove('configmaps', NS, 'cm-0000');
    await until(() => proxy!.lists().length >= 2 && r.phase() === 'live' && r.names().length === 4);
    expect(proxy!.lists().every((u) => u.searchParams.get('sendInitialEvents') === 'true')).toBe(true);
    expect(r.names()).not.toContain('cm-0000');
  });
});

describe('paged list', () => {
  it('asks for page n+1 as soon as page n has told its continue token, while page n is still arriving', async () => {
    const arrived: string[] = [];
    let firstPageOpen = false;
    server = await startFakeServer((_req, res, url) => {
      if (url.searchParams.get('watch')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.flushHeaders();
        return;
      }
      const cont = url.searchParams.get('continue');
      arrived.push(`${cont ?? 'first'}${firstPageOpen ? ' (while page 1 was still open)' : ''}`);
      if (cont) return sendJson(res, 200, { kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '7' }, items: [cm('b', '6')] });
      // Page 1: the metadata at once, the items 300 ms later (a big page being written).
      firstPageOpen = true;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"7","continue":"page-2","remainingItemCount":1},"items":[');
      setTimeout(() => {
        firstPageOpen = false;
        res.end(`${JSON.stringify(cm('a', '5'))}]}`);
      }, 300);
    });
    const r = watchRig(server.kc, KEY, PATH);
    rigs.push(r);
    await until(() => r.phase() === 'live');
    expect(r.names()).toEqual(['a', 'b']);
    expect(arrived).toEqual(['first', 'page-2 (while page 1 was still open)']);
    // While the list came, the phase said how far it was against the server's count.
    expect(r.phases.find((p) => p.phase === 'syncing' && p.loaded !== undefined)).toMatchObject({ loaded: 1, total: 2 });
  });
});
