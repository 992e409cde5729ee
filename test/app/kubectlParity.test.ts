// Two independent implementations of kubectl's columns must agree: kdash's own table logic
// (src/resources, what the dashboard and --once show) and the embedded cluster's server-side
// Tables as the real kubectl prints them. Skipped only when kubectl is not installed.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import { openSessionFromKubeConfig } from '../../src/kube/session.js';
import { startRuntime, type Runtime } from '../../src/app/runtime.js';
import { findKind } from '../../src/resources/registry.js';
import { renderPlainTable } from '../../src/resources/plainTable.js';
import { keyOf } from '../../src/store/keys.js';
import { selectObjects, selectWatcher } from '../../src/store/selectors.js';
import type { ResourceKind } from '../../src/resources/types.js';

const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));

let sim: Sim;
let rt: Runtime;
let kubeconfig: string;

function kubectl(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(KUBECTL!, ['--kubeconfig', kubeconfig, ...args], (err, out, errOut) => (err ? reject(new Error(errOut || err.message)) : resolve(out))),
  );
}

/** Rows of cells; the AGE-like columns (computed a moment apart) are blanked. */
function cells(table: string): string[][] {
  const lines = table.trimEnd().split('\n');
  const header = lines[0].split(/\s{2,}/);
  const timeCols = new Set(header.map((h, i) => (/^(AGE|LAST SEEN|LAST SCHEDULE|DURATION)$/.test(h) ? i : -1)).filter((i) => i >= 0));
  return lines.map((l) =>
    l
      .split(/\s{2,}/)
      .map((c, i) => (timeCols.has(i) ? '-' : c.replace(/\(\d+[smhd]\d*[smh]? ago\)/, '(ago)'))),
  );
}

beforeAll(async () => {
  sim = await startSim({ scenario: 'classroom', port: 0 });
  kubeconfig = join(mkdtempSync(join(tmpdir(), 'kdash-parity-')), 'kubeconfig');
  sim.writeKubeconfig(kubeconfig);
  const session = await openSessionFromKubeConfig(sim.kubeConfig('admin'), { namespace: 'vgauthier' });
  rt = startRuntime(session);
});
afterAll(async () => {
  await rt?.stop();
  await sim?.stop();
});

async function kdashTable(kind: ResourceKind, ns: string, wide: boolean): Promise<string> {
  const key = keyOf(kind.id, kind.namespaced ? ns : '');
  const release = rt.watches.use(kind.id, kind.namespaced ? ns : '');
  try {
    const deadline = Date.now() + 10_000;
    while (selectWatcher(rt.store.getState(), key)?.phase !== 'live') {
      if (Date.now() > deadline) throw new Error(`no sync for ${key}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return renderPlainTable(kind, selectObjects(rt.store.getState(), key), { now: Date.now() }, { wide });
  } finally {
    release();
  }
}

describe.skipIf(!KUBECTL)('kdash prints what kubectl prints for the classroom', () => {
  for (const [name, ns] of [
    ['pods', 'vgauthier'],
    ['deployments', 'vgauthier'],
    ['replicasets', 'vgauthier'],
    ['services', 'vgauthier'],
    ['jobs', 'vgauthier'],
    ['pods', 'kube-system'],
    ['daemonsets', 'kube-system'],
    ['nodes', ''],
    ['namespaces', ''],
  ] as const) {
    for (const wide of [false, true]) {
      it(`${name}${ns ? ` in ${ns}` : ''}${wide ? ' -o wide' : ''}`, async () => {
        // Stop the clock's effect on the comparison: both read the cluster at (almost) the same moment.
        const kind = findKind(name)!;
        const theirs = await kubectl(['--context', 'sim-admin', 'get', name, ...(ns ? ['-n', ns] : []), ...(wide ? ['-o', 'wide'] : [])]);
        const ours = await kdashTable(kind, ns, wide);
        expect(cells(ours)).toEqual(cells(theirs));
      });
    }
  }
});
