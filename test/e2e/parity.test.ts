// Parity: the same scripted steps on the embedded cluster and on the real control plane, then what kdash
// --once prints and what kubectl prints (get, rollout history, describe) compared after normalizing
// random names, ages, IPs and node names. Any other difference is a bug in one of them; the known ones
// are listed in KNOWN below, each named, so a new difference fails the test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeConfig } from '@kubernetes/client-node';
import { makeTypedApi, type TypedApi } from '../support/typedApi.js';
import { startSim, type Sim } from '@kdash/sim';
import { scaleWorkload } from '../../src/actions/scaleWorkload.js';
import { undoRollout } from '../../src/actions/undoRollout.js';
import { deploymentManifest, jobManifest, nodeManifest, NODES, serviceManifest } from './harness/classroom.js';
import { lineDiff, normalize, sortedTable, withoutMetricColumns } from './harness/normalize.js';
import { e2e, kubeConfig, run, until, type Run } from './support.js';
import { REPO_DIR } from './harness/paths.js';

const NS = 'parity';
// Generated-name prefixes whose random suffixes are masked (the token volume is named by admission).
const NAMES = ['webnodb', 'redis', 'db-migrate', 'kube-api-access'];

interface Known {
  capture: string;
  /** Matches the diff line ("sim: …" or "real: …"). */
  line: RegExp;
  why: string;
}

/**
 * Known differences, each a bug in the embedded cluster (packages/sim) or in kdash, reported to their owners.
 * Keep each entry as narrow as possible; an entry that no longer matches anything fails the test too.
 */
const KNOWN: Known[] = [
  // ---- the embedded cluster (packages/sim) differs from kube-apiserver + controllers ----
  // ---- kwok is not a kubelet: where the sim imitates a real kubelet, kwok does less ----
  {
    capture: 'kubectl describe pods -l app=redis',
    line: /^(sim: {3}Container ID: {2}containerd:\/\/[0-9a-f]{64}|real: {3}Container ID:|sim: {3}Image ID: {2}docker\.io\/library\/redis@sha256:[0-9a-f]{64}|real: {3}Image ID:)$/,
    why: 'kwok leaves containerID and imageID empty; a real kubelet fills them as the sim does',
  },
  {
    capture: 'kubectl describe pods -l app=redis',
    line: /^sim: {3}PodReadyToStartContainers {2}True$/,
    why: 'kwok does not set the PodReadyToStartContainers condition that kubelet 1.29+ sets (the sim does)',
  },
  {
    capture: 'kubectl describe pods -l app=redis',
    line: /^sim: {3}Normal {2}(Pulling|Pulled|Created|Started) {2}<age> {2}kubelet {2}spec\.containers\{redis\}: /,
    why: 'kwok records no kubelet events (Pulling/Pulled/Created/Started); a real kubelet does, as the sim does',
  },
];

interface Target {
  label: 'sim' | 'real';
  admin: TypedApi;
  kubeconfig: string;
  context: string;
  kubectl: string;
}

const inNs = <T extends Record<string, any>>(o: T): T => ({ ...o, metadata: { ...o.metadata, namespace: NS } });

