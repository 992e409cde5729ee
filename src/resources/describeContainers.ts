// Container sections of kubectl describe (describe.go describeContainers, describeContainerState,
// DescribePodTemplate), shared by pods and the pod templates of workloads.
import { formatLabels, formatRfc1123Z } from './format.js';
import { DescribeWriter, clean, writeLabels } from './describeWriter.js';

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

function envValue(e: any): string {
  if (e.value !== undefined) return clean(String(e.value));
  const f = e.valueFrom ?? {};
  if (f.configMapKeyRef) return `<set to the key '${clean(f.configMapKeyRef.key)}' of config map '${clean(f.configMapKeyRef.name)}'>`;
  if (f.secretKeyRef) return `<set to the key '${clean(f.secretKeyRef.key)}' in secret '${clean(f.secretKeyRef.name)}'>`;
  if (f.fieldRef) return `(${f.fieldRef.apiVersion ?? 'v1'}:${clean(f.fieldRef.fieldPath)})`;
  if (f.resourceFieldRef) return `${clean(f.resourceFieldRef.resource)}`;
  return '';
}

/**
 * describe.go describeContainers. `statuses` is absent for templates; `space` is kubectl's extra
 * indent (" " for a pod template, so names sit at "   web:").
 */
export function writeContainers(w: DescribeWriter, title: string, containers: any[], statuses: any[] | undefined, space = ''): void {
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
    const env: any[] = c.env ?? [];
    if (env.length === 0) w.line(2, 'Environment:\t<none>');
    else {
      w.line(2, 'Environment:');
      for (const e of env) w.line(3, `${clean(e.name)}:\t${envValue(e)}`);
    }
    const mounts: any[] = c.volumeMounts ?? [];
    if (mounts.length === 0) w.line(2, 'Mounts:\t<none>');
    else {
      w.line(2, 'Mounts:');
      for (const m of mounts) w.line(3, `${clean(m.mountPath)} from ${clean(m.name)} (${m.readOnly ? 'ro' : 'rw'})`);
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
  tolerations.forEach((t, i) => w.line(level, `${i === 0 ? 'Tolerations:' : ''}\t${toleration(t)}`));
}

export function writeVolumes(w: DescribeWriter, level: number, volumes: any[] | undefined): void {
  if (!volumes || volumes.length === 0) {
    w.line(level, 'Volumes:\t<none>');
    return;
  }
  w.line(level, 'Volumes:');
  for (const v of volumes) {
    w.line(level + 1, `${clean(v.name)}:`);
    const type = Object.keys(v).find((k) => k !== 'name');
    w.kv(level + 2, 'Type', type ? volumeTypeName(type) : '<unknown>');
    const src = type ? v[type] : undefined;
    if (src && typeof src === 'object') {
      for (const [k, val] of Object.entries(src)) {
        if (val === null || typeof val === 'object') continue;
        w.kv(level + 2, k[0].toUpperCase() + k.slice(1), String(val));
      }
    }
  }
}

// A few of kubectl's volume type descriptions; others show the field name.
const VOLUME_TYPES: Record<string, string> = {
  emptyDir: 'EmptyDir (a temporary directory that shares a pod\'s lifetime)',
  configMap: 'ConfigMap (a volume populated by a ConfigMap)',
  secret: 'Secret (a volume populated by a Secret)',
  persistentVolumeClaim: 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
  hostPath: 'HostPath (bare host directory volume)',
  projected: 'Projected (a volume that contains injected data from multiple sources)',
  downwardAPI: 'DownwardAPI (a volume populated by information about the pod)',
};
const volumeTypeName = (t: string) => VOLUME_TYPES[t] ?? t;
