// The simulated kubelet's probes: readiness, liveness and startup probes run on the sim clock as the
// kubelet's prober workers do (first after initialDelaySeconds, then every periodSeconds; a result
// counts after successThreshold / failureThreshold consecutive answers). A failing readiness probe
// keeps the container unready (out of the EndpointSlice); a failing liveness or startup probe kills it
// and the restart policy restarts it, with CrashLoopBackOff's back-off when it keeps failing.
//
// Whether a probe succeeds (nothing really listens, so a rule decides; see packages/sim/README.md):
//   httpGet / tcpSocket  the port (number or name) must be one the container declares in `ports`;
//                        a container that declares no ports answers on any port
//   exec                 `cat F`, `test -f F`, `[ -e F ]`, `ls F`, `stat F`: the file must exist in the
//                        container's command (`touch F`, `echo … > F`, `rm -f F`, at their times);
//                        `true` succeeds, `false` / `exit N` fail; anything else succeeds
//   annotation sim.kdash.dev/fail-probes: readiness,liveness,startup   those probes fail for every
//                        container of the pod, from sim.kdash.dev/fail-probes-after: N seconds after start
import type { KubeletEnv } from './kubeletEnv.js';
import { fileExists } from './containerCommand.js';
import type { ContainerRt, PodRt } from './podRuntime.js';

export type ProbeType = 'readiness' | 'liveness' | 'startup';

export const FAIL_PROBES_ANNOTATION = 'sim.kdash.dev/fail-probes';
export const FAIL_PROBES_AFTER_ANNOTATION = 'sim.kdash.dev/fail-probes-after';

const TITLE: Record<ProbeType, string> = { readiness: 'Readiness', liveness: 'Liveness', startup: 'Startup' };

interface Outcome {
  ok: boolean;
  /** What the kubelet prints after "Readiness probe failed: ". */
  output: string;
}

/**
 * Starts the container's probe workers for the run that began at `at`. `onKill` is called when a
 * liveness or startup probe gives up on the container; `readiness` false leaves readiness to the caller.
 */
export function startProbes(k: KubeletEnv, rt: PodRt, c: ContainerRt, spec: any, at: number, opts: { readiness: boolean; onKill: () => void }): void {
  const alive = () => c.state === 'running' && c.startedAt === at && !rt.deleting;
  let started = !spec?.startupProbe;
  const others = () => {
    if (opts.readiness && spec?.readinessProbe) worker(k, rt, c, spec, 'readiness', at, alive, opts.onKill);
    if (spec?.livenessProbe) worker(k, rt, c, spec, 'liveness', at, alive, opts.onKill);
  };
  if (started) others();
  else {
    worker(k, rt, c, spec, 'startup', at, alive, opts.onKill, () => {
      if (started) return;
      started = true;
      others();
    });
  }
}

function worker(k: KubeletEnv, rt: PodRt, c: ContainerRt, spec: any, type: ProbeType, at: number, alive: () => boolean, kill: () => void, onSuccess?: () => void): void {
  const probe = spec[`${type}Probe`];
  const period = Math.max(1, Number(probe.periodSeconds ?? 10)) * 1000;
  const successThreshold = Math.max(1, Number(probe.successThreshold ?? 1));
  const failureThreshold = Math.max(1, Number(probe.failureThreshold ?? 3));
  let successes = 0;
  let failures = 0;
  const tick = () => {
    if (!alive()) return;
    const r = outcome(k, rt, c, spec, probe, type, k.ctx.now() - at);
    if (r.ok) {
      successes++;
      failures = 0;
    } else {
      failures++;
      successes = 0;
      k.ev(rt, 'Warning', 'Unhealthy', `${TITLE[type]} probe failed: ${r.output}`, c);
    }
    if (type === 'readiness') {
      const ready = c.ready ? failures < failureThreshold : successes >= successThreshold;
      if (ready !== c.ready) {
        c.ready = ready;
        k.publish(rt);
      }
    } else if (r.ok && successes >= successThreshold) {
      onSuccess?.();
      if (type === 'startup') return; // a startup probe stops once it has succeeded
    } else if (!r.ok && failures >= failureThreshold) {
      k.ev(rt, 'Normal', 'Killing', `Container ${c.name} failed ${type} probe, will be restarted`, c);
      kill();
      return;
    }
    k.after(rt, period, tick);
  };
  k.after(rt, Math.max(0, at + Number(probe.initialDelaySeconds ?? 0) * 1000 - k.ctx.now()), tick);
}

