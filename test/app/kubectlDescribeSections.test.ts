// `d` must be laid out like `kubectl describe` for every kind kdash has, on live objects of the
// embedded cluster (crash loops, failed pulls, quota, jobs, nodes with pods): the same sections, with
// the same names, in the same order. Values move between two reads of a live cluster, so this
// compares the section headings (levels 0 and 1); test/resources/kubectlDescribeParity.test.ts
// compares whole texts on fixed fixtures. Skipped only when kubectl is not installed.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import { describeObject } from '../../src/resources/describe.js';
import { findKind } from '../../src/resources/registry.js';
import type { KObj } from '../../src/resources/types.js';

const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));
const NS = 'vgauthier';

let sim: Sim;
let kubeconfig: string;

function kubectl(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(KUBECTL!, ['--kubeconfig', kubeconfig, '--context', 'sim-admin', ...args], (err, out, errOut) =>
      err ? reject(new Error(errOut || err.message)) : resolve(out),
    ),
  );
}
const list = async (resource: string, ns?: string): Promise<KObj[]> =>
  JSON.parse(await kubectl(['get', resource, '-o', 'json', ...(ns ? ['-n', ns] : ['-A'])])).items;

/** "Name", "Events", "  Containers"…: the keys of the lines at indentation 0 and 2. */
const sections = (text: string) =>
  text
    .split('\n')
    .map((l) => /^( {0,2})([A-Z][A-Za-z0-9()/-]*(?: [A-Za-z0-9()/-]+)*):(?:\s|$)/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => m[1] + m[2]);

const EXTRA = `
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: cache }
spec:
  serviceName: cache
  replicas: 1
  selector: { matchLabels: { app: cache } }
  template:
    metadata: { labels: { app: cache } }
    spec: { containers: [{ name: cache, image: redis:7 }] }
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly }
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec: { restartPolicy: OnFailure, containers: [{ name: backup, image: busybox }] }
---
apiVersion: batch/v1
kind: Job
metadata: { name: shards }
spec:
  completionMode: Indexed
  completions: 3
  template:
    spec: { restartPolicy: Never, containers: [{ name: shard, image: busybox }] }
---
apiVersion: v1
kind: Service
metadata: { name: web-np }
spec:
  type: NodePort
  selector: { app: webnodb }
  ports: [{ port: 80, targetPort: 5000 }]
`;

beforeAll(async () => {
  sim = await startSim({ scenario: 'classroom', port: 0 });
  kubeconfig = join(mkdtempSync(join(tmpdir(), 'kdash-describe-')), 'kubeconfig');
  sim.writeKubeconfig(kubeconfig);
  // Kinds the classroom does not have: a stateful set, a cron job, an indexed job, a NodePort service.
  const manifest = join(tmpdir(), `kdash-describe-${process.pid}.yaml`);
  writeFileSync(manifest, EXTRA);
  await kubectl(['apply', '-n', NS, '-f', manifest]);
});
afterAll(async () => {
  await sim?.stop();
});

describe.skipIf(!KUBECTL)('describe has kubectl describe sections, names and order on the embedded cluster', () => {
  it.each([
    ['pods', /^webnodb-/],
    ['pods', /^worker-/],
    ['pods', /^db-migrate-/],
    ['deployments', /^webnodb$/],
    ['replicasets', /^webnodb-/],
    ['statefulsets', /^cache$/],
    ['daemonsets', /./],
    ['jobs', /^db-migrate/],
    ['jobs', /^shards$/],
    ['cronjobs', /^nightly$/],
    ['services', /./],
    ['services', /^web-np$/],
    ['configmaps', /^webnodb-config$/],
    ['nodes', /./],
    ['namespaces', new RegExp(`^${NS}$`)],
    ['resourcequotas', /./],
    ['events', /./],
  ])('%s %s', async (resource, pick) => {
    const kind = findKind(resource)!;
    const ns = kind.namespaced ? (resource === 'daemonsets' ? 'kube-system' : NS) : undefined;
    const objs = await list(resource, ns);
    const obj = objs.find((o) => pick.test(o.metadata.name));
    if (!obj) throw new Error(`no ${resource} matching ${pick} in ${ns ?? 'the cluster'}: ${objs.map((o) => o.metadata.name).join(', ')}`);
    const theirs = await kubectl(['describe', resource, obj.metadata.name, ...(ns ? ['-n', ns] : [])]);
    const related = {
      events: await list('events', ns),
      pods: await list('pods', ns),
      replicaSets: kind.id === 'deployments' ? await list('replicasets', ns) : undefined,
      quotas: kind.id === 'namespaces' ? await list('resourcequotas', obj.metadata.name) : undefined,
    };
    const ours = describeObject(kind, obj, related, Date.now());
    expect(sections(ours)).toEqual(sections(theirs.replace(/^Lease:.*\n/m, '')));
  });
});
