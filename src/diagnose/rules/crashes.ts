// Containers that keep exiting: the exit code and reason, restarts and when the kubelet tries next
// (its back-off: 10 s doubling to 5 min), the previous run's last log lines (fetched on demand), and
// for OOMKilled the memory limit against the highest usage seen.
import type { KObj } from '../../resources/types.js';
import { humanDuration } from '../../resources/format.js';
import { eventsFor, kubectlName, memText, qty, shellQuote, topOwner } from '../objects.js';
import type { Finding, Fix, NamespaceSnapshot } from '../types.js';

const BACKOFF_START_S = 10;
const BACKOFF_MAX_S = 300;

/** The kubelet's wait before restarting after `restarts` restarts (10 s, 20 s, 40 s … 5 min). */
export function backoffSeconds(restarts: number): number {
  return Math.min(BACKOFF_MAX_S, BACKOFF_START_S * 2 ** Math.max(0, restarts - 1));
}

const SIGNALS: Record<number, string> = { 137: 'killed (SIGKILL)', 143: 'terminated (SIGTERM)', 139: 'segmentation fault', 134: 'aborted', 126: 'command not executable', 127: 'command not found' };

function exitWords(code: number, reason: string | undefined): string {
  const sig = SIGNALS[code];
  return `exit code ${code}${reason ? ` (${reason})` : ''}${sig && reason !== 'OOMKilled' ? `: ${sig}` : ''}`;
}

export function crashRule(snap: NamespaceSnapshot): Finding[] {
  const out: Finding[] = [];
  for (const pod of snap.pods) {
    if (pod.metadata.deletionTimestamp) continue;
    for (const cs of pod.status?.containerStatuses ?? []) {
      const waiting = cs.state?.waiting;
      const term = cs.state?.terminated ?? cs.lastState?.terminated;
      const looping = waiting?.reason === 'CrashLoopBackOff';
      const failedNow = cs.state?.terminated && cs.state.terminated.exitCode !== 0;
      const recentFail = cs.restartCount > 0 && cs.lastState?.terminated && (cs.lastState.terminated.exitCode !== 0 || pod.spec?.restartPolicy !== 'Never') && !cs.ready;
      if (!looping && !failedNow && !recentFail) continue;
      if (!term) continue;
      if (killedByLiveness(snap, pod, cs.name)) continue; // the probe rule says why
      out.push(crashFinding(snap, pod, cs, term, looping));
    }
  }
  return out;
}

function killedByLiveness(snap: NamespaceSnapshot, pod: KObj, container: string): boolean {
  return eventsFor(snap, 'Pod', pod).some((e) => e.reason === 'Killing' && (e.message ?? '').includes(`Container ${container} failed liveness probe`));
}

function crashFinding(snap: NamespaceSnapshot, pod: KObj, cs: any, term: any, looping: boolean): Finding {
  const ns = snap.namespace;
  const owner = topOwner(snap, pod);
  const target = owner.ref.kind === 'Pod' ? `pod/${pod.metadata.name}` : kubectlName(owner.ref);
  const code = Number(term.exitCode ?? 0);
  const reason = term.reason as string | undefined;
  const restarts = Number(cs.restartCount ?? 0);
  const evidence = [`container ${cs.name}: ${exitWords(code, reason)}, restarted ${restarts} time${restarts === 1 ? '' : 's'}`];
  const finished = term.finishedAt ? Date.parse(term.finishedAt) : NaN;
  if (looping && Number.isFinite(finished)) {
    const wait = backoffSeconds(restarts);
    const left = Math.round((finished + wait * 1000 - snap.now) / 1000);
    evidence.push(`CrashLoopBackOff: the kubelet waits ${wait}s between tries; ${left > 0 ? `next try in ${humanDuration(left * 1000)}` : 'next try any moment'}`);
  }
  if (term.message) evidence.push(`termination message: ${String(term.message).replace(/\s+/g, ' ').trim()}`);
  const fix: Fix[] = [];
  let cause: string;
  if (reason === 'OOMKilled') {
    const spec = (pod.spec?.containers ?? []).find((c: any) => c.name === cs.name);
    const limit = qty(spec?.resources?.limits?.memory);
    const key = `${pod.metadata.name}/${cs.name}`;
    const peak = Math.max(snap.memoryPeak?.get(key) ?? 0, snap.usage?.get(key)?.memBytes ?? 0);
    cause = `The container ${cs.name} uses more memory than its limit${limit ? ` (${memText(limit)})` : ''}, so the kernel kills it.`;
    evidence.push(`memory limit ${limit ? memText(limit) : 'none (the node ran out)'}; ${peak ? `highest usage seen ${memText(Math.round(peak / 1048576) * 1048576)}` : 'no usage seen in metrics yet'}`);
    const next = roundMi(Math.max((limit ?? 128 * 1048576) * 2, peak * 1.5));
    fix.push({ text: `give it more memory (${memText(next)})`, command: `kubectl set resources ${target} -c ${shellQuote(cs.name)} --limits=memory=${memText(next)} -n ${ns}` });
  } else if (code === 0) {
    cause = `The container ${cs.name} finishes its work and exits, and the pod's restart policy starts it again: a ${owner.ref.kind === 'Pod' ? 'pod' : owner.ref.kind} expects a process that keeps running.`;
    fix.push({ text: 'run it as a Job if it is a one-off task, or give it a command that keeps running', key: 'l', command: `kubectl logs ${pod.metadata.name} -c ${shellQuote(cs.name)} --previous -n ${ns}` });
  } else {
    cause = `The container ${cs.name} exits with code ${code}${reason && reason !== 'Error' ? ` (${reason})` : ''} soon after it starts${looping ? ', and the kubelet waits longer between each restart' : ''}.`;
    fix.push({ text: "read its previous run's log to see why it stops", key: 'l', command: `kubectl logs ${pod.metadata.name} -c ${shellQuote(cs.name)} --previous -n ${ns}` });
    if (code === 127 || code === 126) fix.push({ text: "fix the container's command", command: `kubectl get ${target} -o jsonpath='{.spec.template.spec.containers[*].command}' -n ${ns}` });
  }
  return {
    rule: reason === 'OOMKilled' ? 'oom-killed' : 'crash-loop',
    severity: 'error',
    object: owner.ref,
    seenOn: [{ kind: 'Pod', name: pod.metadata.name, namespace: ns }],
    cause,
    evidence,
    fix,
    previousLog: restarts > 0 ? { pod: pod.metadata.name, container: cs.name } : undefined,
  };
}

const roundMi = (b: number) => Math.ceil(b / (64 * 1048576)) * 64 * 1048576;
