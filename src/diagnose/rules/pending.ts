// Pods the scheduler cannot place: its message decoded into plain words — not enough CPU or memory
// (with the pod's requests and, when nodes are readable, the biggest node), a node selector or
// affinity no node has, a taint it does not tolerate, a volume claim that is not bound.
import type { KObj } from '../../resources/types.js';
import { humanDuration } from '../../resources/format.js';
import { cpuText, kubectlName, memText, oneLine, qty, shellQuote, topOwner } from '../objects.js';
import type { Finding, Fix, NamespaceSnapshot } from '../types.js';

/** The pod's requests as the scheduler counts them: the sum of its containers' (init: the largest). */
export function podRequests(pod: KObj): { cpu: number; mem: number } {
  const sum = { cpu: 0, mem: 0 };
  for (const c of pod.spec?.containers ?? []) {
    sum.cpu += qty(c.resources?.requests?.cpu ?? c.resources?.limits?.cpu) ?? 0;
    sum.mem += qty(c.resources?.requests?.memory ?? c.resources?.limits?.memory) ?? 0;
  }
  for (const c of pod.spec?.initContainers ?? []) {
    sum.cpu = Math.max(sum.cpu, qty(c.resources?.requests?.cpu) ?? 0);
    sum.mem = Math.max(sum.mem, qty(c.resources?.requests?.memory) ?? 0);
  }
  return sum;
}

export function pendingRule(snap: NamespaceSnapshot): Finding[] {
  const out: Finding[] = [];
  for (const pod of snap.pods) {
    if (pod.status?.phase !== 'Pending' || pod.spec?.nodeName || pod.metadata.deletionTimestamp) continue;
    const cond = (pod.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled' && c.status === 'False');
    if (!cond || cond.reason !== 'Unschedulable') continue;
    out.push(pendingFinding(snap, pod, oneLine(cond.message ?? ''), cond.lastTransitionTime));
  }
  return out;
}

function pendingFinding(snap: NamespaceSnapshot, pod: KObj, message: string, since: string | undefined): Finding {
  const ns = snap.namespace;
  const owner = topOwner(snap, pod);
  const target = owner.ref.kind === 'Pod' ? `pod/${pod.metadata.name}` : kubectlName(owner.ref);
  const req = podRequests(pod);
  const for_ = since && Number.isFinite(Date.parse(since)) ? ` for ${humanDuration(Math.max(0, snap.now - Date.parse(since)))}` : '';
  const evidence = [`scheduler${for_}: ${message}`];
  const fix: Fix[] = [];
  const causes: string[] = [];
  const first = pod.spec?.containers?.[0]?.name ?? '';
  const biggest = (res: 'cpu' | 'memory') => {
    const vals = (snap.nodes ?? []).map((n) => qty(n.status?.allocatable?.[res])).filter((v): v is number => v !== undefined);
    return vals.length ? Math.max(...vals) : undefined;
  };
  for (const [res, asked, text] of [['cpu', req.cpu, cpuText], ['memory', req.mem, memText]] as const) {
    if (!new RegExp(`Insufficient ${res}`).test(message)) continue;
    const big = biggest(res);
    causes.push(`no node has ${text(asked)} ${res === 'cpu' ? 'CPU' : 'memory'} free for it`);
    evidence.push(`the pod requests ${text(asked)} ${res}${big !== undefined ? `; the biggest node has ${text(big)} allocatable` : ''}`);
    const lower = res === 'cpu' ? Math.max(0.01, Math.floor(((big !== undefined ? Math.min(big, asked) : asked) / 2) * 100) / 100) : Math.max(16 * 1048576, Math.floor((big !== undefined ? Math.min(big, asked) : asked) / 2 / 1048576) * 1048576);
    fix.push({ text: `request less ${res === 'cpu' ? 'CPU' : 'memory'}`, command: `kubectl set resources ${target} -c ${shellQuote(first)} --requests=${res}=${text(lower)} -n ${ns}` });
  }
  if (/node affinity\/selector|node\(s\) didn't match/i.test(message)) {
    const sel = pod.spec?.nodeSelector ?? {};
    const words = Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(', ');
    causes.push(`no node has the labels it asks for${words ? ` (${words})` : ''}`);
    if (words) evidence.push(`nodeSelector ${words}`);
    if (owner.ref.kind !== 'Pod' && words) fix.push({ text: 'remove the node selector', command: `kubectl patch ${target} --type=json -p '[{"op":"remove","path":"/spec/template/spec/nodeSelector"}]' -n ${ns}` });
  }
  const taint = /untolerated taint[s]?\(?s?\)? ?\{([^}]*)\}/i.exec(message) ?? /had untolerated taint ?\{([^}]*)\}/i.exec(message);
  if (/untolerated taint/i.test(message)) {
    causes.push(`every node has a taint it does not tolerate${taint ? ` (${taint[1].trim()})` : ''}`);
  }
  if (/unbound immediate PersistentVolumeClaims|persistentvolumeclaim "[^"]*" not found/i.test(message)) {
    const claims = (pod.spec?.volumes ?? []).map((v: any) => v.persistentVolumeClaim?.claimName).filter(Boolean) as string[];
    causes.push(`its volume claim${claims.length === 1 ? '' : 's'} ${claims.join(', ')} ${claims.length === 1 ? 'is' : 'are'} not bound`);
    for (const name of claims) {
      const pvc = snap.pvcs.find((p) => p.metadata.name === name);
      evidence.push(pvc ? `pvc/${name}: ${pvc.status?.phase ?? 'Pending'}${pvc.spec?.storageClassName ? `, storage class ${pvc.spec.storageClassName}` : ', no storage class'}` : `pvc/${name} does not exist`);
    }
    fix.push({ text: 'see the claim’s own finding', key: 'x', command: `kubectl describe pvc ${claims.map(shellQuote).join(' ')} -n ${ns}` });
  }
  if (!causes.length) causes.push('the scheduler finds no node for it');
  return {
    rule: 'pending',
    severity: 'error',
    object: owner.ref,
    seenOn: [{ kind: 'Pod', name: pod.metadata.name, namespace: ns }],
    cause: `The pod cannot start: ${causes.join('; ')}.`,
    evidence,
    fix: fix.length ? fix : [{ text: "read the scheduler's full message", key: 'd', command: `kubectl describe pod ${pod.metadata.name} -n ${ns}` }],
  };
}
