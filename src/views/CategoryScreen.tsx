// `:all` (and any other discovery category, e.g. a CRD's own): the kinds of the category one table after
// another, rows named `kind/name` — what `kubectl get all` prints, live. A k9s user gets no combined
// table of mixed kinds (their columns differ, and every key would mean something else per row): this is
// the overview, and `:deploy`, `:svc`… open a kind to act on it.
import React, { useEffect, useMemo } from 'react';
import { nameColumn } from '../resources/columns.js';
import { renderPlainTable } from '../resources/plainTable.js';
import { withServerColumns } from '../resources/serverTable.js';
import type { ResourceKind } from '../resources/types.js';
import { keyOf } from '../store/keys.js';
import { selectColumns, selectObjects, selectWatcher } from '../store/selectors.js';
import type { ClusterState } from '../store/types.js';
import { useClusterState, useNow, useServices } from './context.js';
import type { ScreenEnv, ViewScreen } from './screens.js';
import { TextScreen } from './TextScreen.js';

/** kubectl's `deployment.apps/webnodb`: the singular with its group. */
const prefixOf = (k: ResourceKind) => `${k.kind.toLowerCase()}${k.group ? `.${k.group}` : ''}/`;

export function categoryText(kinds: ResourceKind[], namespace: string, state: ClusterState, now: number): string {
  const sections: string[] = [];
  for (const k of kinds) {
    const key = keyOf(k.id, k.namespaced ? namespace : '');
    const phase = selectWatcher(state, key);
    if (phase?.phase === 'forbidden') {
      sections.push(`${k.id}: not available to this account — ${phase.message}`);
      continue;
    }
    const objs = selectObjects(state, key);
    if (!objs.length) continue;
    const shown = withServerColumns(k, selectColumns(state, key));
    const prefix = prefixOf(k);
    const named = { ...shown, columns: shown.columns.map((c) => (c.id === 'name' ? { ...nameColumn, value: (o: Parameters<typeof c.value>[0]) => prefix + o.metadata.name } : c)) };
    sections.push(renderPlainTable(named, objs, { now }, { allNamespaces: namespace === '' }).trimEnd());
  }
  const loading = kinds.some((k) => !selectWatcher(state, keyOf(k.id, k.namespaced ? namespace : '')) || selectWatcher(state, keyOf(k.id, k.namespaced ? namespace : ''))?.phase === 'syncing');
  if (!sections.length) return loading ? 'loading…' : namespace ? `No resources found in ${namespace} namespace.` : 'No resources found';
  return sections.join('\n\n');
}

function CategoryScreen({ category, kinds, namespace, width, height, onBack }: { category: string; kinds: ResourceKind[]; namespace: string } & ScreenEnv) {
  const { watch } = useServices();
  useEffect(() => {
    const releases = kinds.map((k) => watch(k.id, k.namespaced ? namespace : ''));
    return () => releases.forEach((r) => r());
  }, [kinds, namespace, watch]);
  const state = useClusterState((s) => s);
  const now = useNow();
  const text = useMemo(() => categoryText(kinds, namespace, state, now), [kinds, namespace, state, now]);
  return <TextScreen title={`${category} — ${kinds.map((k) => k.plural).join(', ')} in ${namespace || 'all namespaces'}`} text={text} width={width} height={height} onBack={onBack} />;
}

export const categoryScreen = (category: string, kinds: ResourceKind[], namespace: string): ViewScreen => ({
  type: 'view',
  keys: 'text',
  crumb: `${category}(${namespace})`,
  render: (env) => <CategoryScreen category={category} kinds={kinds} namespace={namespace} {...env} />,
});
