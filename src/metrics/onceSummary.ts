// The quota line `kdash --once` prints under its table, one line per ResourceQuota:
//   quota compute-quota: cpu 1.2/2  memory 1.1Gi/2Gi  pods 7/20
import type { KObj } from '../resources/types.js';
import { sanitizeCell } from '../text/sanitize.js';
import { formatCompact } from './quantity.js';
import { canonicalResource, HEADER_RESOURCES, quotaLines, type QuotaLine } from './quota.js';

const LABELS: Record<string, string> = {
  'requests.cpu': 'cpu',
  'requests.memory': 'memory',
  'limits.cpu': 'limits.cpu',
  'limits.memory': 'limits.memory',
  pods: 'pods',
};

function part(line: QuotaLine): string {
  const label = LABELS[canonicalResource(line.resource)] ?? sanitizeCell(line.resource);
  const used = line.used === undefined ? '?' : formatCompact(line.used, line.kind);
  return `${label} ${used}/${formatCompact(line.hard, line.kind)}`;
}

/** One line per quota with the header resources; '' when the namespace has no quota. */
export function quotaSummaryLine(quotas: KObj[]): string {
  const byQuota = new Map<string, QuotaLine[]>();
  for (const line of quotaLines(quotas)) {
    if (!(HEADER_RESOURCES as readonly string[]).includes(canonicalResource(line.resource))) continue;
    const list = byQuota.get(line.quota) ?? [];
    list.push(line);
    byQuota.set(line.quota, list);
  }
  return [...byQuota]
    .map(([name, lines]) => `quota ${sanitizeCell(name)}: ${lines.map(part).join('  ')}`)
    .join('\n');
}
