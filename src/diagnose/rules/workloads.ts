// Workloads whose pods are refused or whose rollout does not finish: quota exhaustion (with what the
// replicas ask against what the quota allows, and how many fit), other refusals (a LimitRange), and
// rollouts stuck with the old and new replica sets both running.
import type { KObj } from '../../resources/types.js';
import { humanDuration } from '../../resources/format.js';
import { quantityKind, formatQuantity } from '../../metrics/quantity.js';
import { eventTime, groupInto, kubectlName, oneLine, qty, refOf, shellQuote, templateContainers } from '../objects.js';
import type { Finding, Fix, NamespaceSnapshot, ObjectRef } from '../types.js';

/** `requests.cpu=800m,limits.cpu=1` → Map. */
function parseResourceList(s: string): Map<string, string> {
  return new Map(s.split(',').map((kv) => kv.trim().split('=') as [string, string]).filter(([k, v]) => k && v !== undefined));
}

/** The parts of kube-apiserver's quota refusal: `exceeded quota: NAME, requested: …, used: …, limited: …`. */
export function parseQuotaRefusal(msg: string): { quota: string; requested: Map<string, string>; used: Map<string, string>; limited: Map<string, string> } | undefined {
  const m = /exceeded quota: ([^,]+), requested: (\S+), used: (\S+), limited: (\S+)/.exec(msg);
  if (!m) return undefined;
  return { quota: m[1], requested: parseResourceList(m[2]), used: parseResourceList(m[3]), limited: parseResourceList(m[4].replace(/[.;]+$/, '')) };
}

/** A resource key's value in one pod of the template: requests.cpu → the sum of the containers' requests. */
function perPod(template: any, key: string): number {
  const [kind, res] = key.includes('.') ? key.split('.') as [string, string] : ['requests', key];
  if (key === 'pods' || key === 'count/pods') return 1;
  let sum = 0;
  for (const c of template?.spec?.containers ?? []) {
    const r = c.resources ?? {};
    sum += qty(kind === 'limits' ? r.limits?.[res] : r.requests?.[res] ?? r.limits?.[res]) ?? 0;
  }
  return sum;
}

const fmt = (key: string, v: number) => formatQuantity(v, quantityKind(key));

interface Owner { ref: ObjectRef; obj: KObj; replicas: number; template: any }

/** The object the person scales for a replica set: its Deployment, or itself. */
function ownerOfRs(snap: NamespaceSnapshot, rs: KObj): Owner {
  const d = rs.metadata.ownerReferences?.find((o) => o.controller && o.kind === 'Deployment');
  const dep = d && snap.deployments.find((x) => x.metadata.uid === d.uid || x.metadata.name === d.name);
  if (dep) return { ref: refOf('Deployment', dep, snap.namespace), obj: dep, replicas: dep.spec?.replicas ?? 1, template: dep.spec?.template };
  return { ref: refOf('ReplicaSet', rs, snap.namespace), obj: rs, replicas: rs.spec?.replicas ?? 1, template: rs.spec?.template };
}

