// End-of-class shutdown against the embedded cluster: a mixed namespace goes down to zero running
// pods, comes back with exactly the recorded counts, twice is harmless, and a dry run sends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDown, runUp } from '../../src/actions/downCommand.js';
import { DOWN_REPLICAS, DOWN_SUSPENDED, planDown } from '../../src/actions/shutdown.js';
import { classroom, collect, NS, type Sim } from './support.js';
import { until } from '../support/until.js';
import type { TypedApi } from '../support/typedApi.js';

let sim: Sim;
let admin: TypedApi;
let student: TypedApi;
beforeAll(async () => {
  ({ sim, admin, student } = await classroom());
  const labels = (app: string) => ({ selector: { matchLabels: { app } }, template: { metadata: { labels: { app } }, spec: { containers: [{ name: 'app', image: 'busybox:1.36', resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '10m', memory: '16Mi' } } }] } } });
  await admin.apps.createNamespacedStatefulSet({ namespace: NS, body: { metadata: { name: 'db' }, spec: { replicas: 2, serviceName: 'db', ...labels('db') } } });
  await admin.apps.createNamespacedReplicaSet({ namespace: NS, body: { metadata: { name: 'lonely' }, spec: { replicas: 1, ...labels('lonely') } } });
  await admin.apps.createNamespacedDaemonSet({ namespace: NS, body: { metadata: { name: 'agent' }, spec: labels('agent') } });
  await admin.batch.createNamespacedCronJob({
    namespace: NS,
    body: { metadata: { name: 'nightly' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } } } },
  });
  // Two bare pods (the classroom itself has none): down keeps them, --delete-bare-pods saves them.
  for (const name of ['scratch', 'sandbox']) {
    await admin.core.createNamespacedPod({ namespace: NS, body: { metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '10m', memory: '16Mi' } } }] } } });
  }
  await until(async () => {
    const pods = (await admin.core.listNamespacedPod({ namespace: NS })).items;
    return pods.some((p) => p.metadata?.name?.startsWith('agent-') && p.status?.phase === 'Running') && ['db-1', 'scratch', 'sandbox'].every((n) => pods.some((p) => p.metadata?.name === n && p.status?.phase === 'Running')) && pods.some((p) => p.metadata?.name?.startsWith('lonely-') && p.status?.phase === 'Running');
  }, 'the extra workloads to run', 30_000);
});
afterAll(() => sim?.stop());

const replicas = async () => {
  const [d, s, r] = await Promise.all([
    admin.apps.listNamespacedDeployment({ namespace: NS }),
    admin.apps.listNamespacedStatefulSet({ namespace: NS }),
    admin.apps.listNamespacedReplicaSet({ namespace: NS }),
  ]);
  const out: Record<string, number> = {};
  for (const o of d.items) out[o.metadata!.name!] = o.spec!.replicas ?? 1;
  for (const o of s.items) out[`sts/${o.metadata!.name}`] = o.spec!.replicas ?? 1;
  for (const o of r.items.filter((x) => !x.metadata?.ownerReferences?.length)) out[`rs/${o.metadata!.name}`] = o.spec!.replicas ?? 1;
  return out;
};
const running = async () =>
  (await admin.core.listNamespacedPod({ namespace: NS })).items.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');

