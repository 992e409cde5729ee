// The rules over kinds the embedded cluster does not serve yet (Ingress, HPA, PVC, LimitRange) and the
// pure parts (quota messages, "did you mean", back-off), as plain functions over JSON objects.
import { describe, expect, it } from 'vitest';
import { diagnoseNamespace } from '../../src/diagnose/diagnose.js';
import { findingLines } from '../../src/diagnose/format.js';
import { backoffSeconds } from '../../src/diagnose/rules/crashes.js';
import { didYouMean } from '../../src/diagnose/rules/images.js';
import { parseQuotaRefusal } from '../../src/diagnose/rules/workloads.js';
import type { NamespaceSnapshot } from '../../src/diagnose/types.js';
import type { KObj } from '../../src/resources/types.js';

let uid = 0;
const obj = (name: string, rest: Partial<KObj> = {}): KObj => ({ ...rest, metadata: { name, namespace: 'ns', uid: `u${++uid}`, ...(rest.metadata ?? {}) } });
function snap(parts: Partial<NamespaceSnapshot>): NamespaceSnapshot {
  return {
    namespace: 'ns', now: Date.parse('2026-12-07T10:00:00Z'), pods: [], deployments: [], replicaSets: [], statefulSets: [], daemonSets: [], services: [], endpointSlices: [], events: [],
    quotas: [], limitRanges: [], pvcs: [], hpas: [], ingresses: [], skipped: [], usage: new Map(), ...parts,
  };
}
const web = obj('web', { spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } } });
const svc = obj('web', { spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } });

