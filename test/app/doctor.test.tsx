// The diagnosis as the student sees it in the dashboard: a ! on the rows that have findings, `x` on a
// crashing pod (cause, exit code, the previous run's log, the fix), `:doctor` for the namespace, live —
// a service fixed from outside loses its finding on screen.
import { afterEach, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../support/rig.js';
import { until } from '../support/until.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

describe('diagnosis in the dashboard', () => {
  it('marks the crashing pod with !, and x on it shows why, the previous log and the fix', async () => {
    rig = await startRig({ columns: 120, rows: 40 });
    // The classroom's worker crashes (CRASH=1): its row is flagged, healthy ones are not.
    await rig.waitForRow(/^ ?[ >]!worker-/);
    expect(rig.frame()).toMatch(/^[ >] redis-/m);
    await rig.select(/worker-/);
    await rig.press('x');
    const f = await rig.waitForFrame((t) => /ERROR deploy\/worker \(pod worker-\S+\) \[crash-loop\]/.test(t) && t.includes('│'), 'the crash finding with its log');
    expect(f).toMatch(/doctor deploy\/worker in vgauthier|doctor pod\/worker-\S+ in vgauthier/);
    expect(f).toMatch(/live, read \d+s ago/);
    expect(f).toContain('The container worker exits with code 1 soon after it starts');
    expect(f).toMatch(/container worker: exit code 1 \(Error\), restarted \d+ times/);
    expect(f).toMatch(/fix: read its previous run's log to see why it stops \[key l\]/);
    expect(f).toMatch(/\$ kubectl logs worker-\S+ -c worker --previous -n vgauthier/);
    await rig.press('esc');
    await rig.waitForRow(/worker-/);
  });

  it(':doctor lists the namespace most severe first, and a fixed service leaves the screen', async () => {
    rig = await startRig({ columns: 120, rows: 50 });
    const objects = rig.session.api.objects;
    const svc = { group: '', version: 'v1', plural: 'services', namespaced: true };
    await objects.create(svc, 'vgauthier', { metadata: { name: 'front' }, spec: { selector: { app: 'webnodbb' }, ports: [{ port: 80, targetPort: 5000 }] } });
    await rig.waitForRow(/webnodb-/);
    await rig.press(':');
    await rig.type('doctor');
    await rig.press('enter');
    const f = await rig.waitForFrame((t) => t.includes('svc/front'), 'the service finding');
    expect(f).toMatch(/namespace vgauthier: \d+ errors?/);
    expect(f).toContain('closest pods (3, deploy/webnodb): »app=webnodb«');
    expect(f).toContain(`$ kubectl patch svc/front -p '{"spec":{"selector":{"app":"webnodb"}}}' -n vgauthier`);
    // Errors before notes: the worker's crash comes before anything informational.
    expect(f.indexOf('ERROR')).toBeLessThan(f.indexOf('svc/front') + 1);
    await objects.patch(svc, 'vgauthier', 'front', { spec: { selector: { app: 'webnodb' } } });
    await until(() => !rig!.frame().includes('svc/front'), 'the fixed service to leave the screen', 15_000);
    expect(rig.frame()).toContain('deploy/worker');
  });

  it('an OOM kill shows the memory limit and the highest usage the dashboard saw', async () => {
    rig = await startRig({ columns: 120, rows: 40 });
    const deployments = { group: 'apps', version: 'v1', plural: 'deployments', namespaced: true };
    await rig.session.api.objects.create(deployments, 'vgauthier', {
      metadata: { name: 'cache' },
      spec: {
        replicas: 1, selector: { matchLabels: { app: 'cache' } },
        template: { metadata: { labels: { app: 'cache' } }, spec: { containers: [{ name: 'cache', image: 'redis:7', env: [{ name: 'MEMORY_NEEDED', value: '100Mi' }], resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '50m', memory: '64Mi' } } }] } },
      },
    });
    await rig.press(':');
    await rig.type('doctor');
    await rig.press('enter');
    const f = await rig.waitForFrame((t) => /memory limit 64Mi; highest usage seen \d+Mi/.test(t), 'the OOM finding with the peak', 40_000);
    expect(f).toContain('ERROR deploy/cache');
    expect(f).toMatch(/\$ kubectl set resources deploy\/cache -c cache --limits=memory=\d+Mi -n vgauthier/);
  });
});
