// The diagnose rules (src/diagnose) over every student namespace, from the class view's cluster-wide
// objects: no request of its own. Kinds the class view does not watch (ingresses, PVCs, HPAs, limit
// ranges, endpoint slices) are marked skipped, so the rules that need them do not run on nothing.
import type { KObj } from '../resources/types.js';
import { diagnoseNamespace } from '../diagnose/diagnose.js';
import { kubectlName } from '../diagnose/objects.js';
import type { NamespaceSnapshot } from '../diagnose/types.js';
import { byNamespace, type FindingsDigest } from './summary.js';

/** What the rules read beyond what the summaries need. */
export const FINDINGS_WATCHES = ['replicasets', 'services'] as const;

const NOT_WATCHED = ['endpointslices', 'limitranges', 'persistentvolumeclaims', 'horizontalpodautoscalers', 'ingresses'];

/** Pure: each namespace's findings, counted, with the worst one in a line. */
export function findingsDigests(namespaces: readonly string[], objects: Record<string, readonly KObj[]>, now: number): Map<string, FindingsDigest> {
  const of = (kind: string) => byNamespace(objects[kind]);
  const [pods, deployments, replicaSets, statefulSets, daemonSets, services, events, quotas] = [
    'pods', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'services', 'events', 'resourcequotas',
  ].map(of);
  const out = new Map<string, FindingsDigest>();
  for (const namespace of namespaces) {
    const get = (m: Map<string, KObj[]>) => m.get(namespace) ?? [];
    const snap: NamespaceSnapshot = {
      namespace,
      now,
      pods: get(pods),
      deployments: get(deployments),
      replicaSets: get(replicaSets),
      statefulSets: get(statefulSets),
      daemonSets: get(daemonSets),
      services: get(services),
      events: get(events),
      quotas: get(quotas),
      endpointSlices: [],
      limitRanges: [],
      pvcs: [],
      hpas: [],
      ingresses: [],
      skipped: NOT_WATCHED.map((kind) => ({ kind, reason: 'not read by the class view' })),
    };
    const findings = diagnoseNamespace(snap);
    const worst = findings[0];
    out.set(namespace, {
      count: findings.length,
      worst: worst ? { severity: worst.severity, text: `${kubectlName(worst.object)}: ${worst.cause}` } : undefined,
    });
  }
  return out;
}