describe('ingress', () => {
  it('to a service that does not exist: the closest service and the patch to it', () => {
    const ing = obj('site', { spec: { rules: [{ host: 'a.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'wbe', port: { number: 80 } } } }] } }] } });
    const [f] = diagnoseNamespace(snap({ ingresses: [ing], services: [svc] })).filter((x) => x.rule === 'ingress-backend');
    expect(f).toMatchObject({ rule: 'ingress-backend', object: { kind: 'Ingress', name: 'site' }, cause: 'The ingress site sends traffic to the service wbe, which does not exist in ns.' });
    expect(f.fix[0].command).toBe(`kubectl patch ingress/site --type=json -p '[{"op":"replace","path":"/spec/rules/0/http/paths/0/backend/service/name","value":"web"}]' -n ns`);
  });
  it('to a port the service does not have', () => {
    const ing = obj('site', { spec: { defaultBackend: { service: { name: 'web', port: { number: 8080 } } } } });
    const [f] = diagnoseNamespace(snap({ ingresses: [ing], services: [svc] })).filter((x) => x.rule === 'ingress-backend');
    expect(f.cause).toBe('The ingress site uses port 8080 of the service web, which has no such port.');
    expect(f.fix[0].command).toContain('"path":"/spec/defaultBackend/service/port","value":{"number":80}');
  });
});

describe('autoscalers', () => {
  const hpa = (status: any = {}) => obj('web', { spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 4, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] }, status });
  it('without metrics: the target requests no CPU, and the request to add', () => {
    const [f] = diagnoseNamespace(snap({ hpas: [hpa({ conditions: [{ type: 'ScalingActive', status: 'False', reason: 'FailedGetResourceMetric', message: 'the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container web' }] })], deployments: [web] }));
    expect(f.rule).toBe('hpa-no-metrics');
    expect(f.cause).toBe('The autoscaler web cannot read the usage it scales on: deploy/web requests no cpu.');
    expect(f.evidence[0]).toMatch(/^ScalingActive=False FailedGetResourceMetric: .*missing request for cpu/);
    expect(f.fix[0].command).toBe('kubectl set resources deploy/web --requests=cpu=100m -n ns');
  });
  it('at its maximum', () => {
    const withReq = { ...web, spec: { ...web.spec, template: { spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '100m' } } }] } } } };
    const [f] = diagnoseNamespace(snap({ hpas: [hpa({ currentReplicas: 4, desiredReplicas: 4, conditions: [{ type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' }] })], deployments: [withReq] }));
    expect(f).toMatchObject({ rule: 'hpa-at-max', severity: 'warning', cause: 'The autoscaler web is at its maximum of 4 replicas and would add more.' });
    expect(f.fix[0].command).toBe(`kubectl patch hpa/web -p '{"spec":{"maxReplicas":8}}' -n ns`);
  });
});

describe('volume claims', () => {
  const pvc = obj('data', { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Pending' } });
  it('pending without a storage class, where the student cannot list classes', () => {
    const [f] = diagnoseNamespace(snap({ pvcs: [pvc] }));
    expect(f.cause).toBe('The claim data stays Pending: it names no storage class, so no volume is made for it.');
    expect(f.evidence).toContain('storage classes cannot be listed with this account');
  });
  it('names the default class when the account can see one; none when a default exists', () => {
    const classes = [obj('standard-rwo', { metadata: { name: 'standard-rwo', uid: 'sc', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } })];
    expect(diagnoseNamespace(snap({ pvcs: [pvc], storageClasses: classes }))).toEqual([]);
    const [f] = diagnoseNamespace(snap({ pvcs: [pvc], storageClasses: [obj('fast')] }));
    expect(f.fix[0].command).toBe(`kubectl patch pvc/data -p '{"spec":{"storageClassName":"fast"}}' -n ns`);
  });
});

describe('limit ranges', () => {
  it('a refusal by a LimitRange names it and the limit that fits', () => {
    const rs = obj('web-abc', { metadata: { name: 'web-abc', uid: 'rs1', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: web.metadata.uid, controller: true }] }, spec: { replicas: 2, template: web.spec.template }, status: { conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'pods "web-abc-x" is forbidden: maximum memory usage per Container is 512Mi, but limit is 1Gi' }] } });
    const [f] = diagnoseNamespace(snap({ deployments: [web], replicaSets: [rs], limitRanges: [obj('limits')] }));
    expect(f.cause).toBe('The API server refuses to create its pods: a container may have at most 512Mi of memory.');
    expect(f.evidence).toContain('set by limitrange/limits');
    expect(f.fix[0].command).toBe('kubectl set resources deploy/web -c web --limits=memory=512Mi -n ns');
  });
});

describe('many workloads and pods', () => {
  const owned = (name: string, owner: KObj, kind: string, rest: Partial<KObj> = {}) =>
    obj(name, { ...rest, metadata: { name, namespace: 'ns', uid: `u${++uid}`, ownerReferences: [{ apiVersion: 'apps/v1', kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true }], ...(rest.metadata ?? {}) } });
  const rsOf = (d: KObj, name: string, revision: number, replicas: number, ready: number, image: string) =>
    owned(name, d, 'Deployment', {
      metadata: { name, namespace: 'ns', uid: `u${++uid}`, annotations: { 'deployment.kubernetes.io/revision': String(revision) }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid, controller: true }] },
      spec: { replicas, template: { spec: { containers: [{ name: 'c', image }] } } },
      status: { replicas, readyReplicas: ready, availableReplicas: ready },
    });
  it('a stuck rollout lists its own replica sets only, newest first, among deployments of the same name prefix', () => {
    const stuck = obj('api', { status: { conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "api-2" has timed out progressing.' }] } });
    const fine = obj('api-v2', { status: { conditions: [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }] } });
    const replicaSets = [rsOf(fine, 'api-v2-1', 1, 2, 2, 'api:2'), rsOf(stuck, 'api-1', 1, 2, 2, 'api:1'), rsOf(stuck, 'api-2', 2, 1, 0, 'api:typo'), obj('loose', { status: { replicas: 1 } })];
    const found = diagnoseNamespace(snap({ deployments: [fine, stuck], replicaSets })).filter((f) => f.rule === 'rollout-stuck');
    expect(found.map((f) => f.object.name)).toEqual(['api']);
    expect(found[0].evidence.slice(1)).toEqual(['rs/api-2 (revision 2, new): 1 pods, 0 ready — api:typo', 'rs/api-1 (revision 1, old): 2 pods, 2 ready — api:1']);
  });
  it("a failing probe's last failure is the newest event about the pod, whether the event names it by uid or by name", () => {
    const probe = { httpGet: { port: 8080, path: '/ready' } };
    const pod = (name: string) => obj(name, { spec: { containers: [{ name: 'c', image: 'x', readinessProbe: probe, ports: [{ containerPort: 8080 }] }] }, status: { phase: 'Running', containerStatuses: [{ name: 'c', ready: false, state: { running: {} } }] } });
    const [a, b] = [pod('a'), pod('b')];
    const unhealthy = (about: Record<string, string>, at: string, message: string) =>
      obj(`ev-${++uid}`, { reason: 'Unhealthy', message, lastTimestamp: at, involvedObject: { kind: 'Pod', ...about } } as Partial<KObj>);
    const events = [
      unhealthy({ name: 'a' }, '2026-12-07T09:59:00Z', 'Readiness probe failed: by name, newest'),
      unhealthy({ name: 'a', uid: a.metadata.uid }, '2026-12-07T09:58:00Z', 'Readiness probe failed: by uid, older'),
      unhealthy({ name: 'b', uid: b.metadata.uid }, '2026-12-07T09:59:30Z', 'Readiness probe failed: about b'),
      unhealthy({ name: 'a', uid: 'an-earlier-pod-named-a' }, '2026-12-07T09:59:50Z', 'Readiness probe failed: another pod of that name'),
    ];
    const found = diagnoseNamespace(snap({ pods: [a, b], events })).filter((f) => f.rule === 'probe-failing');
    expect(found.map((f) => [f.object.name, f.evidence[1]])).toEqual([
      ['a', 'last failure: Readiness probe failed: by name, newest'],
      ['b', 'last failure: Readiness probe failed: about b'],
    ]);
  });
});

describe('pure parts', () => {
  it('parses the quota refusal as kube-apiserver words it', () => {
    const q = parseQuotaRefusal('pods "w-1" is forbidden: exceeded quota: compute-quota, requested: limits.cpu=1,requests.cpu=800m, used: limits.cpu=3500m,requests.cpu=1600m, limited: limits.cpu=4,requests.cpu=2');
    expect(q?.quota).toBe('compute-quota');
    expect(Object.fromEntries(q!.limited)).toEqual({ 'limits.cpu': '4', 'requests.cpu': '2' });
  });
  it('"did you mean" prefers another tag of the same repository, then a repository a typo away', () => {
    expect(didYouMean('nginx:1.2.5', ['nginx:1.25', 'redis:7'], new Set())).toBe('nginx:1.25');
    expect(didYouMean('ngnix:1.25', ['nginx:1.25', 'redis:7'], new Set())).toBe('nginx:1.25');
    expect(didYouMean('postgres:16', ['nginx:1.25'], new Set())).toBeUndefined();
    // The runtime reports docker.io/library/…: suggested as people write it.
    expect(didYouMean('vgauthier/webnodb:1.O', ['docker.io/vgauthier/webnodb:1.0'], new Set())).toBe('vgauthier/webnodb:1.0');
  });
  it("the kubelet's back-off doubles from 10 s up to 5 minutes", () => {
    expect([1, 2, 3, 5, 6, 10].map(backoffSeconds)).toEqual([10, 20, 40, 160, 300, 300]);
  });
  it('text from the cluster reaches the terminal without control sequences or bidi characters', () => {
    const pod = obj('evil', { spec: { containers: [{ name: 'c', image: 'x' }] }, status: { phase: 'Running' } });
    pod.metadata.name = 'evil\u001b]0;owned\u0007\u202e';
    const lines = diagnoseNamespace(snap({ pods: [pod] })).flatMap((f) => findingLines(f, { log: ['\u001b[2Jgone'] })).map((l) => l.text);
    expect(lines.join('\n')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
  });
});
