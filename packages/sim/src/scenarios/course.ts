// The `class` scenario: the course's cluster as its teacher finds it the morning after a lab. Thirty
// student namespaces (label course=net4255), each with the student quota and the course's app
// (webnodb + redis). Most were shut down with `kdash down` the evening before (scaled to 0 with the
// annotations kdash down writes, so `kdash up` brings them back); a few are running now; three are
// broken the ways students break them (an image typo, a crash loop, replicas beyond the quota); one
// was left running since yesterday afternoon. The student of the sim-student context is `vgauthier`,
// one of the thirty, with the same rights in their namespace as in the classroom scenario.
import type { KubeObject } from '../types.js';
import { CLASSROOM_NODES, STUDENT_NAMESPACE, studentQuota } from './classroom.js';
import { container, create, namespace, node, Placer, service, settledDeployment, type ScenarioEnv } from './build.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

export const COURSE_LABEL = { key: 'course', value: 'net4255' } as const;

/** The thirty students, in the order their namespaces were created. */
export const COURSE_STUDENTS = [
  STUDENT_NAMESPACE, 'alice', 'bob', 'chen', 'dmitri', 'emma', 'fatou', 'gabriel', 'hana', 'ines',
  'jonas', 'kenji', 'lea', 'malik', 'nora', 'oscar', 'paula', 'quentin', 'rania', 'samuel',
  'tariq', 'ursula', 'victor', 'wei', 'xavier', 'yasmin', 'zoe', 'amine', 'bruno', 'clara',
] as const;

export type StudentState = 'parked' | 'running' | 'imageTypo' | 'crashLoop' | 'overQuota' | 'leftRunning';

/** What each student's namespace looks like this morning (the rest are parked). */
export const COURSE_STATES: Readonly<Record<string, StudentState>> = {
  [STUDENT_NAMESPACE]: 'running',
  chen: 'running',
  hana: 'running',
  oscar: 'running',
  wei: 'running',
  bob: 'imageTypo',
  malik: 'crashLoop',
  rania: 'overQuota',
  tariq: 'leftRunning',
};

// What kdash down writes on what it scales to 0 (src/actions/downPlan.ts in kdash: the sim plays it
// as data, it does not import kdash).
const DOWN_REPLICAS = 'kdash.dev/down-replicas';
const DOWN_AT = 'kdash.dev/down-at';

const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function loadCourse(env: ScenarioEnv): void {
  const now = env.clock.now();
  const t0 = now - 30 * 24 * HOUR; // the cluster was made at the start of term
  CLASSROOM_NODES.forEach((n, i) => create(env, t0 + i * 1000, 'nodes', node(n, i, { since: t0 + i * 1000 + 30_000 })));
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) create(env, t0, 'namespaces', namespace(ns));
  const placer = new Placer(CLASSROOM_NODES);
  COURSE_STUDENTS.forEach((ns, i) => {
    const createdAt = t0 + 3 * 24 * HOUR + i * 40_000;
    const nsObj = namespace(ns);
    nsObj.metadata.labels = { ...nsObj.metadata.labels, [COURSE_LABEL.key]: COURSE_LABEL.value };
    create(env, createdAt, 'namespaces', nsObj);
    create(env, createdAt + 1000, 'resourcequotas', studentQuota(ns));
    loadStudent(env, placer, ns, COURSE_STATES[ns] ?? 'parked', i, now);
  });
}

function app(ns: string, image = `${ns}/webnodb:latest`) {
  return container('webnodb', image, 5000, ['100m', '128Mi'], ['250m', '256Mi']);
}

