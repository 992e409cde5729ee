// The apiserver goes away mid-session and comes back (same etcd): kdash's watchers must notice, say so,
// reconnect on their own and show what changed while they were away. A restarting kube-apiserver
// accepts connections a moment before its RBAC caches have synced and answers 403 meanwhile; the
// watchers retry quickly here (short backoff) so they always meet that window, which a real user meets
// whenever the first reconnect lands in it.
import { describe, expect, it } from 'vitest';
import { openSessionFromKubeConfig } from '../../src/kube/session.js';
import { createClusterStore } from '../../src/store/index.js';
import { createWatchManager } from '../../src/watchers/manager.js';
import { keyOf } from '../../src/store/keys.js';
import { selectObjects, selectWatcher } from '../../src/store/selectors.js';
import { mergePatch } from '../support/mergePatch.js';
import { api, apiserver, NAMESPACE, readyPods, until, waitForDeployment } from './support.js';

describe('kdash across an apiserver restart', () => {
  it('recovers its watchers and shows what changed meanwhile', { timeout: 300_000 }, async () => {
    const student = api('student');
    const admin = api('admin');
    const session = await openSessionFromKubeConfig(student.kc, { namespace: NAMESPACE });
    const store = createClusterStore();
    const watches = createWatchManager(session.api, store, { timings: { backoffBaseMs: 200, backoffMaxMs: 1000 } });
    const rt = { store, watches, stop: () => watches.stopAll() };
    const pods = keyOf('pods', NAMESPACE);
    const deploys = keyOf('deployments', NAMESPACE);
    const release = [rt.watches.use('pods', NAMESPACE), rt.watches.use('deployments', NAMESPACE)];
    const state = () => rt.store.getState();
    const phase = (k: string) => selectWatcher(state(), k)?.phase;
    try {
      await until('pods and deployments live', () => phase(pods) === 'live' && phase(deploys) === 'live');
      const [victim] = await readyPods(student, 'webnodb');
      expect(selectObjects(state(), pods).some((p) => p.metadata?.uid === victim.metadata?.uid)).toBe(true);

      await apiserver('stop');
      await until('the watchers to notice the apiserver is gone', () => phase(pods) !== 'live' && phase(deploys) !== 'live', 60_000);
      await apiserver('start');

      // Changes made as soon as the server is back, most likely before kdash has reconnected.
      await admin.core.deleteNamespacedPod({ name: victim.metadata!.name!, namespace: NAMESPACE });
      await admin.apps.patchNamespacedDeploymentScale(
        { name: 'redis', namespace: NAMESPACE, body: { spec: { replicas: 2 } } },
        mergePatch(),
      );

      let seen = '';
      await until('kdash live again, showing the deleted pod gone and redis at 2', () => {
        seen = `pods ${JSON.stringify(selectWatcher(state(), pods))}, deployments ${JSON.stringify(selectWatcher(state(), deploys))}`;
        if (phase(pods) !== 'live' || phase(deploys) !== 'live') return false;
        const names = selectObjects(state(), pods).filter((p) => !p.metadata?.deletionTimestamp);
        const redis = selectObjects(state(), deploys).find((d) => d.metadata?.name === 'redis');
        return (
          !names.some((p) => p.metadata?.uid === victim.metadata?.uid) &&
          names.filter((p) => p.metadata?.name?.startsWith('webnodb-') && p.status?.phase === 'Running').length === 3 &&
          redis?.spec?.replicas === 2 && redis?.status?.readyReplicas === 2
        );
      }, 60_000).catch((e: Error) => {
        const hint = /"forbidden"/.test(seen) ? ' — a 403 from the apiserver while its RBAC caches were still syncing was taken for a permanent denial' : '';
        throw new Error(`${e.message} (watchers: ${seen})${hint}`);
      });
    } finally {
      release.forEach((r) => r());
      await rt.stop();
      // Leave the classroom as the other files expect it, whatever happened above.
      await apiserver('start');
      await admin.apps.patchNamespacedDeploymentScale({ name: 'redis', namespace: NAMESPACE, body: { spec: { replicas: 1 } } }, mergePatch());
      await waitForDeployment(student, 'redis', 1);
    }
  });
});
