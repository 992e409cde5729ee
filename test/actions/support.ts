// Shared helpers for the actions' cluster tests: an embedded cluster per file and polling waits.
import { makeApi, type Api } from '../../src/kube/api.js';
import { startSim } from '@kdash/sim';

export type Sim = Awaited<ReturnType<typeof startSim>>;

export async function classroom(): Promise<{ sim: Sim; admin: Api; student: Api }> {
  const sim = await startSim({ scenario: 'classroom', port: 0, clock: 'real', speed: 10 });
  return { sim, admin: makeApi(sim.kubeConfig('admin')), student: makeApi(sim.kubeConfig('student')) };
}

/** Polls until fn returns a truthy value (or throws the last error at the deadline). */
export async function until<T>(fn: () => Promise<T> | T, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
      last = undefined;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const NS = 'vgauthier';

export async function runningPods(api: Api, namespace: string, prefix = ''): Promise<any[]> {
  const l = await api.core.listNamespacedPod({ namespace });
  return l.items.filter(
    (p: any) => p.metadata.name.startsWith(prefix) && !p.metadata.deletionTimestamp && p.status?.phase === 'Running',
  );
}

/** A collecting writable for the CLI runners. */
export function collect(): { out: NodeJS.WritableStream; text(): string } {
  let buf = '';
  const out = {
    write(chunk: string | Uint8Array) {
      buf += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  return { out, text: () => buf };
}
