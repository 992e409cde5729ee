// Shared helpers for the actions' cluster tests: an embedded cluster per file (waits: test/support/until.ts).
import { makeTypedApi, type TypedApi } from '../support/typedApi.js';
import { startSim } from '@kdash/sim';

export type Sim = Awaited<ReturnType<typeof startSim>>;

export async function classroom(): Promise<{ sim: Sim; admin: TypedApi; student: TypedApi }> {
  const sim = await startSim({ scenario: 'classroom', port: 0, clock: 'real', speed: 10 });
  return { sim, admin: makeTypedApi(sim.kubeConfig('admin')), student: makeTypedApi(sim.kubeConfig('student')) };
}

export const NS = 'vgauthier';

export async function runningPods(api: TypedApi, namespace: string, prefix = ''): Promise<any[]> {
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
