// The empty scenario: the classroom's cluster before the course starts. Its three nodes, the system
// namespaces and the student's namespace with a quota on object counts (the student's `edit` role there is auth.ts's),
// and nothing deployed, so a student can follow a course from the first `kubectl create`.
import { CLASSROOM_NODES, STUDENT_NAMESPACE } from './classroom.js';
import { create, gkeStorageClasses, namespace, node, type ScenarioEnv } from './build.js';

const MIN = 60_000;

export function loadEmpty(env: ScenarioEnv): void {
  const now = env.clock.now();
  const t0 = now - 30 * MIN;
  CLASSROOM_NODES.forEach((n, i) => create(env, t0 + i * 1000, 'nodes', node(n, i, { since: t0 + i * 1000 + 30_000 })));
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) create(env, t0, 'namespaces', namespace(ns));
  gkeStorageClasses(env, t0 + 2000);
  create(env, now - 10 * MIN, 'namespaces', namespace(STUDENT_NAMESPACE));
  // Counts only: a compute quota would refuse every pod without requests and limits (there is no
  // LimitRange to default them), and `kubectl run` is where a course starts.
  create(env, now - 10 * MIN, 'resourcequotas', {
    apiVersion: 'v1', kind: 'ResourceQuota',
    metadata: { name: 'student-quota', namespace: STUDENT_NAMESPACE },
    spec: { hard: { pods: '20', services: '10', configmaps: '20' } },
  });
}