describe('kdash down / up', () => {
  let before: Record<string, number>;

  it('a dry run prints the plan and sends no mutating request', async () => {
    before = await replicas();
    expect(before['webnodb']).toBe(3);
    const already = sim.requests.mutating().length;
    const io = collect();
    const code = await runDown(student, { namespace: NS, dryRun: true }, { out: io.out, confirm: async () => true });
    expect(code).toBe(0);
    expect(io.text()).toContain('scale deployment.apps/webnodb 3 → 0');
    expect(io.text()).toContain('scale statefulset.apps/db 2 → 0');
    expect(io.text()).toContain('scale replicaset.apps/lonely 1 → 0');
    expect(io.text()).toContain('suspend cronjob.batch/nightly');
    expect(io.text()).toContain('park daemonset.apps/agent: a node selector no node matches stops its pods (up removes it)');
    expect(io.text()).toMatch(/delete pod\/\S+ \(Completed\)/);
    expect(io.text()).toContain('keep pod/sandbox running: a bare pod');
    expect(io.text()).toContain('scale deployment.apps/tricky-logger 1 → 0');
    expect(io.text()).toContain('keep pod/scratch running: a bare pod');
    expect(io.text()).toContain('dry run: nothing changed');
    expect(sim.requests.mutating().length).toBe(already);
  });

  it('a namespace the student may not read gives one line and exit 1', async () => {
    const io = collect();
    expect(await runDown(student, { namespace: 'kube-system', yes: true }, { out: io.out })).toBe(1);
    expect(io.text().trim().split('\n')).toHaveLength(1);
    expect(io.text()).toMatch(/^kdash down: cannot read namespace kube-system: .*forbidden/);
  });

  it('without a terminal and without --yes it refuses in one line', async () => {
    const io = collect();
    const code = await runDown(student, { namespace: NS }, { out: io.out });
    expect(code).toBe(2);
    expect(io.text().trim().split('\n').pop()).toBe(
      'kdash down: not a terminal, so cannot ask for confirmation; rerun with --yes (or --dry-run to only see the plan)',
    );
  });

  it('down leaves only the kept bare pods running; up restores the exact counts', async () => {
    const io = collect();
    const code = await runDown(student, { namespace: NS, yes: true, timeoutMs: 60_000 }, { out: io.out });
    expect(io.text()).toContain('✓ deployment.apps/webnodb scaled 3 → 0 (recorded 3)');
    expect(code).toBe(0);
    const left = await running();
    expect(left.map((p) => p.metadata?.name).sort()).toEqual(['sandbox', 'scratch']);
    const web = await admin.apps.readNamespacedDeployment({ name: 'webnodb', namespace: NS });
    expect(web.metadata?.annotations?.[DOWN_REPLICAS]).toBe('3');
    const cj = await admin.batch.readNamespacedCronJob({ name: 'nightly', namespace: NS });
    expect(cj.spec?.suspend).toBe(true);
    const ds = await admin.apps.readNamespacedDaemonSet({ name: 'agent', namespace: NS });
    expect(ds.spec?.template.spec?.nodeSelector).toEqual({ 'kdash.dev/down': 'parked' });
    expect(cj.metadata?.annotations?.[DOWN_SUSPENDED]).toBe('false');
    expect((await admin.core.listNamespacedPod({ namespace: NS })).items.some((p) => p.status?.phase === 'Succeeded')).toBe(false);

    // Twice is harmless: nothing to do, and the records still hold the real counts.
    const again = collect();
    expect(await runDown(student, { namespace: NS, yes: true, timeoutMs: 10_000 }, { out: again.out })).toBe(0);
    expect(again.text()).toContain('deployment.apps/webnodb is already down (up restores 3)');
    expect((await admin.apps.readNamespacedDeployment({ name: 'webnodb', namespace: NS })).metadata?.annotations?.[DOWN_REPLICAS]).toBe('3');
    expect((await planDown(student, NS)).steps).toEqual([]);

    const up = collect();
    expect(await runUp(student, { namespace: NS, yes: true }, { out: up.out })).toBe(0);
    expect(up.text()).toContain('✓ deployment.apps/webnodb scaled back to 3');
    expect(await replicas()).toEqual(before);
    const web2 = await admin.apps.readNamespacedDeployment({ name: 'webnodb', namespace: NS });
    expect(web2.metadata?.annotations?.[DOWN_REPLICAS]).toBeUndefined();
    const cj2 = await admin.batch.readNamespacedCronJob({ name: 'nightly', namespace: NS });
    expect(cj2.spec?.suspend).toBeFalsy();
    expect(cj2.metadata?.annotations?.[DOWN_SUSPENDED]).toBeUndefined();
    const ds2 = await admin.apps.readNamespacedDaemonSet({ name: 'agent', namespace: NS });
    expect(ds2.spec?.template.spec?.nodeSelector ?? {}).toEqual({});
    expect(ds2.metadata?.annotations?.['kdash.dev/down-parked']).toBeUndefined();
    await until(async () => (await running()).filter((p) => p.status?.phase === 'Running').length >= 3 + 2 + 1 + 1, 'pods back', 30_000);
    await until(async () => (await running()).some((p) => p.metadata?.name?.startsWith('agent-') && p.status?.phase === 'Running'), 'the daemon set pod back', 30_000);

    // up twice: nothing to restore.
    const up2 = collect();
    expect(await runUp(student, { namespace: NS, yes: true }, { out: up2.out })).toBe(0);
    expect(up2.text()).toContain('nothing to restore in vgauthier');
  });

  it('--delete-bare-pods saves and deletes the bare pods too, leaving nothing running; up creates them again', async () => {
    const io = collect();
    const code = await runDown(student, { namespace: NS, yes: true, deleteBarePods: true, timeoutMs: 60_000 }, { out: io.out });
    expect(code).toBe(0);
    expect(io.text()).toContain('✓ pod/scratch deleted (definition saved for up)');
    expect(io.text()).toContain('no pods running in vgauthier');
    expect(await running()).toEqual([]);
    const saved = await admin.core.readNamespacedConfigMap({ name: 'kdash-down-pods', namespace: NS });
    expect(Object.keys(saved.data ?? {}).sort()).toEqual(['sandbox', 'scratch']);

    const up = collect();
    expect(await runUp(student, { namespace: NS, yes: true }, { out: up.out })).toBe(0);
    expect(up.text()).toContain('✓ pod/scratch created again');
    expect(await replicas()).toEqual(before);
    await until(async () => {
      const pods = (await admin.core.listNamespacedPod({ namespace: NS })).items;
      return ['scratch', 'sandbox'].every((n) => pods.some((p) => p.metadata?.name === n && p.status?.phase === 'Running'));
    }, 'the bare pods to run again', 30_000);
    const scratch = await admin.core.readNamespacedPod({ name: 'scratch', namespace: NS });
    expect(scratch.spec?.containers[0].image).toBe('busybox');
    await expect(admin.core.readNamespacedConfigMap({ name: 'kdash-down-pods', namespace: NS })).rejects.toMatchObject({ code: 404 });
  });
});
