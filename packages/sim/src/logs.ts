// Container logs as the kubelet serves them. Lines are generated lazily from the clock (a container
// nobody reads costs nothing); each container keeps its current and previous instance, each bounded
// to the last MAX_LINES lines. read()/follow() implement the pods/log options like the kubelet.
import type { ContainerRt, PodRt, TerminatedInfo } from './controllers/podRuntime.js';
import { fnv32a, parseTime, seededRandom } from './controllers/util.js';
import type { LogOptions } from './runtimeTypes.js';
import { profileFor, type Profile } from './scenarios/logProfiles.js';
import type { KubeObject, SimClock } from './types.js';
import { SimError } from './types.js';

const MAX_LINES = 10_000;

interface Line { t: number; seq: number; text: string }

interface Follower {
  from: number; // next seq to send
  timestamps: boolean;
  bytesLeft: number;
  onData(chunk: string): void;
  onEnd(): void;
}

interface Instance {
  /** The container ID of this run, as the pod status reports it (state, lastState). */
  id?: string;
  startedAt: number;
  endedAt?: number;
  profile: Profile;
  lines: Line[];
  nextSeq: number;
  startupIdx: number;
  /** Time of the next steady-state line. */
  nextAt: number;
  followers: Set<Follower>;
}

export interface LogHub {
  containerStarted(rt: PodRt, c: ContainerRt, at: number, ended?: TerminatedInfo): void;
  containerStopped(rt: PodRt, c: ContainerRt, at: number, exitCode: number): void;
  podRemoved(podKey: string): void;
  read(ns: string, pod: string, opts: LogOptions): string;
  follow(ns: string, pod: string, opts: LogOptions, onData: (chunk: string) => void, onEnd: () => void): () => void;
  /** Ends every follower (the runtime is stopping). */
  close(): void;
}

