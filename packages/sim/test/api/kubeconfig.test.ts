import { CoreV1Api, KubeConfig, Log, Watch } from '@kubernetes/client-node';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startSim, type Sim } from '../../src/index.js';
import { apiError, waitFor } from './support.js';

let sim: Sim;
beforeAll(async () => {
  sim = await startSim({ scenario: 'classroom', clock: 'manual' });
});
afterAll(() => sim.stop());

describe('kubeconfig', () => {
  it('has sim-student (current, namespace vgauthier) and sim-admin contexts on 127.0.0.1', () => {
    const doc = parse(sim.kubeconfigYaml());
    expect(doc['current-context']).toBe('sim-student');
    const ctx = Object.fromEntries(doc.contexts.map((c: any) => [c.name, c.context]));
    expect(ctx['sim-student'].namespace).toBe('vgauthier');
    expect(Object.keys(ctx)).toEqual(['sim-student', 'sim-admin']);
    for (const c of doc.clusters) expect(c.cluster.server.startsWith(sim.url)).toBe(true);
    expect(doc.users.map((u: any) => u.user.token).sort()).toEqual([sim.tokens.admin, sim.tokens.student].sort());
  });

  it('works as written with client-node: list, watch and logs as the student; admin context switches identity', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfigYaml());
    const core = kc.makeApiClient(CoreV1Api);
    const pods = await core.listNamespacedPod({ namespace: 'vgauthier' });
    expect(pods.items.length).toBeGreaterThan(0);
    expect((await apiError(core.listNode())).code).toBe(403);
    const seen: string[] = [];
    const ac = await new Watch(kc).watch('/api/v1/namespaces/vgauthier/pods', {}, (type, o) => seen.push(`${type} ${o.metadata.name}`), () => {});
    await waitFor(() => seen.length >= pods.items.length, 'initial ADDED events');
    ac.abort();
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    const web = pods.items.find((p) => p.metadata?.labels?.app === 'webnodb')!;
    await new Log(kc).log('vgauthier', web.metadata!.name!, 'webnodb', out, { tailLines: 2 });
    await waitFor(() => text.split('\n').filter(Boolean).length === 2, 'two log lines');
    kc.setCurrentContext('sim-admin');
    expect((await kc.makeApiClient(CoreV1Api).listNode()).items).toHaveLength(3);
  });
});
