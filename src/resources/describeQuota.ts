// `d` on namespaces and resource quotas: describe.go NamespaceDescriber, DescribeResourceQuotas and
// ResourceQuotaDescriber.
import type { KObj } from './types.js';
import { DescribeWriter, clean, writeAnnotations, writeLabels } from './describeWriter.js';

function quotaRows(w: DescribeWriter, level: number, q: KObj, rule: string): void {
  const hard: Record<string, string> = q.status?.hard ?? q.spec?.hard ?? {};
  const used: Record<string, string> = q.status?.used ?? {};
  w.line(level, 'Resource\tUsed\tHard');
  w.line(level, `--------\t${rule}\t${rule}`);
  for (const r of Object.keys(hard).sort()) w.line(level, `${clean(r)}\t${clean(used[r] ?? '0')}\t${clean(hard[r])}`);
}

/** kubectl describe namespace; the quota section only when the caller knows the namespace's quotas. */
export function describeNamespace(ns: KObj, quotas: KObj[] | undefined): string {
  const w = new DescribeWriter();
  w.kv(0, 'Name', ns.metadata.name);
  writeLabels(w, 0, 'Labels', ns.metadata.labels);
  writeAnnotations(w, 0, ns.metadata.annotations);
  w.kv(0, 'Status', ns.status?.phase ?? '');
  if (quotas) {
    const mine = quotas.filter((q) => q.metadata.namespace === ns.metadata.name).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    w.line(0, '');
    if (mine.length === 0) w.line(0, 'No resource quota.');
    else {
      w.line(0, 'Resource Quotas');
      for (const q of mine) {
        w.kv(1, 'Name', q.metadata.name);
        if (q.spec?.scopes?.length) w.kv(1, 'Scopes', q.spec.scopes.join(', '));
        quotaRows(w, 1, q, '---');
      }
    }
  }
  return w.toString();
}

/** kubectl describe quota. */
export function describeResourceQuota(q: KObj): string {
  const w = new DescribeWriter();
  w.kv(0, 'Name', q.metadata.name);
  w.kv(0, 'Namespace', q.metadata.namespace ?? '');
  if (q.spec?.scopes?.length) w.kv(0, 'Scopes', q.spec.scopes.join(', '));
  quotaRows(w, 0, q, '----');
  return w.toString();
}
