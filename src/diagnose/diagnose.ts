// The entry: every rule over one namespace snapshot, the same finding on several pods of one workload
// merged into one, most severe first. Pure — the dashboard, `kdash doctor` and a class view run it alike.
import { crashRule } from './rules/crashes.js';
import { imagePullRule } from './rules/images.js';
import { pendingRule } from './rules/pending.js';
import { barePodRule, probeRule } from './rules/probes.js';
import { ingressRule, serviceRule } from './rules/services.js';
import { hpaRule, pvcRule } from './rules/autoscaling.js';
import { refusedPodsRule, rolloutStuckRule } from './rules/workloads.js';
import type { Finding, NamespaceSnapshot, ObjectRef, Severity } from './types.js';

export interface Rule {
  id: string;
  /** The kinds it reads: when one was skipped, the rule says so instead of running on nothing. */
  reads: string[];
  /** Its findings are all of severity info (the tables' row markers do not show those). */
  infoOnly?: boolean;
  run(snap: NamespaceSnapshot): Finding[];
}

export const RULES: readonly Rule[] = [
  { id: 'image-pull', reads: ['pods', 'events'], run: imagePullRule },
  { id: 'crash-loop', reads: ['pods', 'events'], run: crashRule },
  { id: 'pending', reads: ['pods'], run: pendingRule },
  { id: 'quota-exceeded', reads: ['replicasets', 'resourcequotas'], run: refusedPodsRule },
  { id: 'rollout-stuck', reads: ['deployments', 'replicasets'], run: rolloutStuckRule },
  { id: 'probe-failing', reads: ['pods', 'events'], run: probeRule },
  { id: 'service-no-endpoints', reads: ['services', 'pods'], run: serviceRule },
  { id: 'ingress-backend', reads: ['ingresses', 'services'], run: ingressRule },
  { id: 'hpa', reads: ['horizontalpodautoscalers'], run: hpaRule },
  { id: 'pvc', reads: ['persistentvolumeclaims'], run: pvcRule },
  { id: 'bare-pod', reads: ['pods'], infoOnly: true, run: barePodRule },
];

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The rules that could not run because a kind they read was not readable. */
export function skippedRules(snap: NamespaceSnapshot): Array<{ rule: string; kinds: string[] }> {
  const gone = new Set(snap.skipped.map((s) => s.kind));
  return RULES.filter((r) => r.reads.some((k) => gone.has(k))).map((r) => ({ rule: r.id, kinds: r.reads.filter((k) => gone.has(k)) }));
}

export const sameObject = (a: ObjectRef, b: ObjectRef) => a.kind === b.kind && a.name === b.name && a.namespace === b.namespace;

/**
 * Every rule's findings, merged and ordered. `info: false` leaves out the rules that only inform (a
 * bare pod): the row markers do not show them, and at 10k bare pods they were most of a diagnosis.
 */
export function diagnoseNamespace(snap: NamespaceSnapshot, { info = true }: { info?: boolean } = {}): Finding[] {
  const gone = new Set(snap.skipped.map((s) => s.kind));
  const all: Finding[] = [];
  for (const rule of RULES) {
    // A rule whose main kind was refused has nothing to look at; one that only lacks context still runs.
    if (gone.has(rule.reads[0]) || (!info && rule.infoOnly)) continue;
    for (const f of rule.run(snap)) all.push(f);
  }
  // One finding per workload and cause: the 3 pods of deploy/web failing to pull one image are one finding.
  const merged: Finding[] = [];
  const byKey = new Map<string, Finding>();
  for (const f of all) {
    const key = `${f.rule}\u0000${f.object.kind}/${f.object.name}\u0000${f.cause}`;
    const prev = byKey.get(key);
    if (!prev) {
      const copy = { ...f, seenOn: f.seenOn ? [...f.seenOn] : undefined };
      byKey.set(key, copy);
      merged.push(copy);
    } else if (f.seenOn) (prev.seenOn ??= []).push(...f.seenOn);
  }
  return merged.sort((a, b) => RANK[a.severity] - RANK[b.severity] || ruleOrder(a) - ruleOrder(b) || byText(a.object.kind, b.object.kind) || byText(a.object.name, b.object.name));
}

const ORDER = new Map(['quota-exceeded', 'pods-refused', 'image-pull', 'oom-killed', 'crash-loop', 'pending', 'rollout-stuck', 'probe-failing', 'service-no-endpoints', 'service-port-mismatch', 'ingress-backend', 'pvc-no-storage-class', 'pvc-pending', 'hpa-no-metrics', 'hpa-at-max', 'bare-pod'].map((r, i) => [r, i]));
const ruleOrder = (f: Finding) => ORDER.get(f.rule) ?? 99;
// localeCompare's order, from one collator: localeCompare sets one up per call, most of sorting 10k findings.
const byText = new Intl.Collator().compare;

/** Does the finding concern this object (as its subject or one of the pods it was seen on)? */
/** The names of the objects of `kind` that the findings concern (as `concerns` judges one by one). */
export function namesConcerned(findings: Finding[], kind: string): Set<string> {
  const names = new Set<string>();
  for (const f of findings) {
    if (f.object.kind === kind) names.add(f.object.name);
    for (const o of f.seenOn ?? []) if (o.kind === kind) names.add(o.name);
  }
  return names;
}

export function concerns(f: Finding, kind: string, name: string): boolean {
  return (f.object.kind === kind && f.object.name === name) || !!f.seenOn?.some((o) => o.kind === kind && o.name === name);
}
