// The diagnosis rules on a real control plane (kube-apiserver, controller-manager, scheduler, kwok as
// the kubelet), as the student: the quota, selector, pending and rollout-stuck rules must find what they
// find on the embedded cluster, in the same words, and the fix they print — pasted into the release's
// own kubectl — must clear them. Also `kdash doctor`'s exit code and JSON.
import { describe, expect, it } from 'vitest';
import { diagnoseLive } from '../../src/diagnose/snapshot.js';
import type { Finding } from '../../src/diagnose/types.js';
import { shell } from '../support/kubectl.js';
import { api, e2e, kdash, NAMESPACE, until } from './support.js';

const NS = NAMESPACE;
const student = () => api('student');
const deployments = { group: 'apps', version: 'v1', plural: 'deployments', namespaced: true };
const services = { group: '', version: 'v1', plural: 'services', namespaced: true };
const diagnose = () => diagnoseLive(student().objects, NS);

async function finding(rule: string, name: string): Promise<Finding> {
  return until(`a ${rule} finding on ${name}`, async () => (await diagnose()).findings.find((f) => f.rule === rule && f.object.name === name), 90_000);
}
async function cleared(rule: string, name: string): Promise<void> {
  await until(`the ${rule} finding on ${name} to go`, async () => !(await diagnose()).findings.some((f) => f.rule === rule && f.object.name === name), 90_000);
}
/** The printed fix, pasted as the student (the e2e kubeconfig names its contexts). */
async function paste(command: string): Promise<void> {
  const r = await shell(command.replace(/^kubectl /, 'kubectl --context e2e-student '), e2e().kubeconfigPath);
  if (r.code !== 0) throw new Error(`${command}: ${r.stderr}`);
}
function deployment(name: string, replicas: number, cpu: string, extra: Record<string, unknown> = {}) {
  return {
    metadata: { name },
    spec: {
      replicas, ...extra, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'nginx:1.25', resources: { requests: { cpu, memory: '16Mi' } } }] } },
    },
  };
}

