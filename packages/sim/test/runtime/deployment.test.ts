import { afterEach, describe, expect, it } from 'vitest';
import { demoRig, deployment, ready, type Rig } from './harness.js';
import type { KubeObject } from '../../src/types.js';

let rig: Rig;
afterEach(() => rig?.stop());

const rsOf = (name: string) => rig.store.list('replicasets.apps', 'demo').filter((r) => r.metadata.ownerReferences?.[0]?.name === name);
const rev = (r: KubeObject) => r.metadata.annotations?.['deployment.kubernetes.io/revision'];
const live = (p: KubeObject) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded';
const dep = (name: string) => rig.store.get('deployments.apps', 'demo', name)!;
const rolledOut = (name: string) => {
  const d = dep(name);
  const s = d.status ?? {};
  return s.observedGeneration >= d.metadata.generation! && s.updatedReplicas === d.spec.replicas && s.replicas === d.spec.replicas && s.availableReplicas === d.spec.replicas;
};

async function setup(): Promise<void> {
  rig = await demoRig(3);
}

describe('deployment controller', () => {
  it('creates one replica set per template hash whose pods become Running and Ready', async () => {
    await setup();
    rig.store.create('deployments.apps', deployment('demo', 'web', 3));
    await rig.until('3 ready pods', () => rig.pods('demo').filter(ready).length === 3);
    const [rs] = rsOf('web');
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(rev(rs)).toBe('1');
    expect(rs.metadata.annotations!['deployment.kubernetes.io/desired-replicas']).toBe('3');
    expect(rs.metadata.annotations!['deployment.kubernetes.io/max-replicas']).toBe('4');
    for (const p of rig.pods('demo')) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.labels!['pod-template-hash']).toBe(hash);
      expect(p.status.phase).toBe('Running');
      expect(p.status.podIP).toMatch(/^10\.9\.\d\.\d+$/);
    }
    await rig.until('deployment status', () => rolledOut('web'));
    const d = dep('web');
    expect(d.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 0 });
    const conds = Object.fromEntries(d.status.conditions.map((c: any) => [c.type, c]));
    expect(conds.Available).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
    expect(conds.Progressing).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.` });
    expect(rig.events('demo', 'ScalingReplicaSet').map((e) => e.message)).toContain(`Scaled up replica set ${rs.metadata.name} from 0 to 3`);
    expect(rig.events('demo', 'SuccessfulCreate')[0].message).toMatch(/^Created pod: web-/);
  });

  it('scales up and down, deleting the replica set\'s pods gracefully', async () => {
    await setup();
    rig.store.create('deployments.apps', deployment('demo', 'web', 2));
    await rig.until('rolled out', () => rolledOut('web'));
    rig.store.mutate('deployments.apps', 'demo', 'web', (d) => ((d.spec.replicas = 5), d));
    await rig.until('5 ready', () => rolledOut('web') && rig.pods('demo').filter(ready).length === 5);
    rig.store.mutate('deployments.apps', 'demo', 'web', (d) => ((d.spec.replicas = 1), d));
    await rig.run(0);
    expect(rig.pods('demo').filter((p) => p.metadata.deletionTimestamp)).toHaveLength(4);
    await rig.until('1 pod left', () => rig.pods('demo').length === 1);
    expect(rsOf('web')).toHaveLength(1);
    expect(rig.events('demo', 'ScalingReplicaSet').map((e) => e.message)).toContain(`Scaled down replica set ${rsOf('web')[0].metadata.name} from 5 to 1`);
  });

  it('rolls out a new template without breaking maxSurge / maxUnavailable', async () => {
    await setup();
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } };
    rig.store.create('deployments.apps', deployment('demo', 'web', 4, { strategy }));
    await rig.until('rolled out', () => rolledOut('web'));
    rig.store.mutate('deployments.apps', 'demo', 'web', (d) => ((d.spec.template.spec.containers[0].image = 'nginx:1.28'), d));
    let maxTotal = 0;
    let minAvailable = Infinity;
    let sawBoth = false;
    await rig.until('second rollout done', () => {
      const pods = rig.pods('demo').filter(live);
      maxTotal = Math.max(maxTotal, pods.length);
      minAvailable = Math.min(minAvailable, pods.filter(ready).length);
      const images = new Set(pods.map((p) => p.spec.containers[0].image));
      if (images.size === 2) sawBoth = true;
      return rolledOut('web') && images.size === 1 && images.has('nginx:1.28') && rig.pods('demo').length === 4;
    }, 300_000, 100);
    expect(sawBoth).toBe(true);
    expect(maxTotal).toBeLessThanOrEqual(5); // replicas + maxSurge
    expect(minAvailable).toBeGreaterThanOrEqual(3); // replicas - maxUnavailable
    const sets = rsOf('web');
    expect(sets).toHaveLength(2);
    const newest = sets.find((r) => rev(r) === '2')!;
    expect(newest.spec.replicas).toBe(4);
    expect(sets.find((r) => rev(r) === '1')!.spec.replicas).toBe(0);
    expect(dep('web').metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('Recreate stops every old pod before starting new ones', async () => {
    await setup();
    rig.store.create('deployments.apps', deployment('demo', 'db', 2, { strategy: { type: 'Recreate' } }));
    await rig.until('rolled out', () => rolledOut('db'));
    rig.store.mutate('deployments.apps', 'demo', 'db', (d) => ((d.spec.template.spec.containers[0].image = 'nginx:1.28'), d));
    let overlap = false;
    await rig.until('recreated', () => {
      const images = new Set(rig.pods('demo').map((p) => p.spec.containers[0].image));
      if (images.size > 1) overlap = true;
      return rolledOut('db') && images.size === 1 && images.has('nginx:1.28');
    }, 120_000, 100);
    expect(overlap).toBe(false);
  });

  it('does not roll out while paused, and does once resumed', async () => {
    await setup();
    rig.store.create('deployments.apps', deployment('demo', 'web', 2));
    await rig.until('rolled out', () => rolledOut('web'));
    rig.store.mutate('deployments.apps', 'demo', 'web', (d) => ((d.spec.paused = true), d));
    await rig.run(0);
    rig.store.mutate('deployments.apps', 'demo', 'web', (d) => ((d.spec.template.spec.containers[0].image = 'nginx:1.28'), d));
    await rig.run(20_000);
    expect(rsOf('web')).toHaveLength(1);
    expect(dep('web').status.conditions.find((c: any) => c.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused' });
    rig.store.mutate('deployments.apps', 'demo', 'web', (d) => ((d.spec.paused = false), d));
    await rig.until('rolled out after resume', () => rolledOut('web') && rsOf('web').length === 2, 120_000);
  });

  it('spreads a scale change over both replica sets of a paused rollout', async () => {
    await setup();
    rig.store.create('deployments.apps', deployment('demo', 'web', 4, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }));
    await rig.until('rolled out', () => rolledOut('web'));
    rig.store.mutate('deployments.apps', 'demo', 'web', (d) => ((d.spec.template.spec.containers[0].image = 'nginx:1.28'), d));
    await rig.until('mid-rollout', () => rsOf('web').length === 2 && rsOf('web').every((r) => r.spec.replicas >= 2), 60_000, 100);
    rig.store.mutate('deployments.apps', 'demo', 'web', (d) => ((d.spec.paused = true), d));
    await rig.run(0);
    const before = Object.fromEntries(rsOf('web').map((r) => [rev(r), r.spec.replicas]));
    rig.store.mutate('deployments.apps', 'demo', 'web', (d) => ((d.spec.replicas = 8), d));
    await rig.run(0);
    const after = Object.fromEntries(rsOf('web').map((r) => [rev(r), r.spec.replicas]));
    expect(after['1'] + after['2']).toBe(8);
    expect(after['1']).toBeGreaterThan(before['1']);
    expect(after['2']).toBeGreaterThan(before['2']);
    for (const r of rsOf('web')) expect(r.metadata.annotations!['deployment.kubernetes.io/desired-replicas']).toBe('8');
    rig.store.mutate('deployments.apps', 'demo', 'web', (d) => ((d.spec.paused = false), d));
    await rig.until('finished at 8', () => rolledOut('web') && rig.pods('demo').length === 8 && rig.pods('demo').every((p) => p.spec.containers[0].image === 'nginx:1.28'), 300_000);
  });

  it('rollback re-adopts the old replica set and makes it the newest revision', async () => {
    await setup();
    rig.store.create('deployments.apps', deployment('demo', 'web', 2));
    await rig.until('v1', () => rolledOut('web'));
    const v1 = rsOf('web')[0];
    rig.store.mutate('deployments.apps', 'demo', 'web', (d) => ((d.spec.template.spec.containers[0].image = 'nginx:1.28'), d));
    await rig.until('v2', () => rolledOut('web') && rsOf('web').length === 2 && rig.pods('demo').length === 2);
    // What `kubectl rollout undo` does: copy revision 1's template (minus the hash label) into the deployment.
    const tpl = structuredClone(v1.spec.template);
    delete tpl.metadata.labels['pod-template-hash'];
    // kubectl sends the template back with the API server's defaults and a null creationTimestamp.
    tpl.metadata.creationTimestamp = null;
    tpl.spec.containers[0].imagePullPolicy = 'IfNotPresent';
    tpl.spec.containers[0].terminationMessagePath = '/dev/termination-log';
    rig.store.mutate('deployments.apps', 'demo', 'web', (d) => ((d.spec.template = tpl), d));
    await rig.until('back on v1', () => rolledOut('web') && rig.pods('demo').every((p) => p.spec.containers[0].image === 'nginx:1.27') && rig.pods('demo').length === 2);
    const sets = rsOf('web');
    expect(sets).toHaveLength(2); // no third replica set: the old one was adopted
    const back = sets.find((r) => r.metadata.name === v1.metadata.name)!;
    expect(rev(back)).toBe('3');
    expect(back.metadata.annotations!['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(back.spec.replicas).toBe(2);
    expect(dep('web').metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('keeps at most revisionHistoryLimit old replica sets', async () => {
    await setup();
    const d = deployment('demo', 'web', 1);
    d.spec.revisionHistoryLimit = 1;
    rig.store.create('deployments.apps', d);
    await rig.until('first rollout', () => rolledOut('web'));
    for (const tag of ['1.25', '1.26', '1.27', '1.28']) {
      rig.store.mutate('deployments.apps', 'demo', 'web', (o) => ((o.spec.template.spec.containers[0].image = `nginx:${tag}`), o));
      await rig.until(`rolled out ${tag}`, () => rolledOut('web') && rig.pods('demo').length === 1 && rig.pods('demo')[0].spec.containers[0].image === `nginx:${tag}`);
    }
    await rig.run(1000);
    const sets = rsOf('web');
    expect(sets).toHaveLength(2);
    expect(sets.map(rev).sort()).toEqual(['4', '5']);
  });

  it('reports ProgressDeadlineExceeded when a rollout stalls', async () => {
    await setup();
    const d = deployment('demo', 'web', 1, { image: 'nginx:doesnotexist' });
    d.spec.progressDeadlineSeconds = 30;
    rig.store.create('deployments.apps', d);
    await rig.until('deadline exceeded', () => dep('web').status?.conditions?.some((c: any) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded'), 120_000, 1000);
    const c = dep('web').status.conditions.find((x: any) => x.type === 'Progressing');
    expect(c.status).toBe('False');
    expect(c.message).toMatch(/^ReplicaSet "web-\w+" has timed out progressing\.$/);
    expect(dep('web').status.conditions.find((x: any) => x.type === 'Available').reason).toBe('MinimumReplicasUnavailable');
  });
});