/** Controllers whose pods the API refuses: ReplicaFailure on a replica set, FailedCreate on a stateful/daemon set. */
export function refusedPodsRule(snap: NamespaceSnapshot): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const refusals: Array<{ owner: Owner; message: string }> = [];
  for (const rs of snap.replicaSets) {
    const cond = (rs.status?.conditions ?? []).find((c: any) => c.type === 'ReplicaFailure' && c.status === 'True');
    if (cond && (rs.spec?.replicas ?? 0) > 0) refusals.push({ owner: ownerOfRs(snap, rs), message: oneLine(cond.message ?? '') });
  }
  for (const sts of snap.statefulSets) {
    const ev = snap.events.filter((e) => e.reason === 'FailedCreate' && (e.involvedObject?.uid ?? e.regarding?.uid) === sts.metadata.uid).sort((a, b) => eventTime(a) - eventTime(b)).pop();
    if (ev && (sts.status?.replicas ?? 0) < (sts.spec?.replicas ?? 1)) {
      refusals.push({ owner: { ref: refOf('StatefulSet', sts, snap.namespace), obj: sts, replicas: sts.spec?.replicas ?? 1, template: sts.spec?.template }, message: oneLine(ev.message ?? '') });
    }
  }
  for (const { owner, message } of refusals) {
    const id = `${owner.ref.kind}/${owner.ref.name}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(quotaFinding(snap, owner, message) ?? refusedFinding(snap, owner, message));
  }
  return out;
}

function quotaFinding(snap: NamespaceSnapshot, owner: Owner, message: string): Finding | undefined {
  const q = parseQuotaRefusal(message);
  if (!q) return undefined;
  const ns = snap.namespace;
  const target = kubectlName(owner.ref);
  const running = snap.pods.filter((p) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status?.phase) && ownedThrough(snap, p, owner)).length;
  const evidence = [`${message.replace(/^.*?(exceeded quota)/, '$1')}`];
  const words: string[] = [];
  let fits = owner.replicas;
  const fix: Fix[] = [];
  for (const [key, limitText] of q.limited) {
    const hard = qty(limitText);
    const used = qty(q.used.get(key));
    const each = perPod(owner.template, key);
    if (hard === undefined || used === undefined || !each) continue;
    const mine = running * each;
    const others = Math.max(0, used - mine);
    const canRun = Math.max(0, Math.floor((hard - others) / each + 1e-9));
    fits = Math.min(fits, canRun);
    words.push(`${owner.replicas} replicas ask ${fmt(key, owner.replicas * each)} ${key} (${fmt(key, each)} each), the quota allows ${fmt(key, hard)}${others ? ` and ${fmt(key, others)} of it is used by other pods` : ''}`);
    evidence.push(`${key}: ${running} pod${running === 1 ? '' : 's'} running, ${fmt(key, used)} of ${fmt(key, hard)} used`);
    if (key.endsWith('cpu') || key.endsWith('memory')) {
      const share = (hard - others) / owner.replicas;
      const res = key.split('.').pop() as string;
      const flag = key.startsWith('limits') ? 'limits' : 'requests';
      if (share > 0 && owner.template?.spec?.containers?.length === 1) {
        const value = res === 'cpu' ? Math.floor(share * 100) / 100 : Math.floor(share / 1048576) * 1048576;
        if (value > 0) fix.push({ text: `or ask for less per pod so ${owner.replicas} fit`, command: `kubectl set resources ${target} -c ${shellQuote(owner.template.spec.containers[0].name)} --${flag}=${res}=${fmt(key, value)} -n ${ns}` });
      }
    }
  }
  fix.unshift({ text: fits > 0 ? `scale to ${fits} replica${fits === 1 ? '' : 's'}, which fit` : 'free quota: scale down or delete other workloads first', key: 's', command: fits > 0 ? `kubectl scale ${target} --replicas=${fits} -n ${ns}` : `kubectl describe quota ${q.quota} -n ${ns}` });
  return {
    rule: 'quota-exceeded',
    severity: 'error',
    object: owner.ref,
    cause: `The quota ${q.quota} refuses new pods: ${words.join('; ') || 'the namespace is at its limit'}.`,
    evidence,
    fix,
  };
}

function refusedFinding(snap: NamespaceSnapshot, owner: Owner, message: string): Finding {
  const ns = snap.namespace;
  const evidence = [message];
  const lr = /maximum (\w+) usage per (Container|Pod) is (\S+), but limit is (\S+)/.exec(message) ?? /minimum (\w+) usage per (Container|Pod) is (\S+), but request is (\S+)/.exec(message);
  const fix: Fix[] = [];
  if (lr) {
    const ranges = snap.limitRanges.map((l) => `limitrange/${l.metadata.name}`).join(', ');
    if (ranges) evidence.push(`set by ${ranges}`);
    const c = templateContainers({ spec: { template: owner.template } } as KObj)[0];
    const flag = message.startsWith('minimum') || /minimum/.test(message) ? 'requests' : 'limits';
    if (c) fix.push({ text: `keep the ${lr[1]} ${flag} within the namespace's limit range (${lr[3]})`, command: `kubectl set resources ${kubectlName(owner.ref)} -c ${shellQuote(c.name)} --${flag}=${lr[1]}=${lr[3]} -n ${ns}` });
  }
  const must = /failed quota: ([^:]+): must specify (.*)$/.exec(message);
  let mustCause = '';
  if (must) {
    const wanted = [...must[2].matchAll(/(requests|limits)\.(cpu|memory) for: ([^;]+)/g)];
    const kinds = new Set(wanted.map((w) => w[1]));
    mustCause = `: the quota ${must[1]} counts ${[...new Set(wanted.map((w) => `${w[1]}.${w[2]}`))].join(', ')}, so every container must declare them`;
    const c = owner.template?.spec?.containers ?? [];
    const flags = [...kinds].map((k) => `--${k}=${k === 'requests' ? 'cpu=100m,memory=128Mi' : 'cpu=250m,memory=256Mi'}`).join(' ');
    if (c.length && flags) fix.push({ text: 'declare requests and limits (small ones: the quota is shared by all your pods)', command: `kubectl set resources ${kubectlName(owner.ref)} ${flags} -n ${ns}` });
  }
  if (!fix.length) fix.push({ text: 'read the refusal in the events', command: `kubectl describe ${kubectlName(owner.ref)} -n ${ns}` });
  return {
    rule: 'pods-refused',
    severity: 'error',
    object: owner.ref,
    cause: `The API server refuses to create its pods${lr ? `: a ${lr[2].toLowerCase()} may have at most ${lr[3]} of ${lr[1]}` : mustCause}.`,
    evidence,
    fix,
  };
}

