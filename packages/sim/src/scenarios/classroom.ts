// The classroom: a 3-node GKE-like cluster where the student `vgauthier` has deployed the course's
// app. It starts settled, as if it had been running for a while: pods Running with ages of minutes,
// a crash-looping worker with restarts, a completed migration job, and a quota with room left.
import { templateHash } from '../controllers/util.js';
import type { KubeObject } from '../types.js';
import { container, create, gkeStorageClasses, namespace, node, Placer, service, settledClaim, settledDeployment, settledPodFor, type ScenarioEnv } from './build.js';

export const CLASSROOM_NODES = ['gke-course-pool-1', 'gke-course-pool-2', 'gke-course-pool-3'];
export const STUDENT_NAMESPACE = 'vgauthier';

/** The quota the teacher gives each student's namespace. */
export const studentQuota = (ns: string): KubeObject => ({
  apiVersion: 'v1', kind: 'ResourceQuota',
  metadata: { name: 'compute-quota', namespace: ns },
  spec: { hard: { 'requests.cpu': '2', 'requests.memory': '2Gi', 'limits.cpu': '4', 'limits.memory': '4Gi', pods: '20' } },
});

/** The LimitRange the teacher gives each student's namespace: requests and limits for containers that name none. */
export const studentLimits = (ns: string): KubeObject => ({
  apiVersion: 'v1', kind: 'LimitRange',
  metadata: { name: 'container-limits', namespace: ns },
  spec: { limits: [{ type: 'Container', default: { cpu: '250m', memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' }, max: { cpu: '1', memory: '1Gi' } }] },
});

const MIN = 60_000;

export function loadClassroom(env: ScenarioEnv): void {
  const now = env.clock.now();
  const t0 = now - 3 * 60 * MIN; // the cluster was created three hours ago
  CLASSROOM_NODES.forEach((n, i) => create(env, t0 + i * 1000, 'nodes', node(n, i, { since: t0 + i * 1000 + 30_000 })));
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) create(env, t0, 'namespaces', namespace(ns));
  for (const [ns, ago] of [[STUDENT_NAMESPACE, 50], ['alice', 48], ['bob', 47]] as const) create(env, now - ago * MIN, 'namespaces', namespace(ns));
  const placer = new Placer(CLASSROOM_NODES);
  gkeStorageClasses(env, t0 + 2000);

  // ---- kube-system ----
  settledDeployment(env, placer, {
    ns: 'kube-system', name: 'kube-dns', replicas: 2, labels: { 'k8s-app': 'kube-dns' }, createdAt: t0 + 5000, podsAt: t0 + 8000,
    containers: [container('coredns', 'registry.k8s.io/coredns/coredns:v1.11.1', 53, ['100m', '70Mi'], undefined, { args: ['-conf', '/etc/coredns/Corefile'] })],
    podAnnotations: { 'sim.kdash.dev/behavior': 'run' },
  });
  settledDeployment(env, placer, {
    ns: 'kube-system', name: 'metrics-server', replicas: 1, labels: { 'k8s-app': 'metrics-server' }, createdAt: t0 + 6000, podsAt: t0 + 9000,
    containers: [container('metrics-server', 'registry.k8s.io/metrics-server/metrics-server:v0.7.1', 10250, ['48m', '95Mi'], undefined, { args: ['--metric-resolution=15s'] })],
  });
  const proxy = create(env, t0 + 3000, 'daemonsets.apps', {
    apiVersion: 'apps/v1', kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      template: { metadata: { labels: { 'k8s-app': 'kube-proxy' } }, spec: { containers: [container('kube-proxy', 'registry.k8s.io/kube-proxy:v1.30.5', undefined, ['100m', '50Mi'])], priorityClassName: 'system-node-critical', hostNetwork: true } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
    },
  });
  const proxyHash = templateHash(proxy.spec.template).slice(0, 10);
  for (let i = 0; i < CLASSROOM_NODES.length; i++) {
    settledPodFor(env, placer, proxy, t0 + 4000 + i * 300, {}, { 'controller-revision-hash': proxyHash, 'pod-template-generation': '1' });
  }

  // ---- the student's namespace ----
  const ns = STUDENT_NAMESPACE;
  const limits = { cpu: '250m', memory: '256Mi' };
  settledDeployment(env, placer, {
    ns, name: 'webnodb', replicas: 3, createdAt: now - 42 * MIN, podsAt: now - 9 * MIN,
    history: [{ containers: [container('webnodb', 'vgauthier/webnodb:1.0', 5000, ['100m', '128Mi'], [limits.cpu, limits.memory])], at: now - 42 * MIN }],
    containers: [container('webnodb', 'vgauthier/webnodb:latest', 5000, ['100m', '128Mi'], [limits.cpu, limits.memory], {
      readinessProbe: { httpGet: { path: '/api/health', port: 5000, scheme: 'HTTP' }, initialDelaySeconds: 2, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
    })],
  });
  const redis = settledDeployment(env, placer, {
    ns, name: 'redis', replicas: 1, createdAt: now - 44 * MIN, podsAt: now - 44 * MIN + 5000,
    containers: [container('redis', 'redis:7', 6379, ['100m', '128Mi'], ['250m', '256Mi'], { volumeMounts: [{ name: 'data', mountPath: '/data' }] })],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'redis-data' } }],
  });
  const redisNode = env.store.list('pods', ns).find((p) => p.metadata.labels?.app === 'redis')?.spec.nodeName ?? CLASSROOM_NODES[0];
  settledClaim(env, now - 44 * MIN + 2000, ns, 'redis-data', '1Gi', 'standard-rwo', 'pd.csi.storage.gke.io', redisNode);
  void redis;
  settledDeployment(env, placer, {
    ns, name: 'worker', replicas: 1, createdAt: now - 6 * MIN, podsAt: now - 6 * MIN + 3000,
    containers: [container('worker', 'vgauthier/worker:latest', undefined, ['100m', '128Mi'], ['250m', '256Mi'], { env: [{ name: 'CRASH', value: '1' }, { name: 'REDIS_HOST', value: 'redis' }] })],
    story: () => ({ restarts: 5, crash: { lastFinishedAt: now - 70_000 }, startedAt: now - 73_000 }),
  });
  create(env, now - 44 * MIN, 'services', service(ns, 'webnodb', 5000, { app: 'webnodb' }, '10.12.7.41'));
  create(env, now - 44 * MIN, 'services', service(ns, 'redis', 6379, { app: 'redis' }, '10.12.3.198'));

  const job = create(env, now - 20 * MIN, 'jobs.batch', {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: { name: 'db-migrate', namespace: ns, labels: { app: 'db-migrate' } },
    spec: {
      completions: 1, parallelism: 1, backoffLimit: 4, completionMode: 'NonIndexed', suspend: false,
      template: { metadata: { labels: { app: 'db-migrate', 'job-name': 'db-migrate' } }, spec: { restartPolicy: 'Never', containers: [container('migrate', 'vgauthier/webnodb:latest', undefined, ['100m', '64Mi'], ['250m', '128Mi'], { command: ['python', 'manage.py', 'migrate'] })] } },
    },
  });
  const jobStart = now - 20 * MIN;
  const jobPod = settledPodFor(env, placer, job, jobStart + 500, { startedAt: jobStart + 4000, completed: { finishedAt: jobStart + 9000 } }, {
    'batch.kubernetes.io/controller-uid': job.metadata.uid ?? '', 'batch.kubernetes.io/job-name': 'db-migrate', 'controller-uid': job.metadata.uid ?? '', 'job-name': 'db-migrate',
  });
  const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
  env.store.mutate('jobs.batch', ns, 'db-migrate', (j) => {
    j.status = {
      startTime: iso(jobStart), completionTime: iso(jobStart + 10_000), succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {},
      conditions: [
        { type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: iso(jobStart + 10_000), lastTransitionTime: iso(jobStart + 10_000) },
        { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: iso(jobStart + 10_000), lastTransitionTime: iso(jobStart + 10_000) },
      ],
    };
    return j;
  });
  env.events.emit(job, 'Normal', 'Completed', 'Job completed', 'job-controller', { at: jobStart + 10_000 });
  void jobPod;

  // A workload whose output is hostile to terminals (kdash must neutralize it). A Deployment, not a
  // bare pod, so that `kdash down` (which scales Deployments to 0) leaves the namespace with no pods.
  settledDeployment(env, placer, {
    ns, name: 'tricky-logger', replicas: 1, createdAt: now - 15 * MIN, podsAt: now - 15 * MIN + 2000,
    containers: [container('logger', 'vgauthier/tricky-logger:latest', undefined, ['50m', '64Mi'], ['100m', '128Mi'])],
  });
  create(env, now - 48 * MIN, 'resourcequotas', studentQuota(ns));
  create(env, now - 48 * MIN, 'limitranges', studentLimits(ns));
  create(env, now - 40 * MIN, 'secrets', {
    apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
    metadata: { name: 'webnodb-db', namespace: ns, labels: { app: 'webnodb' } },
    data: { DB_USER: Buffer.from('webnodb').toString('base64'), DB_PASSWORD: Buffer.from('s3cr3t-for-class').toString('base64') },
  });
  create(env, now - 41 * MIN, 'ingresses.networking.k8s.io', {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
    metadata: { name: 'webnodb', namespace: ns, annotations: { 'kubernetes.io/ingress.class': 'gce' } },
    spec: { rules: [{ host: 'webnodb.vgauthier.course.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'webnodb', port: { number: 5000 } } } }] } }] },
  });
  env.store.mutate('ingresses.networking.k8s.io', ns, 'webnodb', (o) => ({ ...o, status: { loadBalancer: { ingress: [{ ip: '34.120.54.17' }] } } }));
  create(env, now - 30 * MIN, 'horizontalpodautoscalers.autoscaling', {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'webnodb', namespace: ns },
    // Scale-down disabled: the HPA adds pods under load but never undoes a student's `kubectl scale`.
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'webnodb' }, minReplicas: 1, maxReplicas: 6,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
      behavior: { scaleDown: { selectPolicy: 'Disabled' } },
    },
  });
  create(env, now - 30 * MIN, 'poddisruptionbudgets.policy', {
    apiVersion: 'policy/v1', kind: 'PodDisruptionBudget',
    metadata: { name: 'webnodb', namespace: ns },
    spec: { minAvailable: 2, selector: { matchLabels: { app: 'webnodb' } } },
  });
  create(env, now - 43 * MIN, 'networkpolicies.networking.k8s.io', {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
    metadata: { name: 'redis-from-app', namespace: ns },
    spec: {
      podSelector: { matchLabels: { app: 'redis' } }, policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'webnodb' } } }, { podSelector: { matchLabels: { app: 'worker' } } }], ports: [{ protocol: 'TCP', port: 6379 }] }],
    },
  });
  create(env, now - 48 * MIN, 'configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'webnodb-config', namespace: ns }, data: { FLASK_ENV: 'production', ITEMS_PER_PAGE: '20' } });

  // ---- other students ----
  settledDeployment(env, placer, {
    ns: 'alice', name: 'webnodb', replicas: 2, createdAt: now - 40 * MIN, podsAt: now - 40 * MIN + 3000,
    containers: [container('webnodb', 'alice/webnodb:latest', 5000, ['100m', '128Mi'], ['250m', '256Mi'])],
  });
  create(env, now - 40 * MIN, 'services', service('alice', 'webnodb', 5000, { app: 'webnodb' }, '10.12.9.12'));
  settledDeployment(env, placer, {
    ns: 'bob', name: 'nginx', replicas: 2, createdAt: now - 35 * MIN, podsAt: now - 35 * MIN + 3000,
    containers: [container('nginx', 'nginx:1.27', 80, ['50m', '64Mi'])],
  });
  settledDeployment(env, placer, {
    ns: 'bob', name: 'api', replicas: 1, createdAt: now - 4 * MIN, podsAt: now - 4 * MIN + 1000,
    containers: [container('api', 'bob/api:typo', 8080, ['100m', '128Mi'])],
    story: () => ({ waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "bob/api:typo"' } }),
  });
}
