// The hand-made descriptors against the server's own Table: their headers must be kubectl's (the
// columns a Table of that kind states, priority 0 by default, priority > 0 with -o wide), so they cannot
// drift. kdash's extras (metrics columns: CPU, MEM, %) are not kubectl's and are left out.
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeJson } from '../../src/kube/http.js';
import { resourcePath } from '../../src/kube/objects.js';
import { TABLE_ACCEPT } from '../../src/watchers/tableRows.js';
import type { ResourceKind, TableColumnDefinition } from '../../src/resources/types.js';

export interface Headers {
  plain: string[];
  wide: string[];
}

/** The headers `kubectl get` and `kubectl get -o wide` print for a kind, from the server's Table. */
export async function serverHeaders(kc: KubeConfig, kind: ResourceKind, namespace: string): Promise<Headers> {
  const table = await kubeJson<{ columnDefinitions: TableColumnDefinition[] }>(kc, `${resourcePath(kind, { namespace })}?limit=1`, { accept: TABLE_ACCEPT });
  const defs = table.columnDefinitions ?? [];
  return {
    plain: defs.filter((d) => !d.priority).map((d) => d.name.toUpperCase()),
    wide: defs.map((d) => d.name.toUpperCase()),
  };
}

/** The headers a descriptor prints in --once (plain) and with wide columns. */
export function descriptorHeaders(kind: ResourceKind): Headers {
  const own = kind.columns.filter((c) => !c.metrics);
  return { plain: own.filter((c) => !c.wide).map((c) => c.header), wide: own.map((c) => c.header) };
}
