// The initial list of 10k realistic pods must be quick: pages parsed as they come, trimmed, applied once.
import { afterEach, describe, expect, it } from 'vitest';
import { createClusterStore, dispatchChanges, selectObjects } from '../../src/store/index.js';
import { createBatcher } from '../../src/watchers/batcher.js';
import { startWatcher, type Watcher } from '../../src/watchers/watcher.js';
import { startFakeServer, type FakeServer } from './fakeServer.js';
import { until } from '../support/until.js';

function realisticPod(i: number) {
  const name = `web-7d9f8c6b5-${i.toString(36).padStart(5, '0')}`;
  return {
    metadata: {
      name,
      namespace: 'prod',
      uid: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
      resourceVersion: String(1000 + i),
      creationTimestamp: '2026-11-20T10:00:00Z',
      labels: { app: 'web', 'pod-template-hash': '7d9f8c6b5' },
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'x'.repeat(1500) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f8c6b5', uid: 'rs-1', controller: true }],
      managedFields: Array.from({ length: 4 }, (_, k) => ({ manager: `m${k}`, operation: 'Update', fieldsV1: { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:ports': {} } } } } })),
    },
    spec: {
      nodeName: `node-${i % 50}`,
      containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
    },
    status: {
      phase: 'Running',
      podIP: `10.0.${i % 250}.${i % 200}`,
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-11-20T10:00:05Z' }],
      containerStatuses: [{ name: 'web', ready: true, restartCount: 0, state: { running: { startedAt: '2026-11-20T10:00:04Z' } } }],
    },
  };
}

let server: FakeServer | undefined;
let watcher: Watcher | undefined;
afterEach(async () => {
  await watcher?.stop();
  await server?.close();
});

describe('initial list performance', () => {
  it('lists 10k pods in pages of 500 quickly and trims them', async () => {
    const N = 10_000;
    const pages: Buffer[] = [];
    for (let p = 0; p < N / 500; p++) {
      const items = Array.from({ length: 500 }, (_, k) => realisticPod(p * 500 + k));
      const cont = p + 1 < N / 500 ? String(p + 1) : undefined;
      pages.push(Buffer.from(JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '99999', continue: cont }, items })));
    }
    server = await startFakeServer((_req, res, url) => {
      if (url.searchParams.get('watch')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.flushHeaders();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(pages[Number(url.searchParams.get('continue') ?? 0)]);
    });
    const store = createClusterStore();
    let updates = 0;
    store.subscribe(() => updates++);
    const batcher = createBatcher((c) => dispatchChanges(store, c));
    const start = performance.now();
    watcher = startWatcher(server.kc, { key: 'pods@prod', path: '/api/v1/namespaces/prod/pods' }, batcher);
    await until(() => store.getState().watchers['pods@prod']?.phase === 'live', 'pods@prod live', { timeoutMs: 20_000, everyMs: 5 });
    const ms = performance.now() - start;
    const pods = selectObjects(store.getState(), 'pods@prod');
    expect(pods).toHaveLength(N);
    expect(pods[0].metadata.managedFields).toBeUndefined();
    expect(pods[0].metadata.annotations).toBeUndefined();
    // Pages show up while the list goes on, but in a handful of renders, not one per page.
    expect(updates).toBeLessThan(20);
    console.log(`10k pods listed in ${ms.toFixed(0)} ms, ${updates} store updates`);
    // Generous bound for a shared 2-core machine running other suites (alone: ~1 s including the server side).
    expect(ms).toBeLessThan(8_000);
  });
});