function outcome(k: KubeletEnv, rt: PodRt, c: ContainerRt, spec: any, probe: any, type: ProbeType, sinceStart: number): Outcome {
  const ann = k.ctx.cache.get('pods', rt.ns, rt.name)?.metadata?.annotations ?? {};
  const forced = String(ann[FAIL_PROBES_ANNOTATION] ?? '').split(',').map((s) => s.trim()).includes(type);
  const after = Number(ann[FAIL_PROBES_AFTER_ANNOTATION] ?? 0) * 1000;
  const fail = forced && sinceStart >= (Number.isFinite(after) ? after : 0);
  const ip = rt.podIP ?? rt.hostIP;
  if (probe.httpGet) {
    const g = probe.httpGet;
    const port = resolvePort(spec, g.port);
    const url = `${String(g.scheme ?? 'HTTP').toLowerCase()}://${g.host ?? ip}:${port ?? g.port}${g.path ?? '/'}`;
    if (port === undefined) return { ok: false, output: `strconv.Atoi: parsing ${JSON.stringify(String(g.port))}: invalid syntax` };
    if (!listens(spec, port)) return { ok: false, output: `Get ${JSON.stringify(url)}: dial tcp ${g.host ?? ip}:${port}: connect: connection refused` };
    return fail ? { ok: false, output: 'HTTP probe failed with statuscode: 500' } : { ok: true, output: '' };
  }
  if (probe.tcpSocket) {
    const t = probe.tcpSocket;
    const port = resolvePort(spec, t.port);
    if (port === undefined) return { ok: false, output: `strconv.Atoi: parsing ${JSON.stringify(String(t.port))}: invalid syntax` };
    const refused = { ok: false, output: `dial tcp ${t.host ?? ip}:${port}: connect: connection refused` };
    return !listens(spec, port) || fail ? refused : { ok: true, output: '' };
  }
  if (probe.exec) {
    const r = execOutcome(c, probe.exec.command, sinceStart);
    return fail && r.ok ? { ok: false, output: '' } : r;
  }
  return { ok: !fail, output: '' };
}

/** A probe's port: a number, or the name of one of the container's ports. */
function resolvePort(spec: any, port: unknown): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(String(port))) return Number(port);
  return (spec.ports ?? []).find((p: any) => p.name === port)?.containerPort;
}

/** A container that declares ports listens on those; one that declares none, on whatever its program opens. */
function listens(spec: any, port: number): boolean {
  const ports: any[] = spec.ports ?? [];
  return !ports.length || ports.some((p) => p.containerPort === port);
}

const FILE_CHECKS = /^(?:cat|ls|stat|test\s+-[ef]|\[\s+-[ef])\s+(\S+?)(?:\s+\])?$/;

function execOutcome(c: ContainerRt, command: unknown, sinceStart: number): Outcome {
  const argv = Array.isArray(command) ? command.map(String) : [];
  const line = (/^(?:\/bin\/)?(?:ba)?sh$/.test(argv[0] ?? '') && argv[1] === '-c' ? argv[2] ?? '' : argv.join(' ')).trim();
  if (line === 'true' || line === ':') return { ok: true, output: '' };
  if (line === 'false' || /^exit\s+[1-9]\d*$/.test(line)) return { ok: false, output: '' };
  const m = FILE_CHECKS.exec(line);
  // Without a script the kubelet cannot follow the program's files: it is taken as healthy.
  if (!m || !c.script || fileExists(c.script, m[1], sinceStart)) return { ok: true, output: '' };
  const cmd = line.split(/\s+/)[0];
  if (cmd !== 'cat' && cmd !== 'ls' && cmd !== 'stat') return { ok: false, output: '' };
  const busybox = /(^|\/)(busybox|alpine)(:|@|$)/.test(c.image);
  if (cmd === 'cat') return { ok: false, output: busybox ? `cat: can't open '${m[1]}': No such file or directory` : `cat: ${m[1]}: No such file or directory` };
  return { ok: false, output: busybox ? `${cmd}: ${m[1]}: No such file or directory` : `${cmd}: cannot ${cmd === 'ls' ? 'access' : 'statx'} '${m[1]}': No such file or directory` };
}
