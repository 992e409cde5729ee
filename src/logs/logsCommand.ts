// `kdash logs (POD | TYPE/NAME) [-n NS] [-c C] [-f] [--tail N] [--previous] [--timestamps]`: the same
// streaming as the view, for scripts. Lines are sanitized (colours kept only on a terminal);
// workloads print every pod with a kubectl-style "[pod/NAME/CONTAINER] " prefix.
import type { Api } from '../kube/api.js';
import { describeError } from '../kube/errors.js';
import { requirementsToString, type Requirement } from '../resources/labels.js';
import { pod as podKind } from '../resources/pod.js';
import type { KObj } from '../resources/types.js';
import { sanitizeCell, sanitizeLine } from '../text/sanitize.js';
import { kubectlPrefix } from './formatLine.js';
import { startContainerStream, type StreamSink } from './logStream.js';
import { containerNames, defaultContainer, readPod } from './podInfo.js';
import { StreamSet, type Target } from './streamSet.js';
import { colorFor, containersFor, resolveWorkloadSelector, selectPods, workloadKindOf } from './workloadLogs.js';

export interface LogsArgs {
  /** POD | pod/NAME | deploy/NAME | sts/NAME | ds/NAME | job/NAME | rs/NAME | svc/NAME */
  target: string;
  namespace: string;
  container?: string;
  /** '*' or allContainers: every container. */
  allContainers?: boolean;
  follow?: boolean;
  tail?: number;
  previous?: boolean;
  timestamps?: boolean;
  /** Cap on concurrent streams for workloads (default 10). */
  maxStreams?: number;
  /** How often to look for new pods of a followed workload (ms). */
  pollMs?: number;
}

type Out = NodeJS.WritableStream & { isTTY?: boolean };

export async function runLogsCommand(api: Api, args: LogsArgs, out: Out, signal?: AbortSignal, errOut: Out = process.stderr): Promise<number> {
  const slash = args.target.indexOf('/');
  const typeWord = slash < 0 ? 'pod' : args.target.slice(0, slash);
  const name = slash < 0 ? args.target : args.target.slice(slash + 1);
  const say = (msg: string) => errOut.write(`${sanitizeCell(msg)}\n`);
  if (!name) {
    say(`error: missing name in "${args.target}"`);
    return 1;
  }
  const keepColors = out.isTTY === true && !process.env.NO_COLOR;
  const write = (text: string) => out.write(`${text}\n`);
  const fmt = (t: Target | undefined, text: string, ts: string | undefined, prefixed: boolean) => {
    const stamp = args.timestamps && ts ? `${ts} ` : '';
    if (!prefixed || !t) return stamp + text;
    const prefix = kubectlPrefix({ pod: t.pod, container: t.container, color: 0 });
    return stamp + (keepColors ? `\x1b[${colorFor(t.pod)}m${prefix}\x1b[0m` : prefix) + text;
  };
  const container = args.allContainers ? '*' : args.container;

  if (['pod', 'pods', 'po'].includes(typeWord.toLowerCase())) {
    const r = await readPod(api, args.namespace, name);
    if (r.kind !== 'pod') {
      say(`error: ${r.message}`);
      return 1;
    }
    const names = containerNames(r.pod);
    if (container && container !== '*' && !names.includes(container)) {
      say(`error: container ${container} is not valid for pod ${name}`);
      return 1;
    }
    if (!container && (r.pod.spec?.containers ?? []).length > 1) {
      say(`Defaulted container "${defaultContainer(r.pod)}" out of: ${names.join(', ')}`);
    }
    const containers = containersFor(r.pod as KObj, container);
    const targets = containers.map((c) => ({ pod: name, container: c, tail: args.tail }));
    return runTargets(api, args, targets, container === '*', { write, say, fmt, keepColors }, signal);
  }

  const kind = workloadKindOf(typeWord);
  if (!kind) {
    say(`error: cannot show logs of "${typeWord}": use POD, deploy/NAME, sts/NAME, ds/NAME, job/NAME, rs/NAME or svc/NAME`);
    return 1;
  }
  const sel = await resolveWorkloadSelector(api, args.namespace, kind, name);
  if ('error' in sel) {
    say(`error: ${sel.error}`);
    return 1;
  }
  const listTargets = async (tail: number | undefined): Promise<Target[] | string> => {
    try {
      const items = await api.objects.list(podKind, args.namespace, { labelSelector: requirementsToString(sel.selector) });
      const pods = selectPods(items as KObj[], sel.selector);
      const targets = pods.flatMap((p) => containersFor(p, container).map((c) => ({ pod: p.metadata.name, container: c, tail })));
      if (targets.length === 0 && pods.length > 0 && container && container !== '*') {
        // The pods are there; the container is not (kubectl: "container X is not valid for pod Y").
        const have = [...new Set(pods.flatMap((p) => containerNames(p)))].map(sanitizeCell).join(', ');
        return `error: container "${sanitizeCell(container)}" is not valid for ${kind} "${sanitizeCell(name)}" (its pods have: ${have})`;
      }
      return targets;
    } catch (err) {
      return `error: ${describeError(err)}`;
    }
  };
  const initial = await listTargets(args.tail);
  if (typeof initial === 'string') {
    say(initial);
    return 1;
  }
  if (initial.length === 0 && !args.follow) {
    say(`error: no pods found for ${kind} "${name}" (selector ${requirementsToString(sel.selector)})`);
    return 1;
  }
  if (!args.follow) return runTargets(api, args, initial, true, { write, say, fmt, keepColors }, signal);
  return followWorkload(api, args, initial, sel.selector, listTargets, { write, say, fmt, keepColors }, signal);
}