function loadStudent(env: ScenarioEnv, placer: Placer, ns: string, state: StudentState, i: number, now: number): void {
  // The lab: every student deployed the app last week.
  const deployedAt = now - 6 * 24 * HOUR + i * 60_000;
  const services = () => {
    create(env, deployedAt, 'services', service(ns, 'webnodb', 5000, { app: 'webnodb' }, `10.12.${10 + i}.41`));
    create(env, deployedAt, 'services', service(ns, 'redis', 6379, { app: 'redis' }, `10.12.${10 + i}.198`));
  };
  const redis = (replicas: number, podsAt: number, annotations?: Record<string, string>) =>
    settledDeployment(env, placer, { ns, name: 'redis', replicas, createdAt: deployedAt, podsAt, annotations, containers: [container('redis', 'redis:7', 6379, ['100m', '128Mi'], ['250m', '256Mi'])] });
  switch (state) {
    case 'parked': {
      // Shut down yesterday evening between 17:00 and 19:00 (simulated clock: 13 to 15 hours ago).
      const downAt = now - 13 * HOUR - ((i * 7) % 120) * MIN;
      settledDeployment(env, placer, {
        ns, name: 'webnodb', replicas: 0, createdAt: deployedAt, podsAt: deployedAt + 5000,
        annotations: { [DOWN_REPLICAS]: '2', [DOWN_AT]: iso(downAt) }, containers: [app(ns)],
      });
      redis(0, deployedAt + 5000, { [DOWN_REPLICAS]: '1', [DOWN_AT]: iso(downAt) });
      services();
      return;
    }
    case 'running': {
      const podsAt = now - (20 + i) * MIN;
      settledDeployment(env, placer, { ns, name: 'webnodb', replicas: 2, createdAt: deployedAt, podsAt, containers: [app(ns)] });
      redis(1, podsAt - 30_000);
      services();
      return;
    }
    case 'leftRunning': {
      // Started yesterday afternoon and never stopped: running, and nothing has happened since.
      const podsAt = now - 19 * HOUR;
      settledDeployment(env, placer, { ns, name: 'webnodb', replicas: 2, createdAt: deployedAt, podsAt, containers: [app(ns)] });
      redis(1, podsAt - 30_000);
      services();
      return;
    }
    case 'imageTypo': {
      const podsAt = now - 25 * MIN;
      redis(1, podsAt);
      settledDeployment(env, placer, {
        ns, name: 'webnodb', replicas: 1, createdAt: deployedAt, podsAt: now - 12 * MIN,
        history: [{ containers: [app(ns, 'nginx:1.27')], at: podsAt }],
        containers: [app(ns, 'ngnix:1.27')],
        story: () => ({ waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "ngnix:1.27"' } }),
      });
      services();
      return;
    }
    case 'crashLoop': {
      const podsAt = now - 30 * MIN;
      settledDeployment(env, placer, { ns, name: 'webnodb', replicas: 1, createdAt: deployedAt, podsAt, containers: [app(ns)] });
      redis(1, podsAt);
      settledDeployment(env, placer, {
        ns, name: 'worker', replicas: 1, createdAt: now - 20 * MIN, podsAt: now - 20 * MIN + 3000,
        containers: [container('worker', `${ns}/worker:latest`, undefined, ['100m', '128Mi'], ['250m', '256Mi'], { env: [{ name: 'CRASH', value: '1' }] })],
        story: () => ({ restarts: 7, crash: { lastFinishedAt: now - 50_000 }, startedAt: now - 53_000 }),
      });
      services();
      return;
    }
    case 'overQuota': {
      // Scaled to 12 a few minutes ago: the quota (2 CPU of requests, 100m each… and 20 pods) lets the
      // replica set create some pods and refuses the rest, which the controllers play out after loading.
      redis(1, now - 40 * MIN);
      const d: KubeObject = {
        apiVersion: 'apps/v1', kind: 'Deployment',
        metadata: { name: 'webnodb', namespace: ns, labels: { app: 'webnodb' } },
        spec: {
          replicas: 12, selector: { matchLabels: { app: 'webnodb' } },
          template: { metadata: { labels: { app: 'webnodb' } }, spec: { containers: [container('webnodb', `${ns}/webnodb:latest`, 5000, ['300m', '128Mi'], ['500m', '256Mi'])] } },
        },
      };
      create(env, now - 5 * MIN, 'deployments.apps', d);
      services();
      return;
    }
  }
}