async function settled(a: TypedApi, name: string, n: number, label: string): Promise<void> {
  let seen = '';
  await until(`${label}: ${name} at ${n} ready`, async () => {
    const d = await a.apps.readNamespacedDeployment({ name, namespace: NS });
    const pods = await a.core.listNamespacedPod({ namespace: NS, labelSelector: `app=${name}` });
    const s = d.status ?? {};
    seen = `status ${JSON.stringify(s)}; pods ${pods.items.map((p) => `${p.metadata?.name}:${p.status?.phase}${p.metadata?.deletionTimestamp ? ':deleting' : ''}`).join(',')}`;
    return s.observedGeneration === d.metadata?.generation && s.readyReplicas === n && s.updatedReplicas === n && s.replicas === n &&
      s.availableReplicas === n && pods.items.length === n && pods.items.every((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp);
  }, 90_000).catch((e: Error) => {
    throw new Error(`${e.message} (last seen: ${seen})`);
  });
}

/** The scripted steps, identical on both clusters. */
async function script(t: Target): Promise<void> {
  const a = t.admin;
  await a.core.createNamespace({ body: { metadata: { name: NS } } });
  if (t.label === 'real') await until('the default service account', () => a.core.readNamespacedServiceAccount({ name: 'default', namespace: NS }));
  await a.core.createNamespacedResourceQuota({ namespace: NS, body: { metadata: { name: 'compute-quota' }, spec: { hard: { 'requests.cpu': '2', 'requests.memory': '2Gi' } } } });
  await a.apps.createNamespacedDeployment({ namespace: NS, body: inNs(deploymentManifest('webnodb', 3, 'vgauthier/webnodb:latest', 5000)) as any });
  await a.apps.createNamespacedDeployment({ namespace: NS, body: inNs(deploymentManifest('redis', 1, 'redis:7', 6379)) as any });
  await a.core.createNamespacedService({ namespace: NS, body: inNs(serviceManifest('webnodb', 5000)) as any });
  await a.core.createNamespacedService({ namespace: NS, body: inNs(serviceManifest('redis', 6379)) as any });
  await a.batch.createNamespacedJob({ namespace: NS, body: inNs(jobManifest) as any });
  await settled(a, 'webnodb', 3, t.label);
  await settled(a, 'redis', 1, t.label);
  await until('db-migrate complete', async () => (await a.batch.readNamespacedJob({ name: 'db-migrate', namespace: NS })).status?.succeeded === 1);

  const web = { kind: 'deployments', namespace: NS, name: 'webnodb' };
  expect((await scaleWorkload(a, web, 4)).ok).toBe(true);
  await settled(a, 'webnodb', 4, t.label);
  // kubectl set image: read, change the image, replace (revision 2).
  const d = await a.apps.readNamespacedDeployment({ name: 'webnodb', namespace: NS });
  d.spec!.template.spec!.containers[0].image = 'vgauthier/webnodb:v2';
  await a.apps.replaceNamespacedDeployment({ name: 'webnodb', namespace: NS, body: d });
  await settled(a, 'webnodb', 4, t.label);
  expect((await undoRollout(a, web)).ok).toBe(true);
  await settled(a, 'webnodb', 4, t.label);
  const [victim] = (await a.core.listNamespacedPod({ namespace: NS, labelSelector: 'app=redis' })).items;
  await a.core.deleteNamespacedPod({ name: victim.metadata!.name!, namespace: NS });
  await until('the redis pod replaced', async () => {
    const pods = (await a.core.listNamespacedPod({ namespace: NS, labelSelector: 'app=redis' })).items;
    return pods.length === 1 && pods[0].metadata?.uid !== victim.metadata?.uid && pods[0].status?.phase === 'Running';
  });
  await settled(a, 'redis', 1, t.label);
  // The quota controller recounts usage on its own schedule after a deletion: compare once it agrees
  // with the pods that count (not finished).
  await until(`${t.label}: quota usage to match the running pods`, async () => {
    const pods = (await a.core.listNamespacedPod({ namespace: NS })).items.filter((p) => !['Succeeded', 'Failed'].includes(p.status?.phase ?? ''));
    const milli = (q: string) => (q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000);
    const mi = (q: string) => (q.endsWith('Gi') ? Number(q.slice(0, -2)) * 1024 : q.endsWith('Mi') ? Number(q.slice(0, -2)) : Number(q) / 2 ** 20);
    const sum = (f: (q: string) => number, r: 'cpu' | 'memory') =>
      pods.reduce((t, p) => t + (p.spec?.containers ?? []).reduce((u, c) => u + f(String(c.resources?.requests?.[r] ?? '0')), 0), 0);
    const q = await a.core.readNamespacedResourceQuota({ name: 'compute-quota', namespace: NS });
    const used = q.status?.used ?? {};
    return milli(used['requests.cpu'] ?? '0') === sum(milli, 'cpu') && mi(used['requests.memory'] ?? '0') === sum(mi, 'memory');
  });
}

interface Capture {
  id: string;
  table: boolean;
  get(t: Target): Promise<Run>;
}

const kdashOnce = (view: string): Capture => ({
  id: `kdash --once --view ${view}`,
  table: true,
  get: (t) => run(process.execPath, [join(REPO_DIR, 'dist', 'cli.js'), '--kubeconfig', t.kubeconfig, '--context', t.context, '-n', NS, '--once', '--view', view], { NO_COLOR: '1' }),
});
const kubectl = (args: string[], table: boolean): Capture => ({
  id: `kubectl ${args.join(' ')}`,
  table,
  get: (t) => run(t.kubectl, ['--kubeconfig', t.kubeconfig, '--context', t.context, '-n', NS, ...args]),
});

const CAPTURES: Capture[] = [
  ...['pods', 'deploy', 'rs', 'svc', 'jobs', 'quota'].map(kdashOnce),
  ...['pods', 'deploy', 'rs', 'svc', 'jobs', 'quota'].map((k) => kubectl(['get', k], true)),
  ...['pods', 'deploy', 'rs'].map((k) => kubectl(['get', k, '-o', 'wide'], true)),
  kubectl(['rollout', 'history', 'deployment/webnodb'], false),
  kubectl(['rollout', 'history', 'deployment/webnodb', '--revision=3'], false),
  kubectl(['rollout', 'status', 'deployment/webnodb'], false),
  kubectl(['describe', 'deployment', 'webnodb'], false),
  kubectl(['describe', 'service', 'webnodb'], false),
  kubectl(['describe', 'pods', '-l', 'app=redis'], false),
  kubectl(['describe', 'job', 'db-migrate'], false),
  kubectl(['describe', 'quota', 'compute-quota'], false),
];

async function captureAll(t: Target): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const c of CAPTURES) {
    const r = await c.get(t);
    const text = normalize(`${r.stdout}${r.stderr ? `\n[stderr] ${r.stderr}` : ''}${r.code ? `\n[exit ${r.code}]` : ''}`, NAMES);
    out.set(c.id, c.table ? sortedTable(withoutMetricColumns(text)) : text);
  }
  return out;
}