function ownedThrough(snap: NamespaceSnapshot, pod: KObj, owner: Owner): boolean {
  const c = pod.metadata.ownerReferences?.find((o) => o.controller);
  if (!c) return false;
  if (c.uid === owner.obj.metadata.uid) return true;
  const rs = snap.replicaSets.find((r) => r.metadata.uid === c.uid);
  return !!rs?.metadata.ownerReferences?.some((o) => o.controller && o.uid === owner.obj.metadata.uid);
}

/** How long a new replica set may fail to become ready, while the old one still runs, before we call it stuck. */
export const STUCK_AFTER_MS = 2 * 60_000;

/** Deployments whose rollout does not finish: ProgressDeadlineExceeded, or old and new replica sets both running. */
export function rolloutStuckRule(snap: NamespaceSnapshot): Finding[] {
  const out: Finding[] = [];
  const ns = snap.namespace;
  // The replica sets by their controller's uid, read once: matching each deployment against every replica
  // set was most of a diagnosis at a thousand deployments.
  const byController = new Map<string, KObj[]>();
  for (const rs of snap.replicaSets) {
    for (const uid of new Set(rs.metadata.ownerReferences?.filter((o) => o.controller).map((o) => o.uid))) groupInto(byController, uid, rs);
  }
  for (const d of snap.deployments) {
    if (d.spec?.paused) continue;
    const prog = (d.status?.conditions ?? []).find((c: any) => c.type === 'Progressing');
    const exceeded = prog?.status === 'False' && prog.reason === 'ProgressDeadlineExceeded';
    const mine = byController.get(d.metadata.uid) ?? [];
    const rev = (rs: KObj) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
    const sorted = [...mine].sort((a, b) => rev(b) - rev(a));
    const newest = sorted[0];
    const old = sorted.slice(1).filter((rs) => (rs.status?.replicas ?? 0) > 0);
    const newNotReady = newest && (newest.status?.availableReplicas ?? 0) < (newest.spec?.replicas ?? 0);
    const since = prog?.lastUpdateTime ? Date.parse(prog.lastUpdateTime) : NaN;
    const slow = newNotReady && old.length > 0 && Number.isFinite(since) && snap.now - since >= STUCK_AFTER_MS;
    if (!exceeded && !slow) continue;
    const target = kubectlName({ kind: 'Deployment', name: d.metadata.name });
    const line = (rs: KObj, tag: string) => `rs/${rs.metadata.name} (revision ${rev(rs)}${tag}): ${rs.status?.replicas ?? 0} pods, ${rs.status?.readyReplicas ?? 0} ready — ${templateContainers(rs).map((c: any) => c.image).join(', ')}`;
    const evidence: string[] = [];
    if (exceeded) evidence.push(`Progressing=False ProgressDeadlineExceeded: ${oneLine(prog.message ?? '')} (deadline ${d.spec?.progressDeadlineSeconds ?? 600}s)`);
    else evidence.push(`no progress for ${humanDuration(snap.now - since)}`);
    if (newest) evidence.push(line(newest, ', new'));
    for (const rs of old) evidence.push(line(rs, ', old'));
    out.push({
      rule: 'rollout-stuck',
      severity: 'error',
      object: refOf('Deployment', d, ns),
      cause: `The rollout of ${d.metadata.name} does not finish: the new pods never become ready${old.length ? ', so the old ones keep running beside them' : ''}.`,
      evidence,
      fix: [
        { text: 'go back to the revision that worked', key: 'u', command: `kubectl rollout undo ${target} -n ${ns}` },
        { text: 'or see why the new pods fail (their own findings)', command: `kubectl rollout status ${target} -n ${ns}` },
      ],
    });
  }
  return out;
}
