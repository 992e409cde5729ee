// The pod row kubectl prints (printPod in kubernetes pkg/printers/internalversion/printers.go): READY,
// STATUS, RESTARTS and AGE for pods in the states a student meets. kdash computes it from the watched
// pods (src/resources/podStatus.ts); the embedded cluster prints it in its Table answers for kubectl
// get (packages/sim/src/tables/printPod.ts). Each keeps its own port; both run this table
// (test/resources/parityTables.test.ts, packages/sim/test/parityTables.test.ts).

export const PARITY_NOW = Date.parse('2026-03-01T12:00:00Z');
const ago = (s: number) => new Date(PARITY_NOW - s * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

export interface PodRowCase {
  name: string;
  pod: any;
  row: { ready: string; status: string; restarts: string; age: string };
}

const container = (name: string) => ({ name, image: 'nginx:1.27' });
const running = (name: string, ready = true, restartCount = 0, extra: any = {}) => ({ name, ready, restartCount, started: true, state: { running: { startedAt: ago(60) } }, ...extra });
const pod = (spec: any, status: any, metadata: any = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', uid: 'u', creationTimestamp: ago(600), ...metadata },
  spec: { containers: [container('app')], ...spec },
  status,
});

export const podRowCases: PodRowCase[] = [
  {
    name: 'a running, ready pod',
    pod: pod({}, { phase: 'Running', containerStatuses: [running('app')] }),
    row: { ready: '1/1', status: 'Running', restarts: '0', age: '10m' },
  },
  {
    name: 'a running pod whose container is not ready yet',
    pod: pod({}, { phase: 'Running', containerStatuses: [running('app', false)] }),
    row: { ready: '0/1', status: 'Running', restarts: '0', age: '10m' },
  },
  {
    name: 'a crash loop shows the restarts and when the last one ended',
    pod: pod({}, {
      phase: 'Running',
      containerStatuses: [{ name: 'app', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(71) } } }],
    }),
    row: { ready: '0/1', status: 'CrashLoopBackOff', restarts: '5 (71s ago)', age: '10m' },
  },
  {
    name: 'an image that cannot be pulled',
    pod: pod({}, { phase: 'Pending', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ErrImagePull' } } }] }),
    row: { ready: '0/1', status: 'ErrImagePull', restarts: '0', age: '10m' },
  },
  {
    name: 'a finished job pod',
    pod: pod({ restartPolicy: 'Never' }, { phase: 'Succeeded', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] }, { creationTimestamp: ago(3 * 3600 + 31 * 60) }),
    row: { ready: '0/1', status: 'Completed', restarts: '0', age: '3h31m' },
  },
  {
    name: 'a container killed by a signal without a reason',
    pod: pod({}, { phase: 'Failed', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, signal: 9 } } }] }),
    row: { ready: '0/1', status: 'Signal:9', restarts: '0', age: '10m' },
  },
  {
    name: 'the first container’s reason wins',
    pod: pod({ containers: [container('a'), container('b')] }, {
      phase: 'Pending',
      containerStatuses: [
        { name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } },
        { name: 'b', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } },
      ],
    }),
    row: { ready: '0/2', status: 'ImagePullBackOff', restarts: '0', age: '10m' },
  },
  {
    name: 'init containers still to run',
    pod: pod({ initContainers: [container('migrate'), container('seed')] }, {
      phase: 'Pending',
      initContainerStatuses: [
        { name: 'migrate', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } },
        { name: 'seed', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } },
      ],
      containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
    }),
    row: { ready: '0/1', status: 'Init:0/2', restarts: '0', age: '10m' },
  },
  {
    name: 'a failing init container',
    pod: pod({ initContainers: [container('migrate')] }, {
      phase: 'Pending',
      initContainerStatuses: [{ name: 'migrate', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 2, finishedAt: ago(30) } } }],
      containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
    }),
    row: { ready: '0/1', status: 'Init:CrashLoopBackOff', restarts: '3 (30s ago)', age: '10m' },
  },
  {
    name: 'an init container that exited without a reason',
    pod: pod({ initContainers: [container('migrate')] }, {
      phase: 'Failed',
      initContainerStatuses: [{ name: 'migrate', ready: false, restartCount: 0, state: { terminated: { exitCode: 1 } } }],
    }),
    row: { ready: '0/1', status: 'Init:ExitCode:1', restarts: '0', age: '10m' },
  },
  {
    name: 'a started sidecar counts in READY and its restarts show',
    pod: pod({ initContainers: [{ ...container('proxy'), restartPolicy: 'Always' }] }, {
      phase: 'Running',
      conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }],
      initContainerStatuses: [running('proxy', true, 1, { lastState: { terminated: { exitCode: 1, finishedAt: ago(300) } } })],
      containerStatuses: [running('app')],
    }),
    row: { ready: '2/2', status: 'Running', restarts: '1 (5m ago)', age: '10m' },
  },
  {
    name: 'a completed container beside a running one: the pod is not ready',
    pod: pod({ containers: [container('a'), container('b')] }, {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'False' }],
      containerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }, running('b')],
    }),
    row: { ready: '1/2', status: 'NotReady', restarts: '0', age: '10m' },
  },
  {
    name: 'a deleted pod is Terminating',
    pod: pod({}, { phase: 'Running', containerStatuses: [running('app')] }, { deletionTimestamp: ago(5) }),
    row: { ready: '1/1', status: 'Terminating', restarts: '0', age: '10m' },
  },
  {
    name: 'a pod on a lost node is Unknown',
    pod: pod({}, { phase: 'Running', reason: 'NodeLost', containerStatuses: [running('app')] }, { deletionTimestamp: ago(5) }),
    row: { ready: '1/1', status: 'Unknown', restarts: '0', age: '10m' },
  },
  {
    name: 'an evicted pod shows the pod’s reason',
    pod: pod({}, { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' }, { creationTimestamp: ago(9 * 86400) }),
    row: { ready: '0/1', status: 'Evicted', restarts: '0', age: '9d' },
  },
  {
    name: 'a scheduling-gated pod',
    pod: pod({ schedulingGates: [{ name: 'example.com/wait' }] }, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
    row: { ready: '0/1', status: 'SchedulingGated', restarts: '0', age: '10m' },
  },
  {
    name: 'a pod created 1.5 s in the future (clock skew) is 0s old',
    pod: pod({}, { phase: 'Pending' }, { creationTimestamp: new Date(PARITY_NOW + 1500).toISOString() }),
    row: { ready: '0/1', status: 'Pending', restarts: '0', age: '0s' },
  },
];
