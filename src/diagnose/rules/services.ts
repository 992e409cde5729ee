// Services that route nowhere: no pod matches the selector (the closest label set shown, the keys
// that differ named), pods match but none is ready, or the targetPort is not a port the pods declare.
// And ingresses whose backend service or port does not exist.
import type { KObj } from '../../resources/types.js';
import { editDistance } from './images.js';
import { groupInto, refOf, topOwner, kubectlName } from '../objects.js';
import type { Finding, NamespaceSnapshot } from '../types.js';

const live = (p: KObj) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status?.phase);
const ready = (p: KObj) => (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
const matches = (sel: Record<string, string>, labels: Record<string, string> | undefined) => Object.entries(sel).every(([k, v]) => labels?.[k] === v);
const labelText = (l: Record<string, string>) => Object.entries(l).map(([k, v]) => `${k}=${v}`).join(',');

/** Ready endpoints the EndpointSlices give the service (undefined when slices were not read). */
function sliceEndpoints(snap: NamespaceSnapshot, svc: KObj): number | undefined {
  if (snap.skipped.some((s) => s.kind === 'endpointslices')) return undefined;
  let n = 0;
  for (const s of snap.endpointSlices) {
    if (s.metadata.labels?.['kubernetes.io/service-name'] !== svc.metadata.name) continue;
    n += (s.endpoints ?? []).filter((e: any) => e.conditions?.ready !== false).length;
  }
  return n;
}

/** The pods' label set that agrees with the most of the selector, and the selector keys it differs on. */
export function closestLabels(sel: Record<string, string>, pods: KObj[]): { labels: Record<string, string>; differ: string[]; pods: KObj[] } | undefined {
  let best: { labels: Record<string, string>; differ: string[]; pods: KObj[]; score: number } | undefined;
  const groups = new Map<string, KObj[]>();
  for (const p of pods) {
    const own = Object.fromEntries(Object.entries(p.metadata.labels ?? {}).filter(([k]) => k !== 'pod-template-hash' && !k.startsWith('controller-revision-hash')));
    const key = labelText(own);
    groupInto(groups, key, p);
  }
  for (const group of groups.values()) {
    const labels = group[0].metadata.labels ?? {};
    const differ = Object.keys(sel).filter((k) => labels[k] !== sel[k]);
    // Fewer differing keys first, then the closest values (a typo is closer than another app).
    const score = differ.length * 1000 + differ.reduce((s, k) => s + (labels[k] === undefined ? 50 : editDistance(sel[k], labels[k])), 0);
    if (differ.length < Object.keys(sel).length || differ.some((k) => labels[k] !== undefined && editDistance(sel[k], labels[k]) <= 2)) {
      if (!best || score < best.score) best = { labels, differ, pods: group, score };
    }
  }
  return best && { labels: best.labels, differ: best.differ, pods: best.pods };
}

/** A workload whose pods the selector would pick, asked to run none of them. */
function scaledToZero(snap: NamespaceSnapshot, sel: Record<string, string>): boolean {
  return [...snap.deployments, ...snap.statefulSets].some((w) => w.spec?.replicas === 0 && matches(sel, w.spec?.template?.metadata?.labels));
}

export function serviceRule(snap: NamespaceSnapshot): Finding[] {
  const out: Finding[] = [];
  const ns = snap.namespace;
  const pods = snap.pods.filter(live);
  for (const svc of snap.services) {
    const sel: Record<string, string> = svc.spec?.selector ?? {};
    if (!Object.keys(sel).length || svc.spec?.type === 'ExternalName') continue;
    const target = `svc/${svc.metadata.name}`;
    const ref = refOf('Service', svc, ns);
    const matching = pods.filter((p) => matches(sel, p.metadata.labels));
    // Scaled to zero on purpose (kdash down, kubectl scale --replicas=0): no pods is what was asked for.
    if (!matching.length && scaledToZero(snap, sel)) continue;
    if (!matching.length) {
      const near = closestLabels(sel, pods);
      const evidence = [`selector ${labelText(sel)}`];
      const fix = [];
      if (near) {
        const owner = topOwner(snap, near.pods[0]).ref;
        evidence.push(`closest pods (${near.pods.length}, ${kubectlName(owner)}): ${Object.keys(sel).map((k) => near.differ.includes(k) ? `»${k}=${near.labels[k] ?? '(missing)'}«` : `${k}=${near.labels[k]}`).join(',')}`);
        for (const k of near.differ) evidence.push(`${k}: the selector wants "${sel[k]}", the pods have ${near.labels[k] === undefined ? 'no such label' : `"${near.labels[k]}"`}`);
        const patch = Object.fromEntries(near.differ.map((k) => [k, near.labels[k] ?? null]));
        fix.push({ text: `select the pods of ${kubectlName(owner)}`, command: `kubectl patch ${target} -p '${JSON.stringify({ spec: { selector: patch } })}' -n ${ns}` });
      } else {
        evidence.push(pods.length ? `none of the ${pods.length} pods in ${ns} has these labels` : `there are no pods in ${ns}`);
        fix.push({ text: 'start the workload it should route to, or fix the selector', command: `kubectl get pods --show-labels -n ${ns}` });
      }
      out.push({ rule: 'service-no-endpoints', severity: 'error', object: ref, cause: `The service ${svc.metadata.name} sends traffic nowhere: no pod has the labels its selector asks for.`, evidence, fix });
      continue;
    }
    const readyPods = matching.filter(ready);
    if (!readyPods.length) {
      const owner = topOwner(snap, matching[0]).ref;
      out.push({
        rule: 'service-no-endpoints', severity: 'error', object: ref,
        cause: `The service ${svc.metadata.name} has no endpoints: its ${matching.length} pod${matching.length === 1 ? ' is' : 's are'} not ready.`,
        evidence: [`selector ${labelText(sel)} matches ${matching.map((p) => `pod/${p.metadata.name}`).slice(0, 3).join(', ')}${matching.length > 3 ? ' …' : ''}, none Ready`, ...(sliceEndpoints(snap, svc) === 0 ? ['its EndpointSlices list no ready endpoint'] : [])],
        fix: [{ text: `see why the pods of ${kubectlName(owner)} are not ready (their own findings)`, key: 'x', command: `kubectl describe ${kubectlName(owner)} -n ${ns}` }],
      });
      continue;
    }
    const port = portMismatch(svc, readyPods);
    if (port) out.push({ rule: 'service-port-mismatch', severity: 'error', object: ref, ...port, fix: port.fix.map((f) => ({ ...f, command: `${f.command} -n ${ns}` })) });
  }
  return out;
}

function portMismatch(svc: KObj, pods: KObj[]): Pick<Finding, 'cause' | 'evidence' | 'fix'> | undefined {
  const declared = (pods[0].spec?.containers ?? []).flatMap((c: any) => c.ports ?? []);
  if (!declared.length) return undefined; // a container that declares nothing may listen anywhere
  const ports: any[] = svc.spec?.ports ?? [];
  for (let i = 0; i < ports.length; i++) {
    const p = ports[i];
    const tp = p.targetPort ?? p.port;
    const ok = typeof tp === 'string' ? declared.some((d: any) => d.name === tp) : declared.some((d: any) => d.containerPort === tp);
    if (ok) continue;
    const real = declared.length === 1 ? declared[0] : declared.find((d: any) => d.protocol === (p.protocol ?? 'TCP')) ?? declared[0];
    return {
      cause: `The service ${svc.metadata.name} forwards port ${p.port} to ${typeof tp === 'string' ? `the named port "${tp}"` : `port ${tp}`}, which its pods do not ${typeof tp === 'string' ? 'name' : 'listen on'} (they declare ${declared.map((d: any) => d.containerPort).join(', ')}).`,
      evidence: [`spec.ports[${i}]: port ${p.port} → targetPort ${tp}`, `containers' ports: ${declared.map((d: any) => `${d.name ? `${d.name}=` : ''}${d.containerPort}/${d.protocol ?? 'TCP'}`).join(', ')}`],
      fix: [{ text: `forward to ${real.containerPort}`, command: `kubectl patch svc/${svc.metadata.name} --type=json -p '[{"op":"replace","path":"/spec/ports/${i}/targetPort","value":${real.containerPort}}]'` }],
    };
  }
  return undefined;
}

/** Ingresses whose backend service does not exist in the namespace or has no such port. */
export function ingressRule(snap: NamespaceSnapshot): Finding[] {
  const out: Finding[] = [];
  const ns = snap.namespace;
  for (const ing of snap.ingresses) {
    const backends: Array<{ path: string; svc: any }> = [];
    if (ing.spec?.defaultBackend?.service) backends.push({ path: '/spec/defaultBackend/service', svc: ing.spec.defaultBackend.service });
    (ing.spec?.rules ?? []).forEach((r: any, i: number) => (r.http?.paths ?? []).forEach((p: any, j: number) => {
      if (p.backend?.service) backends.push({ path: `/spec/rules/${i}/http/paths/${j}/backend/service`, svc: p.backend.service });
    }));
    for (const b of backends) {
      const svc = snap.services.find((s) => s.metadata.name === b.svc.name);
      const target = `ingress/${ing.metadata.name}`;
      if (!svc) {
        const near = snap.services.map((s) => s.metadata.name).sort((x, y) => editDistance(b.svc.name, x) - editDistance(b.svc.name, y))[0];
        out.push({
          rule: 'ingress-backend', severity: 'error', object: refOf('Ingress', ing, ns),
          cause: `The ingress ${ing.metadata.name} sends traffic to the service ${b.svc.name}, which does not exist in ${ns}.`,
          evidence: [`${b.path.slice(1).replace(/\//g, '.')}.name = ${b.svc.name}`, `services here: ${snap.services.map((s) => s.metadata.name).join(', ') || 'none'}`],
          fix: near ? [{ text: `point it at ${near}`, command: `kubectl patch ${target} --type=json -p '[{"op":"replace","path":"${b.path}/name","value":${JSON.stringify(near)}}]' -n ${ns}` }] : [{ text: 'create the service', command: `kubectl expose deploy/NAME --name=${b.svc.name} --port=80 -n ${ns}` }],
        });
        continue;
      }
      const ports: any[] = svc.spec?.ports ?? [];
      const want = b.svc.port ?? {};
      const has = want.name !== undefined ? ports.some((p) => p.name === want.name) : want.number === undefined || ports.some((p) => p.port === want.number);
      if (has) continue;
      const real = ports[0];
      out.push({
        rule: 'ingress-backend', severity: 'error', object: refOf('Ingress', ing, ns),
        cause: `The ingress ${ing.metadata.name} uses port ${want.name ?? want.number} of the service ${svc.metadata.name}, which has no such port.`,
        evidence: [`backend ${svc.metadata.name}:${want.name ?? want.number}`, `svc/${svc.metadata.name} ports: ${ports.map((p) => `${p.name ? `${p.name}=` : ''}${p.port}`).join(', ') || 'none'}`],
        fix: real ? [{ text: `use port ${real.port}`, command: `kubectl patch ${target} --type=json -p '[{"op":"replace","path":"${b.path}/port","value":{"number":${real.port}}}]' -n ${ns}` }] : [],
      });
    }
  }
  return out;
}