interface Printer {
  write(text: string): void;
  say(msg: string): void;
  fmt(t: Target | undefined, text: string, ts: string | undefined, prefixed: boolean): string;
  keepColors: boolean;
}

/** Non-follow: one target after the other, so each pod's lines stay together. Follow (single pod): concurrently. */
async function runTargets(api: Api, args: LogsArgs, targets: Target[], prefixed: boolean, p: Printer, signal?: AbortSignal): Promise<number> {
  let failed = false;
  const streams = [];
  for (const t of targets) {
    const sink: StreamSink = {
      line: (text, ts) => p.write(p.fmt(t, sanitizeLine(text, { keepColors: p.keepColors }), ts, prefixed)),
      note: (kind, text) => {
        if (kind === 'error') failed = true;
        p.say(kind === 'error' ? `error: ${text}` : `${prefixed ? `[pod/${t.pod}/${t.container}] ` : ''}${text}`);
      },
      status: () => {},
    };
    const s = startContainerStream(api, { namespace: args.namespace, pod: t.pod, container: t.container, follow: args.follow === true, previous: args.previous, tail: t.tail }, sink);
    const stop = () => s.dispose();
    signal?.addEventListener('abort', stop, { once: true });
    if (args.follow) streams.push(s.done.finally(() => signal?.removeEventListener('abort', stop)));
    else {
      await s.done;
      signal?.removeEventListener('abort', stop);
      if (signal?.aborted) break;
    }
  }
  await Promise.all(streams);
  return failed ? 1 : 0;
}

async function followWorkload(
  api: Api,
  args: LogsArgs,
  initial: Target[],
  selector: Requirement[],
  listTargets: (tail: number | undefined) => Promise<Target[] | string>,
  p: Printer,
  signal?: AbortSignal,
): Promise<number> {
  const known = new Set(initial.map((t) => t.pod));
  let current = initial;
  if (initial.length === 0) p.say(`waiting for pods matching ${requirementsToString(selector)}…`);
  return new Promise<number>((resolve) => {
    const finish = (code: number) => {
      clearInterval(poll);
      set.dispose();
      resolve(code);
    };
    const set: StreamSet = new StreamSet(
      api,
      { namespace: args.namespace, follow: true, previous: args.previous, maxStreams: args.maxStreams },
      {
        line: (t, text, ts) => p.write(p.fmt(t, sanitizeLine(text, { keepColors: p.keepColors }), ts, true)),
        note: (t, kind, text) => p.say(`${t ? `[pod/${t.pod}/${t.container}] ` : ''}${kind === 'error' ? 'error: ' : ''}${text}`),
        changed: () => {},
      },
    );
    signal?.addEventListener('abort', () => finish(0), { once: true });
    set.setTargets(current);
    const poll = setInterval(async () => {
      const next = await listTargets(undefined);
      if (typeof next === 'string' || signal?.aborted) return;
      // Pods seen at the start keep their tail; new pods are followed from their first line.
      current = next.map((t) => (known.has(t.pod) ? { ...t, tail: args.tail } : t));
      set.setTargets(current);
    }, args.pollMs ?? 2_000);
  });
}