describe('parity: embedded cluster vs real control plane', () => {
  let sim: Sim;
  let dir: string;
  const results: Partial<Record<'sim' | 'real', Map<string, string>>> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kdash-parity-'));
    sim = await startSim({ scenario: 'bare', port: 0 });
    const simConfig = join(dir, 'sim.kubeconfig');
    sim.writeKubeconfig(simConfig);
    const simAdmin = makeTypedApi(sim.kubeConfig('admin'));
    // The real cluster's nodes are kwok's; the embedded cluster gets the same three.
    for (const n of NODES) {
      await simAdmin.core.createNode({ body: nodeManifest(n, { ready: true }) as any });
    }
    const targets: Target[] = [
      { label: 'sim', admin: simAdmin, kubeconfig: simConfig, context: 'sim-admin', kubectl: join(e2e().bin, 'kubectl') },
      { label: 'real', admin: makeTypedApi(kubeConfig('admin') as KubeConfig), kubeconfig: e2e().kubeconfigPath, context: 'e2e-admin', kubectl: join(e2e().bin, 'kubectl') },
    ];
    // Both clusters run the script at the same time, so ages stay comparable.
    await Promise.all(targets.map((t) => script(t)));
    for (const t of targets) results[t.label] = await captureAll(t);
    // KDASH_E2E_PARITY_OUT=dir keeps every normalized capture of both sides, for reading a difference.
    const keep = process.env.KDASH_E2E_PARITY_OUT;
    if (keep) {
      mkdirSync(keep, { recursive: true });
      for (const t of targets) for (const [id, text] of results[t.label]!) writeFileSync(join(keep, `${t.label}-${id.replace(/[^\w.-]+/g, '_')}.txt`), text + '\n');
    }
  }, 300_000);

  afterAll(async () => {
    try {
      await sim?.stop();
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('kdash and kubectl print the same on both clusters (except the named known differences)', () => {
    const unexplained: string[] = [];
    const used = new Set<Known>();
    for (const c of CAPTURES) {
      const diff = lineDiff(results.sim!.get(c.id)!, results.real!.get(c.id)!, ['sim', 'real']);
      for (const line of diff) {
        const known = KNOWN.find((k) => k.capture === c.id && k.line.test(line));
        if (known) used.add(known);
        else unexplained.push(`[${c.id}] ${line}`);
      }
    }
    const stale = KNOWN.filter((k) => !used.has(k)).map((k) => `stale KNOWN entry (fixed? remove it): [${k.capture}] ${k.line} — ${k.why}`);
    expect([...unexplained, ...stale]).toEqual([]);
  });
});
