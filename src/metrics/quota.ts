// ResourceQuota lines: what the namespace uses against what it may use. "used" comes from the
// quota's own status (the quota controller counts requests), so this works without metrics.
import type { KObj } from '../resources/types.js';
import { formatQuantity, quantityKind, tryParseQuantity, type QuantityKind } from './quantity.js';

export type QuotaTone = 'ok' | 'warn' | 'error';

export interface QuotaLine {
  /** The ResourceQuota's name. */
  quota: string;
  namespace?: string;
  resource: string;
  kind: QuantityKind;
  /** Undefined until the quota controller has filled status.used. */
  used?: number;
  hard: number;
  /** kubectl describe quota's text for each side: "1200m", "2Gi". */
  usedText: string;
  hardText: string;
  /** used / hard; undefined when used is unknown. */
  ratio?: number;
  tone?: QuotaTone;
}

/** The five resources the header shows, in order; anything else follows alphabetically. */
export const HEADER_RESOURCES = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'pods'] as const;

/** "cpu" and "memory" in a quota mean requests.cpu / requests.memory. */
export function canonicalResource(resource: string): string {
  return resource === 'cpu' || resource === 'memory' ? `requests.${resource}` : resource;
}

/** A used/hard meter of `cells` characters: `▇▇▁▁▁▁` (the header's quota bars, the class view's columns). */
export function bar(ratio: number | undefined, cells = 6): string {
  const r = ratio === undefined || Number.isNaN(ratio) ? 0 : Math.max(0, Math.min(1, ratio));
  const filled = Math.round(r * cells);
  return '▇'.repeat(filled) + '▁'.repeat(cells - filled);
}

/** ≥ 80 % is a warning, ≥ 100 % an error (a scale-up will be refused). */
export function quotaTone(ratio: number | undefined): QuotaTone | undefined {
  if (ratio === undefined || Number.isNaN(ratio)) return undefined;
  if (ratio >= 1 - 1e-9) return 'error';
  if (ratio >= 0.8 - 1e-9) return 'warn';
  return 'ok';
}

function ratioOf(used: number | undefined, hard: number): number | undefined {
  if (used === undefined) return undefined;
  // A hard limit of 0 forbids any use: nothing more can be created, so it counts as full.
  if (hard <= 0) return used > 0 ? Infinity : 1;
  return used / hard;
}

function order(resource: string): number {
  const i = (HEADER_RESOURCES as readonly string[]).indexOf(canonicalResource(resource));
  return i < 0 ? HEADER_RESOURCES.length : i;
}

/** Every line of every quota: sorted by quota name, then the header resources first, then the rest by name. */
export function quotaLines(quotas: KObj[]): QuotaLine[] {
  const lines: QuotaLine[] = [];
  const sorted = [...quotas].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  for (const q of sorted) {
    const hardMap: Record<string, unknown> = q.status?.hard ?? q.spec?.hard ?? {};
    const usedMap: Record<string, unknown> = q.status?.used ?? {};
    const resources = Object.keys(hardMap).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
    for (const resource of resources) {
      const hard = tryParseQuantity(hardMap[resource] as string);
      if (hard === undefined) continue; // malformed cluster data: skip the line rather than crash
      const used = tryParseQuantity(usedMap[resource] as string);
      const kind = quantityKind(canonicalResource(resource));
      const ratio = ratioOf(used, hard);
      lines.push({
        quota: q.metadata.name,
        namespace: q.metadata.namespace,
        resource,
        kind,
        used,
        hard,
        usedText: used === undefined ? '?' : formatQuantity(used, kind),
        hardText: formatQuantity(hard, kind),
        ratio,
        tone: quotaTone(ratio),
      });
    }
  }
  return lines;
}

/**
 * One line per header resource that some quota constrains: the tightest one (highest ratio) when
 * several quotas set the same resource, since that is the one that will refuse a scale-up.
 */
export function headerLines(quotas: KObj[]): QuotaLine[] {
  const best = new Map<string, QuotaLine>();
  for (const line of quotaLines(quotas)) {
    const resource = canonicalResource(line.resource);
    if (!(HEADER_RESOURCES as readonly string[]).includes(resource)) continue;
    const cur = best.get(resource);
    if (!cur || (line.ratio ?? -1) > (cur.ratio ?? -1)) best.set(resource, { ...line, resource });
  }
  return HEADER_RESOURCES.filter((r) => best.has(r)).map((r) => best.get(r)!);
}

/** How much of a resource is left before a quota refuses (minimum over quotas); undefined when unconstrained. */
export function quotaLeft(quotas: KObj[], resource: string): number | undefined {
  const want = canonicalResource(resource);
  let left: number | undefined;
  for (const line of quotaLines(quotas)) {
    if (canonicalResource(line.resource) !== want) continue;
    const l = line.hard - (line.used ?? 0);
    left = left === undefined ? l : Math.min(left, l);
  }
  return left;
}