describe('diagnosis on a real control plane, as the student', () => {
  it('replicas beyond the quota: the same words as on the embedded cluster, and scaling to what fits clears it', async () => {
    await student().objects.create(deployments, NS, deployment('big', 3, '800m'));
    const f = await finding('quota-exceeded', 'big');
    expect(f.cause).toMatch(/^The quota compute-quota refuses new pods: 3 replicas ask 2400m requests\.cpu \(800m each\), the quota allows 2( and \S+ of it is used by other pods)?\.$/);
    expect(f.evidence[0]).toMatch(/^exceeded quota: compute-quota, requested: requests\.cpu=800m, used: requests\.cpu=\S+, limited: requests\.cpu=2/);
    expect(f.fix[0].command).toMatch(new RegExp(`^kubectl scale deploy/big --replicas=[12] -n ${NS}$`));
    await paste(f.fix[0].command!);
    await cleared('quota-exceeded', 'big');
    await student().objects.delete(deployments, NS, 'big');
  });

  it('a service selector typo: the closest pods and the differing key, and the patch selects them', async () => {
    await student().objects.create(services, NS, { metadata: { name: 'front' }, spec: { selector: { app: 'webnodbb' }, ports: [{ port: 80, targetPort: 5000 }] } });
    const f = await finding('service-no-endpoints', 'front');
    expect(f.cause).toBe('The service front sends traffic nowhere: no pod has the labels its selector asks for.');
    expect(f.evidence).toEqual(['selector app=webnodbb', expect.stringMatching(/^closest pods \(\d+, deploy\/webnodb\): »app=webnodb«$/), 'app: the selector wants "webnodbb", the pods have "webnodb"']);
    expect(f.fix[0].command).toBe(`kubectl patch svc/front -p '{"spec":{"selector":{"app":"webnodb"}}}' -n ${NS}`);
    await paste(f.fix[0].command!);
    await cleared('service-no-endpoints', 'front');
    await student().objects.delete(services, NS, 'front');
  });

  it("a node selector no node has: kube-scheduler's message decoded, and removing the selector schedules the pod", async () => {
    await student().objects.create(deployments, NS, deployment('picky', 1, '10m', {}));
    await student().objects.patch(deployments, NS, 'picky', { spec: { template: { spec: { nodeSelector: { disktype: 'ssd' } } } } }, 'strategic');
    const f = await finding('pending', 'picky');
    expect(f.cause).toBe('The pod cannot start: no node has the labels it asks for (disktype=ssd).');
    expect(f.evidence[0]).toMatch(/^scheduler( for \S+)?: 0\/\d+ nodes are available: \d+ node\(s\) didn't match Pod's node affinity\/selector/);
    await paste(f.fix[0].command!);
    await cleared('pending', 'picky');
    await student().objects.delete(deployments, NS, 'picky');
  });

  it('a rollout past its progress deadline (new pods cannot be scheduled): old and new replica sets, and undo clears it', async () => {
    await student().objects.create(deployments, NS, deployment('roll', 2, '10m', { progressDeadlineSeconds: 10 }));
    await until('roll available', async () => (await student().objects.get(deployments, NS, 'roll')).status?.availableReplicas === 2, 90_000);
    await student().objects.patch(deployments, NS, 'roll', { spec: { template: { spec: { nodeSelector: { disktype: 'ssd' } } } } }, 'strategic');
    const f = await finding('rollout-stuck', 'roll');
    expect(f.cause).toBe('The rollout of roll does not finish: the new pods never become ready, so the old ones keep running beside them.');
    expect(f.evidence[0]).toMatch(/^Progressing=False ProgressDeadlineExceeded: ReplicaSet "roll-[a-z0-9]+" has timed out progressing\. \(deadline 10s\)$/);
    expect(f.evidence[1]).toMatch(/^rs\/roll-[a-z0-9]+ \(revision 2, new\): \d pods, 0 ready — nginx:1\.25$/);
    expect(f.evidence[2]).toMatch(/^rs\/roll-[a-z0-9]+ \(revision 1, old\): \d pods, \d ready — nginx:1\.25$/);
    expect(f.fix[0]).toMatchObject({ key: 'u', command: `kubectl rollout undo deploy/roll -n ${NS}` });
    await paste(f.fix[0].command!);
    await cleared('rollout-stuck', 'roll');
    await student().objects.delete(deployments, NS, 'roll');
  });

  it('a LimitRange maximum: the refusal, the range, and the limit that fits clears it', async () => {
    const limitRanges = { group: '', version: 'v1', plural: 'limitranges', namespaced: true };
    await api('admin').objects.create(limitRanges, NS, { metadata: { name: 'per-container' }, spec: { limits: [{ type: 'Container', max: { memory: '64Mi' } }] } });
    try {
      const d = deployment('greedy', 1, '10m');
      (d.spec.template.spec.containers[0].resources as any).limits = { memory: '128Mi' };
      await student().objects.create(deployments, NS, d);
      const f = await finding('pods-refused', 'greedy');
      expect(f.cause).toBe('The API server refuses to create its pods: a container may have at most 64Mi of memory.');
      expect(f.evidence).toContain('set by limitrange/per-container');
      expect(f.fix[0].command).toBe(`kubectl set resources deploy/greedy -c greedy --limits=memory=64Mi -n ${NS}`);
      await paste(f.fix[0].command!);
      await cleared('pods-refused', 'greedy');
      await student().objects.delete(deployments, NS, 'greedy');
    } finally {
      await api('admin').objects.delete(limitRanges, NS, 'per-container');
    }
  });

  it('an ingress to a misspelt service: the closest service, and the patch clears it', async () => {
    const ingresses = { group: 'networking.k8s.io', version: 'v1', plural: 'ingresses', namespaced: true };
    const port = (await student().objects.get(services, NS, 'webnodb')).spec.ports[0].port;
    await student().objects.create(ingresses, NS, {
      metadata: { name: 'site' },
      spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'webnodbb', port: { number: port } } } }] } }] },
    });
    const f = await finding('ingress-backend', 'site');
    expect(f.cause).toBe(`The ingress site sends traffic to the service webnodbb, which does not exist in ${NS}.`);
    await paste(f.fix[0].command!);
    await cleared('ingress-backend', 'site');
    await student().objects.delete(ingresses, NS, 'site');
  });

  it("an HPA on a cluster without metrics-server: the controller's own condition as evidence", async () => {
    const hpas = { group: 'autoscaling', version: 'v2', plural: 'horizontalpodautoscalers', namespaced: true };
    await student().objects.create(hpas, NS, {
      metadata: { name: 'webnodb' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'webnodb' }, minReplicas: 1, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
    });
    const f = await until('the HPA controller to report', async () => {
      const x = await finding('hpa-no-metrics', 'webnodb');
      return x.evidence.some((e) => e.startsWith('ScalingActive=False')) ? x : undefined;
    }, 90_000);
    expect(f.cause).toBe('The autoscaler webnodb cannot read the usage it scales on: the cluster serves no metrics.');
    expect(f.evidence).toContain('metrics.k8s.io does not answer in this namespace');
    await student().objects.delete(hpas, NS, 'webnodb');
    await cleared('hpa-no-metrics', 'webnodb');
  });

  it('a claim with no storage class stays Pending and says so (the student cannot list storage classes)', async () => {
    const pvcs = { group: '', version: 'v1', plural: 'persistentvolumeclaims', namespaced: true };
    await student().objects.create(pvcs, NS, { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    const f = await finding('pvc-no-storage-class', 'data');
    expect(f.cause).toBe('The claim data stays Pending: it names no storage class, so no volume is made for it.');
    expect(f.evidence).toContain('storage classes cannot be listed with this account');
    await student().objects.delete(pvcs, NS, 'data');
    await cleared('pvc-no-storage-class', 'data');
  });

  it('kdash doctor exits 1 with JSON findings while something is broken, 0 once it is fixed', async () => {
    await student().objects.create(services, NS, { metadata: { name: 'front2' }, spec: { selector: { app: 'nothing-here' }, ports: [{ port: 80 }] } });
    const broken = await kdash(['doctor', '--context', 'e2e-student', '-o', 'json']);
    expect(broken.code).toBe(1);
    const report = JSON.parse(broken.stdout);
    expect(report.findings.map((f: Finding) => `${f.rule} ${f.object.name}`)).toContain('service-no-endpoints front2');
    await student().objects.delete(services, NS, 'front2');
    const fine = await until('doctor to find nothing', async () => {
      const r = await kdash(['doctor', '--context', 'e2e-student']);
      return r.code === 0 ? r : undefined;
    });
    expect(fine.stdout).toMatch(new RegExp(`^namespace ${NS}: nothing found broken$`, 'm'));
  });
});
