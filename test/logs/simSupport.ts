// Shared helpers for log tests against the embedded cluster (real HTTP on port 0).
import { startSim, type Sim } from '@kdash/sim';
import { makeTypedApi, type TypedApi } from '../support/typedApi.js';
import type { StreamSink } from '../../src/logs/logStream.js';
import type { StreamStatus } from '../../src/logs/types.js';

export async function classroom(speed = 20): Promise<{ sim: Sim; api: TypedApi; admin: TypedApi; ns: string }> {
  const sim = await startSim({ scenario: 'classroom', port: 0, speed });
  return { sim, api: makeTypedApi(sim.kubeConfig('student')), admin: makeTypedApi(sim.kubeConfig('admin')), ns: sim.student.namespace };
}

export interface Recorded {
  lines: Array<{ ts?: string; text: string }>;
  notes: Array<{ kind: string; text: string }>;
  statuses: StreamStatus[];
  sink: StreamSink;
}

export function recorder(): Recorded {
  const r: Recorded = {
    lines: [],
    notes: [],
    statuses: [],
    sink: {
      line: (text, ts) => r.lines.push({ ts, text }),
      note: (kind, text) => r.notes.push({ kind, text }),
      status: (s) => r.statuses.push(s),
    },
  };
  return r;
}

export async function podNamed(api: TypedApi, ns: string, prefix: string): Promise<string> {
  const list = await api.core.listNamespacedPod({ namespace: ns });
  const p = list.items.find((x) => x.metadata?.name?.startsWith(prefix));
  if (!p?.metadata?.name) throw new Error(`no pod ${prefix}* in ${ns}`);
  return p.metadata.name;
}

/** The server's own record of a container log (non-follow), as "ts|text" keys. */
export async function serverLines(api: TypedApi, ns: string, pod: string, container: string): Promise<string[]> {
  const text = await api.core.readNamespacedPodLog({ namespace: ns, name: pod, container, timestamps: true });
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const sp = l.indexOf(' ');
      return `${l.slice(0, sp)}|${l.slice(sp + 1)}`;
    });
}

/** A crash-looping pod of the classroom whose previous run the server can show (waits for it if needed). */
export async function crashedPod(api: TypedApi, ns: string, prefix = 'worker'): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const list = await api.core.listNamespacedPod({ namespace: ns });
    const p = list.items.find((x) => x.metadata?.name?.startsWith(prefix) && (x.status?.containerStatuses?.[0]?.restartCount ?? 0) > 0);
    const name = p?.metadata?.name;
    if (name) {
      const ok = await api.core.readNamespacedPodLog({ namespace: ns, name, previous: true }).then(() => true, () => false);
      if (ok) return name;
    }
    if (Date.now() > deadline) throw new Error(`no ${prefix}* pod with a restart in ${ns}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