export function createLogHub(clock: SimClock, getPod: (ns: string, name: string) => KubeObject | undefined, every: (ms: number, fn: () => void) => () => void): LogHub {
  const pods = new Map<string, Map<string, Instance[]>>();
  const followed = new Set<Instance>();
  let ticker: (() => void) | undefined;

  function fill(inst: Instance, until: number): void {
    const end = Math.min(until, inst.endedAt ?? Infinity);
    const p = inst.profile;
    const push = (t: number, text: string) => {
      inst.lines.push({ t, seq: inst.nextSeq++, text });
    };
    while (inst.startupIdx < p.startup.length && inst.startedAt + p.startup[inst.startupIdx][0] <= end) {
      const [off, text] = p.startup[inst.startupIdx++];
      push(inst.startedAt + off, text);
    }
    if (p.next && inst.startupIdx >= p.startup.length) {
      // Skip over a long unread history: only the last MAX_LINES lines would be kept anyway.
      const span = (p.meanMs ?? 1000) * MAX_LINES;
      if (end - inst.nextAt > span) inst.nextAt = end - span;
      while (inst.nextAt <= end) {
        const [dt, text] = p.next(inst.nextAt);
        push(inst.nextAt, text);
        inst.nextAt += Math.max(1, dt);
      }
    }
    if (inst.lines.length > MAX_LINES + 1000) inst.lines.splice(0, inst.lines.length - MAX_LINES);
  }

  const stamp = (l: Line) => `${new Date(l.t).toISOString().slice(0, 23)}${String((l.seq * 7919) % 1_000_000).padStart(6, '0')}Z`;
  const format = (l: Line, ts: boolean) => `${ts ? `${stamp(l)} ` : ''}${l.text}\n`;

  /** Resolves the container and instance a request names, with the kubelet's errors. */
  function resolve(ns: string, name: string, opts: LogOptions): Instance {
    const pod = getPod(ns, name);
    if (!pod) throw new SimError(404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' });
    const names: string[] = (pod.spec?.containers ?? []).map((c: any) => c.name);
    const inits: string[] = (pod.spec?.initContainers ?? []).map((c: any) => c.name);
    let container = opts.container;
    if (!container) {
      if (names.length !== 1) {
        throw new SimError(400, 'BadRequest', `a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]${inits.length ? ` or one of the init containers: [${inits.join(' ')}]` : ''}`);
      }
      container = names[0];
    } else if (!names.includes(container) && !inits.includes(container)) {
      throw new SimError(400, 'BadRequest', `container ${container} is not valid for pod ${name}`);
    }
    const list = pods.get(`${ns}/${name}`)?.get(container) ?? [];
    const cs = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s: any) => s.name === container);
    const byId = (id: string | undefined) => (id ? list.find((i) => i.id === id) : undefined);
    // The run is chosen from the container status, like the kubelet's validateContainerLogStatus:
    // previous = lastState.terminated (the latest crash, also while waiting in CrashLoopBackOff);
    // otherwise the running run, else the terminated one, else the last terminated run.
    const last = cs?.lastState?.terminated;
    if (opts.previous) {
      const prev = byId(last?.containerID);
      if (!prev) throw new SimError(400, 'BadRequest', `previous terminated container "${container}" in pod "${name}" not found`);
      return prev;
    }
    const id = cs?.state?.running ? cs.containerID : cs?.state?.terminated ? cs.state.terminated.containerID || last?.containerID : last?.containerID;
    const cur = byId(id) ?? (cs?.state?.waiting && !last ? undefined : list.at(-1));
    if (!cur) {
      const reason: string = cs?.state?.waiting?.reason ?? 'ContainerCreating';
      const why = reason === 'ErrImagePull' ? "image can't be pulled" : reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
      throw new SimError(400, 'BadRequest', `container "${container}" in pod "${name}" is waiting to start: ${why}`);
    }
    return cur;
  }

  function select(inst: Instance, opts: LogOptions): Line[] {
    fill(inst, clock.now());
    let lines = inst.lines;
    const since = opts.sinceTime ? parseTime(opts.sinceTime) : opts.sinceSeconds !== undefined ? clock.now() - opts.sinceSeconds * 1000 : NaN;
    if (Number.isFinite(since)) {
      let i = lines.length;
      while (i > 0 && lines[i - 1].t >= since) i--;
      lines = lines.slice(i);
    }
    if (opts.tailLines !== undefined && opts.tailLines >= 0) lines = opts.tailLines === 0 ? [] : lines.slice(-opts.tailLines);
    return lines;
  }

  function limit(text: string, maxBytes: number | undefined): string {
    if (maxBytes === undefined || maxBytes <= 0) return text;
    const buf = Buffer.from(text, 'utf8');
    return buf.length <= maxBytes ? text : buf.subarray(0, maxBytes).toString('utf8');
  }

  function tick(): void {
    const now = clock.now();
    for (const inst of followed) deliver(inst, now);
  }

  function deliver(inst: Instance, until: number): void {
    fill(inst, until);
    for (const f of inst.followers) {
      const fresh = inst.lines.filter((l) => l.seq >= f.from);
      if (!fresh.length) continue;
      f.from = fresh[fresh.length - 1].seq + 1;
      let chunk = fresh.map((l) => format(l, f.timestamps)).join('');
      if (f.bytesLeft !== Infinity) {
        chunk = limit(chunk, f.bytesLeft);
        f.bytesLeft -= Buffer.byteLength(chunk);
      }
      if (chunk) f.onData(chunk);
      if (f.bytesLeft <= 0) end(inst, f);
    }
  }

  function end(inst: Instance, f: Follower): void {
    if (!inst.followers.delete(f)) return;
    if (!inst.followers.size) followed.delete(inst);
    if (!followed.size && ticker) {
      ticker();
      ticker = undefined;
    }
    f.onEnd();
  }

  function endAll(inst: Instance): void {
    for (const f of [...inst.followers]) end(inst, f);
  }

  return {
    containerStarted(rt, c, at, ended) {
      let byC = pods.get(rt.key);
      if (!byC) pods.set(rt.key, (byC = new Map()));
      const list = byC.get(c.name) ?? [];
      const rand = seededRandom(fnv32a(`${rt.uid}/${c.name}/${c.restartCount}`));
      const profile = profileFor({
        pod: rt.name, namespace: rt.ns, container: c.name, image: c.image, behavior: c.behavior,
        podIP: rt.podIP ?? '0.0.0.0', startedAt: at, runMs: c.runSeconds * 1000, rand, script: c.script,
      });
      const inst: Instance = {
        id: c.containerID, startedAt: at, endedAt: ended?.finishedAt, profile, lines: [], nextSeq: 0, startupIdx: 0,
        nextAt: at + (profile.firstMs ?? (profile.startup.at(-1)?.[0] ?? 0) + 1000), followers: new Set(),
      };
      list.push(inst);
      // The kubelet keeps the current container and the one before it.
      while (list.length > 2) endAll(list.shift()!);
      byC.set(c.name, list);
    },
    containerStopped(rt, c, at) {
      const inst = pods.get(rt.key)?.get(c.name)?.at(-1);
      if (!inst || inst.endedAt !== undefined) return;
      inst.endedAt = at;
      deliver(inst, at);
      endAll(inst);
    },
    podRemoved(key) {
      for (const list of pods.get(key)?.values() ?? []) for (const inst of list) endAll(inst);
      pods.delete(key);
    },
    close() {
      for (const byC of pods.values()) for (const list of byC.values()) for (const inst of list) endAll(inst);
    },
    read(ns, name, opts) {
      const inst = resolve(ns, name, opts);
      return limit(select(inst, opts).map((l) => format(l, !!opts.timestamps)).join(''), opts.limitBytes);
    },
    follow(ns, name, opts, onData, onEnd) {
      const inst = resolve(ns, name, opts);
      const lines = select(inst, opts);
      const f: Follower = {
        from: inst.nextSeq,
        timestamps: !!opts.timestamps,
        bytesLeft: opts.limitBytes && opts.limitBytes > 0 ? opts.limitBytes : Infinity,
        onData,
        onEnd,
      };
      let first = lines.map((l) => format(l, f.timestamps)).join('');
      if (f.bytesLeft !== Infinity) {
        first = limit(first, f.bytesLeft);
        f.bytesLeft -= Buffer.byteLength(first);
      }
      let active = true;
      queueMicrotask(() => {
        if (!active) return;
        if (first) onData(first);
        if (inst.endedAt !== undefined || f.bytesLeft <= 0) {
          active = false;
          onEnd();
          return;
        }
        inst.followers.add(f);
        followed.add(inst);
        ticker ??= every(500, tick);
      });
      return () => {
        if (!active) return;
        active = false;
        if (inst.followers.delete(f) && !inst.followers.size) followed.delete(inst);
        if (!followed.size && ticker) {
          ticker();
          ticker = undefined;
        }
      };
    },
  };
}
