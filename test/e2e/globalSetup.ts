// Starts one real control plane for the whole e2e run, applies the classroom and waits until it has
// settled, then hands the test files what they need through vitest's provide/inject. The apiserver
// restart test needs this process (the owner of the children) to stop and start the apiserver, so a
// tiny control endpoint on 127.0.0.1 does that on request.
import { createServer, type Server } from 'node:http';
import type { TestProject } from 'vitest/node';
import { makeTypedApi } from '../support/typedApi.js';
import { KubeConfig } from '@kubernetes/client-node';
import { applyCluster, applyWorkloads } from './harness/classroom.js';
import { NAMESPACE, startControlPlane, type ControlPlane, type ControlPlaneInfo } from './harness/controlPlane.js';
import { checkBinaries } from './harness/paths.js';
import { waitUntil } from './harness/processes.js';

export interface E2EContext extends ControlPlaneInfo {
  /** POST {control}/apiserver/stop and /apiserver/start */
  control: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2EContext;
  }
}

function kubeConfigFor(path: string, context: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  kc.setCurrentContext(context);
  return kc;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const bin = checkBinaries();
  const started = Date.now();
  const log = (line: string) => process.stderr.write(`[e2e] ${line}\n`);
  const cp: ControlPlane = await startControlPlane({ bin, log, keepDir: process.env.KDASH_E2E_KEEP === '1' });
  let control: Server | undefined;
  try {
    const admin = makeTypedApi(kubeConfigFor(cp.kubeconfigPath, 'e2e-admin'));
    const student = makeTypedApi(kubeConfigFor(cp.kubeconfigPath, 'e2e-student'));
    await applyCluster(admin);
    // Pods need the namespace's default service account (the controller-manager creates it).
    await waitUntil('the default service account in vgauthier', () => admin.core.readNamespacedServiceAccount({ name: 'default', namespace: NAMESPACE }), 60_000, cp.procs());
    // RBAC is cached by the apiserver for a moment: wait until the student may create deployments.
    await waitUntil('the student RoleBinding to take effect', async () => {
      const r = await student.authz.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: { verb: 'create', group: 'apps', resource: 'deployments', namespace: NAMESPACE } } } });
      return r.status?.allowed;
    }, 30_000, cp.procs());
    await applyWorkloads(student);
    await waitUntil('the classroom to settle (webnodb 3/3, redis 1/1, db-migrate complete)', async () => {
      const [web, redis, job] = await Promise.all([
        admin.apps.readNamespacedDeployment({ name: 'webnodb', namespace: NAMESPACE }),
        admin.apps.readNamespacedDeployment({ name: 'redis', namespace: NAMESPACE }),
        admin.batch.readNamespacedJob({ name: 'db-migrate', namespace: NAMESPACE }),
      ]);
      return web.status?.readyReplicas === 3 && redis.status?.readyReplicas === 1 && job.status?.succeeded === 1;
    }, 120_000, cp.procs());
    log(`control plane ready in ${((Date.now() - started) / 1000).toFixed(1)}s at ${cp.server}`);

    control = createServer((req, res) => {
      const done = (status: number, text: string) => {
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(text);
      };
      const op = req.method === 'POST' ? req.url : undefined;
      const run = op === '/apiserver/stop' ? cp.stopApiserver() : op === '/apiserver/start' ? cp.startApiserver() : undefined;
      if (!run) return done(404, 'unknown');
      run.then(() => done(200, 'ok'), (e: Error) => done(500, e.message));
    });
    await new Promise<void>((resolve) => control!.listen(0, '127.0.0.1', resolve));
    const addr = control.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const { stop: _stop, procs: _procs, stopApiserver: _a, startApiserver: _b, ...info } = cp;
    project.provide('e2e', { ...info, control: `http://127.0.0.1:${port}` });
  } catch (err) {
    control?.close();
    await cp.stop();
    throw err;
  }
  return async () => {
    control?.close();
    await cp.stop();
  };
}
