// `kdash port-forward svc/webnodb 8080:80`: a forward like kubectl's that follows its target's pods —
// to a service or workload it moves to another ready pod when its pod goes (a deletion, a rollout), and
// says so on stderr; to a bare pod it says when the pod was deleted and keeps listening. Ctrl-C ends it.
import { UserError, describeError, statusCodeOf } from '../kube/errors.js';
import { findKind } from '../resources/registry.js';
import { podSelectorOf } from '../resources/podSelection.js';
import type { KObj } from '../resources/types.js';
import { keyOf } from '../store/keys.js';
import { selectObjects } from '../store/selectors.js';
import { whenListed } from '../store/index.js';
import { parseMapping, parseTargetWord, targetLabel, type PodTarget } from '../streams/podTargets.js';
import { startForward } from '../streams/portForward.js';
import { connect, type ConnectFlags } from './connect.js';
import { startRuntime } from './runtime.js';

export type PortForwardFlags = ConnectFlags & { address?: string };

export async function runPortForwardCli(targetWord: string, mappingWord: string, flags: PortForwardFlags): Promise<number> {
  const parsed = parseTargetWord(targetWord);
  if ('error' in parsed) throw new UserError(parsed.error, 2);
  const mapping = parseMapping(mappingWord);
  if ('error' in mapping) throw new UserError(mapping.error, 2);
  const address = flags.address ?? '127.0.0.1';
  const conn = await connect({ ...flags, allNamespaces: false });
  const { session } = conn;
  const namespace = session.namespace;
  const rt = startRuntime(session);
  const releasePods = rt.watches.use('pods', namespace);
  const stops: Array<() => Promise<void> | void> = [releasePods, () => rt.stop(), () => conn.close()];
  try {
    let target: PodTarget;
    let service: KObj | undefined;
    if (parsed.kind === 'pod') target = { kind: 'pod', namespace, name: parsed.name };
    else {
      const obj = await session.api.objects.get(findKind(parsed.kind)!, namespace, parsed.name).catch((err) => {
        if (statusCodeOf(err) === 404) throw new UserError(`${parsed.kind} "${parsed.name}" not found in namespace "${namespace}"`);
        throw new UserError(describeError(err));
      });
      const selector = podSelectorOf(parsed.kind, obj?.spec?.selector);
      if (selector.length === 0) throw new UserError(`${parsed.kind} "${parsed.name}" has no pod selector: nothing to forward to`);
      if (parsed.kind === 'service') {
        service = obj as KObj;
        const ports: any[] = service.spec?.ports ?? [];
        if (!ports.some((p) => p.port === mapping.remote || p.name === mapping.remote)) {
          throw new UserError(`service "${parsed.name}" has no port ${mapping.remote} (its ports: ${ports.map((p) => p.port).join(', ') || 'none'})`);
        }
      }
      target = { kind: parsed.kind, namespace, name: parsed.name, selector };
    }
    const key = keyOf('pods', namespace);
    // Choose once the pods are listed, not from an empty store.
    const listed = await whenListed(rt.store, key);
    if (listed?.phase === 'forbidden') throw new UserError(listed.message);
    const fwd = await startForward(session.api.kc, { target, port: mapping.remote, localPort: mapping.local, address }, {
      pods: () => selectObjects(rt.store.getState(), key),
      subscribe: (fn) => rt.store.subscribe(fn),
      service: () => service,
    }).catch((err) => {
      throw new UserError(err instanceof Error ? err.message : String(err));
    });
    stops.unshift(() => fwd.stop());
    process.stdout.write(`Forwarding from ${fwd.info().local} -> ${mapping.remote} (${targetLabel(target)} in ${namespace})\n`);
    let lastNote: string | undefined;
    fwd.subscribe((i) => {
      if (i.note && i.note !== lastNote) process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${i.note}\n`);
      lastNote = i.note;
    });
    const first = fwd.info().note;
    if (first) process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${first}\n`);
    lastNote = first;
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
      process.once('SIGHUP', resolve);
    });
    return 0;
  } finally {
    for (const stop of stops) await stop();
  }
}

