// HorizontalPodAutoscalers that cannot work (no metrics: the metrics API is absent or the target's
// containers request nothing to compare usage with) or that are pinned at their maximum; and volume
// claims left Pending because they name no storage class and the cluster has no default.
import type { KObj } from '../../resources/types.js';
import { kubectlName, oneLine, refOf, shellQuote, templateContainers } from '../objects.js';
import type { Finding, Fix, NamespaceSnapshot } from '../types.js';

function hpaTarget(snap: NamespaceSnapshot, hpa: KObj): KObj | undefined {
  const t = hpa.spec?.scaleTargetRef ?? {};
  const list = t.kind === 'Deployment' ? snap.deployments : t.kind === 'StatefulSet' ? snap.statefulSets : t.kind === 'ReplicaSet' ? snap.replicaSets : [];
  return list.find((o) => o.metadata.name === t.name);
}

/** The resources (cpu, memory) the HPA scales on through Resource metrics (v2, or v1's targetCPU). */
function resourceMetrics(hpa: KObj): string[] {
  const v2 = (hpa.spec?.metrics ?? []).filter((m: any) => m.type === 'Resource').map((m: any) => m.resource?.name);
  if (v2.length) return v2;
  return hpa.spec?.targetCPUUtilizationPercentage !== undefined || !hpa.spec?.metrics ? ['cpu'] : [];
}

export function hpaRule(snap: NamespaceSnapshot): Finding[] {
  const out: Finding[] = [];
  const ns = snap.namespace;
  for (const hpa of snap.hpas) {
    const ref = refOf('HorizontalPodAutoscaler', hpa, ns);
    const t = hpa.spec?.scaleTargetRef ?? {};
    const target = hpaTarget(snap, hpa);
    const conds: any[] = hpa.status?.conditions ?? [];
    const active = conds.find((c) => c.type === 'ScalingActive');
    if (!target) {
      out.push({ rule: 'hpa-no-metrics', severity: 'error', object: ref, cause: `The autoscaler ${hpa.metadata.name} scales ${t.kind}/${t.name}, which does not exist.`, evidence: [`scaleTargetRef ${t.kind}/${t.name}`], fix: [{ text: 'delete it or point it at the workload', command: `kubectl delete hpa ${hpa.metadata.name} -n ${ns}` }] });
      continue;
    }
    const targetName = kubectlName({ kind: t.kind, name: t.name });
    const missing = resourceMetrics(hpa).filter((res) => templateContainers(target).some((c: any) => c.resources?.requests?.[res] === undefined && c.resources?.limits?.[res] === undefined));
    const noMetricsApi = snap.usage === undefined;
    if (missing.length || noMetricsApi || active?.status === 'False') {
      const evidence: string[] = [];
      if (active?.status === 'False') evidence.push(`ScalingActive=False ${active.reason}: ${oneLine(active.message ?? '')}`);
      if (missing.length) evidence.push(`containers of ${targetName} without a ${missing.join('/')} request: ${templateContainers(target).filter((c: any) => missing.some((r) => c.resources?.requests?.[r] === undefined)).map((c: any) => c.name).join(', ')}`);
      if (noMetricsApi) evidence.push('metrics.k8s.io does not answer in this namespace');
      const fix: Fix[] = missing.length
        ? [{ text: `give its containers a ${missing[0]} request, which utilization is measured against`, command: `kubectl set resources ${targetName} --requests=${missing[0]}=${missing[0] === 'cpu' ? '100m' : '128Mi'} -n ${ns}` }]
        : [{ text: 'ask the cluster admin to install metrics-server', command: 'kubectl top pods' }];
      out.push({ rule: 'hpa-no-metrics', severity: 'warning', object: ref, cause: `The autoscaler ${hpa.metadata.name} cannot read the usage it scales on${missing.length ? `: ${targetName} requests no ${missing.join('/')}` : noMetricsApi ? ': the cluster serves no metrics' : ''}.`, evidence, fix });
      continue;
    }
    const max = hpa.spec?.maxReplicas ?? 0;
    const cur = hpa.status?.currentReplicas ?? 0;
    const desired = hpa.status?.desiredReplicas ?? cur;
    const limited = conds.find((c) => c.type === 'ScalingLimited' && c.status === 'True' && c.reason === 'TooManyReplicas');
    if (max > 0 && cur >= max && (limited || desired >= max)) {
      out.push({
        rule: 'hpa-at-max', severity: 'warning', object: ref,
        cause: `The autoscaler ${hpa.metadata.name} is at its maximum of ${max} replicas and would add more.`,
        evidence: [`${cur} of at most ${max} replicas`, ...(limited ? [`ScalingLimited=True TooManyReplicas: ${oneLine(limited.message ?? '')}`] : [])],
        fix: [{ text: `allow more replicas (quota permitting)`, command: `kubectl patch hpa/${hpa.metadata.name} -p '{"spec":{"maxReplicas":${max * 2}}}' -n ${ns}` }],
      });
    }
  }
  return out;
}

export function pvcRule(snap: NamespaceSnapshot): Finding[] {
  const out: Finding[] = [];
  const ns = snap.namespace;
  const defaultClass = snap.storageClasses?.find((c) => ['true'].includes(c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] ?? ''));
  for (const pvc of snap.pvcs) {
    if (pvc.status?.phase !== 'Pending' || pvc.spec?.volumeName) continue;
    const cls = pvc.spec?.storageClassName;
    if (cls === undefined || cls === null || (cls === '' && !pvc.spec?.selector)) {
      if (cls === undefined && defaultClass) continue; // the default class will be given to it
      const name = pvc.metadata.name;
      const known = snap.storageClasses?.map((c) => c.metadata.name) ?? [];
      const pick = defaultClass?.metadata.name ?? known[0];
      const evidence = [`spec.storageClassName: ${cls === '' ? '"" (no dynamic provisioning)' : 'not set'}`, snap.storageClasses ? `storage classes: ${known.join(', ') || 'none'}; no default` : 'storage classes cannot be listed with this account'];
      const usedBy = snap.pods.filter((p) => (p.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === name)).map((p) => `pod/${p.metadata.name}`);
      if (usedBy.length) evidence.push(`waiting for it: ${usedBy.join(', ')}`);
      out.push({
        rule: 'pvc-no-storage-class', severity: 'error', object: refOf('PersistentVolumeClaim', pvc, ns),
        cause: `The claim ${name} stays Pending: it names no storage class, so no volume is made for it.`,
        evidence,
        fix: [{ text: `ask for a storage class${pick ? ` (${pick})` : ''}`, command: `kubectl patch pvc/${name} -p '${JSON.stringify({ spec: { storageClassName: pick ?? 'CLASS' } })}' -n ${ns}` }],
      });
      continue;
    }
    const ev = snap.events.filter((e) => (e.involvedObject?.uid ?? e.regarding?.uid) === pvc.metadata.uid && e.type === 'Warning').pop();
    if (ev) {
      out.push({
        rule: 'pvc-pending', severity: 'error', object: refOf('PersistentVolumeClaim', pvc, ns),
        cause: `The claim ${pvc.metadata.name} stays Pending: the storage class ${cls} could not give it a volume.`,
        evidence: [`event ${ev.reason}: ${oneLine(ev.message ?? '')}`],
        fix: [{ text: 'read the provisioner’s events', command: `kubectl describe pvc/${shellQuote(pvc.metadata.name)} -n ${ns}` }],
      });
    }
  }
  return out;
}
