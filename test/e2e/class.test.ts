// The teacher's class view on the real control plane: five student namespaces with quotas and the
// course label, each with its own number of pods; `kdash class -o json` (as the admin) counts what
// kubectl counts, requests against quotas as the quota controller computed them, and the student
// context gets the one line instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, kdash, kubectl, until } from './support.js';

const admin = api('admin');
const STUDENTS = ['e2e-class-a', 'e2e-class-b', 'e2e-class-c', 'e2e-class-d', 'e2e-class-e'];
const LABEL = 'course=e2e-class';

function deployment(namespace: string, replicas: number) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } } }] },
      },
    },
  };
}

beforeAll(async () => {
  for (const [i, ns] of STUDENTS.entries()) {
    await admin.objects.create({ group: '', version: 'v1', plural: 'namespaces', namespaced: false }, '', { metadata: { name: ns, labels: { course: 'e2e-class' } } });
    await admin.objects.create({ group: '', version: 'v1', plural: 'resourcequotas', namespaced: true }, ns, {
      metadata: { name: 'compute-quota' },
      spec: { hard: { 'requests.cpu': '2', 'requests.memory': '2Gi', pods: '20' } },
    });
    // 0, 1, 2, 3, 4 replicas: every namespace a different count.
    await admin.objects.create({ group: 'apps', version: 'v1', plural: 'deployments', namespaced: true }, ns, deployment(ns, i));
  }
  // Settled: every deployment's pods Running (kwok), every quota counting them.
  await until('the five namespaces settled', async () => {
    for (const [i, ns] of STUDENTS.entries()) {
      const pods = await admin.objects.list({ group: '', version: 'v1', plural: 'pods', namespaced: true }, ns);
      if (pods.filter((p: any) => p.status?.phase === 'Running').length !== i) return false;
      const q = await admin.objects.get({ group: '', version: 'v1', plural: 'resourcequotas', namespaced: true }, ns, 'compute-quota');
      if (q.status?.used?.pods !== String(i)) return false;
    }
    return true;
  }, 120_000);
});

afterAll(async () => {
  for (const ns of STUDENTS) await kubectl(['delete', 'namespace', ns, '--wait=false'], { user: 'admin' });
});

describe('kdash class on a real control plane', () => {
  it('-o json counts each namespace as kubectl does, and quota use as the quota controller computed it', async () => {
    const r = await kdash(['class', '--context', 'e2e-admin', '--selector', LABEL, '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const items: any[] = JSON.parse(r.stdout).items;
    expect(items.map((i) => i.namespace)).toEqual(STUDENTS);
    for (const item of items) {
      const k = await kubectl(['get', 'pods', '-n', item.namespace, '-o', 'jsonpath={range .items[*]}{.status.phase}{"\\n"}{end}'], { user: 'admin' });
      const phases = k.stdout.split('\n').filter(Boolean);
      expect(item.pods, item.namespace).toBe(phases.filter((p) => p !== 'Succeeded' && p !== 'Failed').length);
      expect(item.runningPods, item.namespace).toBe(phases.filter((p) => p === 'Running').length);
      const used = await kubectl(['get', 'resourcequota', 'compute-quota', '-n', item.namespace, '-o', 'jsonpath={.status.used.requests\\.cpu}'], { user: 'admin' });
      const milli = used.stdout.endsWith('m') ? Number(used.stdout.slice(0, -1)) / 1000 : Number(used.stdout);
      expect(item.cpuRequested, item.namespace).toBeCloseTo(milli);
      expect(item.cpuQuota).toBe(2);
      expect(item.state).toBe(item.runningPods > 0 ? 'running' : 'stopped');
    }
  });

  it('down --all --dry-run plans the namespaces with pods, and the table prints the same rows', async () => {
    const dry = await kdash(['down', '--all', '--context', 'e2e-admin', '--selector', LABEL, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^Plan for 4 namespaces \(dry run: nothing will change\):/);
    expect(dry.stdout).toContain('namespace e2e-class-e:\n    scale deployment.apps/web 4 → 0');
    expect(dry.stdout).not.toContain('namespace e2e-class-a:');
    const table = await kdash(['class', '--context', 'e2e-admin', '--selector', LABEL, '-o', 'table']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.trimEnd().split('\n').slice(1).map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(STUDENTS.map((ns, i) => `${ns} ${i}/${i}`));
  });

  it('the student gets one line saying what the view needs', async () => {
    const r = await kdash(['class', '--context', 'e2e-student', '-o', 'json']);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/kdash class needs a teacher's account \(list namespaces and pods everywhere\): you cannot list namespaces/);
  });
});
