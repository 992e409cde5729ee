// ServiceAccount admission on pod create: the default service account and the projected token volume
// mounted in every container, as kube-apiserver's plugin adds them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sim } from '../../src/index.js';
import type { V1Pod } from '@kubernetes/client-node';
import { bareSim, clients, pod as podBody } from './support.js';

let sim: Sim;
let core: ReturnType<typeof clients>['core'];

beforeAll(async () => {
  sim = await bareSim();
  ({ core } = clients(sim.kubeConfig('admin')));
});
afterAll(() => sim.stop());

const MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
const pod = (name: string): V1Pod => podBody(name);

describe('service account admission', () => {
  it('sets the default service account and mounts a kube-api-access volume in every container', async () => {
    const body = pod('sa-1');
    body.spec!.initContainers = [{ name: 'init', image: 'busybox:1.36' }];
    body.spec!.containers.push({ name: 'side', image: 'busybox:1.36', volumeMounts: [{ name: 'data', mountPath: '/data' }] });
    body.spec!.volumes = [{ name: 'data', emptyDir: {} }];
    const p = await core.createNamespacedPod({ namespace: 'default', body });
    expect(p.spec?.serviceAccountName).toBe('default');
    expect(p.spec?.serviceAccount).toBe('default');
    const vol = p.spec?.volumes?.find((v) => v.name.startsWith('kube-api-access-'));
    expect(vol?.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(vol?.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    });
    for (const c of [...p.spec!.initContainers!, ...p.spec!.containers]) {
      expect(c.volumeMounts).toContainEqual({ name: vol!.name, readOnly: true, mountPath: MOUNT });
    }
    expect(p.spec?.containers[1].volumeMounts?.[0]).toEqual({ name: 'data', mountPath: '/data' });
  });

  it('mounts nothing when automountServiceAccountToken is false, on the pod or on its service account', async () => {
    const off = pod('sa-off');
    off.spec!.automountServiceAccountToken = false;
    off.spec!.serviceAccountName = 'builder';
    const p = await core.createNamespacedPod({ namespace: 'default', body: off });
    expect(p.spec?.serviceAccountName).toBe('builder');
    expect(p.spec?.volumes ?? []).toEqual([]);
    expect(p.spec?.containers[0].volumeMounts ?? []).toEqual([]);
    await core.createNamespacedServiceAccount({ namespace: 'default', body: { metadata: { name: 'quiet' }, automountServiceAccountToken: false } });
    const quiet = pod('sa-quiet');
    quiet.spec!.serviceAccountName = 'quiet';
    expect((await core.createNamespacedPod({ namespace: 'default', body: quiet })).spec?.volumes ?? []).toEqual([]);
  });

  it('leaves a container that already mounts the token path alone and reuses an existing kube-api-access volume', async () => {
    const own = pod('sa-own');
    own.spec!.containers[0].volumeMounts = [{ name: 'mine', mountPath: MOUNT }];
    own.spec!.volumes = [{ name: 'mine', emptyDir: {} }];
    const p = await core.createNamespacedPod({ namespace: 'default', body: own });
    expect(p.spec?.containers[0].volumeMounts).toEqual([{ name: 'mine', mountPath: MOUNT }]);
    expect(p.spec?.volumes?.map((v) => v.name)).toEqual(['mine']);
    const reuse = pod('sa-reuse');
    reuse.spec!.volumes = [{ name: 'kube-api-access-abcde', emptyDir: {} }];
    const r = await core.createNamespacedPod({ namespace: 'default', body: reuse });
    expect(r.spec?.volumes?.map((v) => v.name)).toEqual(['kube-api-access-abcde']);
    expect(r.spec?.containers[0].volumeMounts).toEqual([{ name: 'kube-api-access-abcde', readOnly: true, mountPath: MOUNT }]);
  });
});
