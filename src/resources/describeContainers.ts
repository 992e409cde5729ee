// Container sections of kubectl describe (describe.go describeContainers, describeContainerState,
// DescribePodTemplate), shared by pods and the pod templates of workloads.
import { formatLabels, formatRfc1123Z } from './format.js';
import type { KObj } from './types.js';
import { DescribeWriter, clean, writeLabels } from './describeWriter.js';
import { writeVolumes } from './describeVolumes.js';
import { tryParseQuantity } from '../metrics/quantity.js';

// describe.go describeContainerPorts: "80/TCP", several joined with ", ", "<none>" without.
function ports(c: any, host: boolean): string {
  const list: any[] = c.ports ?? [];
  if (list.length === 0) return '<none>';
  return list.map((p) => `${host ? (p.hostPort ?? 0) : p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
}

function writeState(w: DescribeWriter, label: string, state: any): void {
  if (state?.running) {
    w.line(2, `${label}:\tRunning`);
    w.kv(3, 'Started', formatRfc1123Z(state.running.startedAt));
  } else if (state?.waiting) {
    w.line(2, `${label}:\tWaiting`);
    // kubectl shows only the reason of a waiting container (the message is in the events).
    if (state.waiting.reason) w.kv(3, 'Reason', state.waiting.reason);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.line(2, `${label}:\tTerminated`);
    if (t.reason) w.kv(3, 'Reason', t.reason);
    if (t.message) w.kv(3, 'Message', t.message);
    w.kv(3, 'Exit Code', t.exitCode ?? 0);
    if (t.signal) w.kv(3, 'Signal', t.signal);
    w.kv(3, 'Started', formatRfc1123Z(t.startedAt));
    w.kv(3, 'Finished', formatRfc1123Z(t.finishedAt));
  } else {
    w.line(2, `${label}:\tWaiting`);
  }
}

function writeResources(w: DescribeWriter, title: string, res: Record<string, string> | undefined): void {
  const keys = Object.keys(res ?? {}).sort();
  if (keys.length === 0) return;
  w.line(2, `${title}:`);
  for (const k of keys) w.kv(3, clean(k), res![k]);
}

// fieldpath.ExtractFieldPathAsString for the paths pods use in env vars.
function fieldValue(pod: KObj | undefined, path: string): string {
  if (!pod) return '';
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return String(pod.metadata[m[1]]?.[m[2]] ?? '');
  const v = path.split('.').reduce<any>((o, k) => o?.[k], pod);
  return v === undefined || v === null || typeof v === 'object' ? '' : String(v);
}

// resourcehelper.ExtractContainerResourceValue: the container's request/limit in divisor units, rounded up.
function resourceValue(c: any, ref: any): string {
  const [field, res] = String(ref.resource ?? '').split('.');
  const raw = tryParseQuantity(c.resources?.[field]?.[res]);
  const divisor = tryParseQuantity(ref.divisor) || 1;
  const value = raw === undefined ? 0 : Math.ceil(raw / divisor);
  return value === 0 && field === 'limits' ? 'node allocatable' : String(value);
}

// describe.go describeContainerEnvVars: valueFrom lines end with a tab-aligned "Optional: …".
function envLine(e: any, c: any, pod: KObj | undefined): string {
  const f = e.valueFrom;
  if (!f) return `${clean(e.name)}:\t${clean(String(e.value ?? ''))}`;
  const opt = (r: any) => `Optional: ${r.optional ? 'true' : 'false'}`;
  if (f.fieldRef) return `${clean(e.name)}:\t${clean(fieldValue(pod, f.fieldRef.fieldPath))} (${f.fieldRef.apiVersion ?? 'v1'}:${clean(f.fieldRef.fieldPath)})`;
  if (f.resourceFieldRef) return `${clean(e.name)}:\t${resourceValue(c, f.resourceFieldRef)} (${clean(f.resourceFieldRef.resource)})`;
  if (f.secretKeyRef) return `${clean(e.name)}:\t<set to the key '${clean(f.secretKeyRef.key)}' in secret '${clean(f.secretKeyRef.name)}'>\t${opt(f.secretKeyRef)}`;
  if (f.configMapKeyRef) return `${clean(e.name)}:\t<set to the key '${clean(f.configMapKeyRef.key)}' of config map '${clean(f.configMapKeyRef.name)}'>\t${opt(f.configMapKeyRef)}`;
  return `${clean(e.name)}:\t`;
}

// Go's time.Duration String for whole seconds: "0s", "10s", "1m30s", "1h0m0s".
function goDuration(sec: number): string {
  if (sec === 0) return '0s';
  const h = Math.trunc(sec / 3600);
  const m = Math.trunc((sec % 3600) / 60);
  const s = sec % 60;
  return h > 0 ? `${h}h${m}m${s}s` : m > 0 ? `${m}m${s}s` : `${s}s`;
}

/** describe.go DescribeProbe: "http-get http://:8080/healthz delay=3s timeout=1s period=10s #success=1 #failure=3". */
export function describeProbe(p: any): string {
  const attrs =
    `delay=${goDuration(p.initialDelaySeconds ?? 0)} timeout=${goDuration(p.timeoutSeconds ?? 0)} ` +
    `period=${goDuration(p.periodSeconds ?? 0)} #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const scheme = String(g.scheme ?? '').toLowerCase();
    const host = g.port !== undefined && g.port !== '' ? `${g.host ?? ''}:${g.port}` : (g.host ?? '');
    const path = g.path ? (g.path.startsWith('/') ? g.path : `/${g.path}`) : '';
    return `http-get ${scheme ? `${scheme}:` : ''}//${host}${path} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

/**
 * describe.go describeContainers. `statuses` is absent for templates; `space` is kubectl's extra
 * indent (" " for a pod template, so names sit at "   web:").
 */
export function writeContainers(
  w: DescribeWriter,
  title: string,
  containers: any[],
  statuses: any[] | undefined,
  space = '',
  pod?: KObj,
): void {
  w.line(space ? 1 : 0, `${title}:`);
  for (const c of containers) {
    const st = statuses?.find((s) => s.name === c.name);
    w.line(1, `${space}${clean(c.name)}:`);
    if (st) w.kv(2, 'Container ID', st.containerID ?? '');
    w.kv(2, 'Image', c.image ?? '');
    if (st) w.kv(2, 'Image ID', st.imageID ?? '');
    const p = ports(c, false);
    w.line(2, `${(c.ports ?? []).length > 1 ? 'Ports' : 'Port'}:\t${clean(p)}`);
    w.line(2, `${(c.ports ?? []).length > 1 ? 'Host Ports' : 'Host Port'}:\t${clean(ports(c, true))}`);
    if (c.command?.length) {
      w.line(2, 'Command:');
      for (const a of c.command) w.line(3, clean(String(a)));
    }
    if (c.args?.length) {
      w.line(2, 'Args:');
      for (const a of c.args) w.line(3, clean(String(a)));
    }
    if (st) {
      writeState(w, 'State', st.state);
      if (st.lastState && Object.keys(st.lastState).length > 0) writeState(w, 'Last State', st.lastState);
      w.kv(2, 'Ready', st.ready ? 'True' : 'False');
      w.kv(2, 'Restart Count', st.restartCount ?? 0);
    }
    writeResources(w, 'Limits', c.resources?.limits);
    writeResources(w, 'Requests', c.resources?.requests);
    if (c.livenessProbe) w.line(2, `Liveness:\t${clean(describeProbe(c.livenessProbe))}`);
    if (c.readinessProbe) w.line(2, `Readiness:\t${clean(describeProbe(c.readinessProbe))}`);
    if (c.startupProbe) w.line(2, `Startup:\t${clean(describeProbe(c.startupProbe))}`);
    const envFrom: any[] = c.envFrom ?? [];
    if (envFrom.length > 0) {
      w.line(2, 'Environment Variables from:');
      for (const f of envFrom) {
        const ref = f.configMapRef ?? f.secretRef ?? {};
        const type = f.configMapRef ? 'ConfigMap' : 'Secret';
        const prefix = f.prefix ? ` with prefix '${clean(f.prefix)}'` : '';
        w.line(3, `${clean(ref.name ?? '')}\t${type}${prefix}\tOptional: ${ref.optional ? 'true' : 'false'}`);
      }
    }
    const env: any[] = c.env ?? [];
    if (env.length === 0) w.line(2, 'Environment:\t<none>');
    else {
      w.line(2, 'Environment:');
      for (const e of env) w.line(3, envLine(e, c, pod));
    }
    // kubectl sorts mounts by path.
    const mounts: any[] = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
    if (mounts.length === 0) w.line(2, 'Mounts:\t<none>');
    else {
      w.line(2, 'Mounts:');
      for (const m of mounts) {
        const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])].join(',');
        w.line(3, `${clean(m.mountPath)} from ${clean(m.name)} (${clean(flags)})`);
      }
    }
  }
}

/** describe.go DescribePodTemplate: the "Pod Template:" block of workloads. */
export function writePodTemplate(w: DescribeWriter, template: any): void {
  w.line(0, 'Pod Template:');
  writeLabels(w, 1, 'Labels', template?.metadata?.labels);
  const spec = template?.spec ?? {};
  if (spec.serviceAccountName) w.kv(1, 'Service Account', spec.serviceAccountName);
  if ((spec.initContainers ?? []).length > 0) writeContainers(w, 'Init Containers', spec.initContainers, undefined, ' ');
  writeContainers(w, 'Containers', spec.containers ?? [], undefined, ' ');
  writeVolumes(w, 1, spec.volumes);
  if (spec.priorityClassName) w.kv(1, 'Priority Class Name', spec.priorityClassName);
  w.kv(1, 'Node-Selectors', formatLabels(spec.nodeSelector));
  writeTolerations(w, 1, spec.tolerations);
}

// describe.go printTolerationsMultiline.
function toleration(t: any): string {
  let s = `${t.key ?? ''}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
  if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
  if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
  return clean(s);
}

export function writeTolerations(w: DescribeWriter, level: number, tolerations: any[] | undefined): void {
  if (!tolerations || tolerations.length === 0) {
    w.line(level, 'Tolerations:\t<none>');
    return;
  }
  // printTolerationsMultiline sorts by key.
  const sorted = [...tolerations].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  sorted.forEach((t, i) => w.line(level, `${i === 0 ? 'Tolerations:' : ''}\t${toleration(t)}`));
}
