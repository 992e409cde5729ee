import { describe, expect, it } from 'vitest';
import type { KObj } from '../../src/resources/types.js';
import {
  formatPercent,
  nodePercents,
  percent,
  podPercents,
  podResources,
  sumResources,
  sumUsage,
  workloadOfPod,
} from '../../src/metrics/usage.js';

const Mi = 1024 ** 2;

function pod(name: string, containers: any[], extra: Partial<KObj['spec']> = {}, meta: Partial<KObj['metadata']> = {}): KObj {
  return { metadata: { name, namespace: 'vgauthier', uid: name, ...meta }, spec: { containers, ...extra } };
}
const c = (requests?: Record<string, string>, limits?: Record<string, string>) => ({ name: 'c', resources: { requests, limits } });

describe('pod requests and limits', () => {
  it('sums requests and limits over containers', () => {
    const p = pod('a', [c({ cpu: '100m', memory: '64Mi' }, { cpu: '200m', memory: '128Mi' }), c({ cpu: '0.15', memory: '1.5Mi' }, { cpu: '1', memory: '0.5Gi' })]);
    expect(podResources(p)).toEqual({
      cpuRequestMilli: 250,
      cpuLimitMilli: 1200,
      memRequestBytes: 65.5 * Mi,
      memLimitBytes: 640 * Mi,
    });
  });

  it('has no request or limit when no container sets one', () => {
    expect(podResources(pod('a', [{ name: 'c' }, c()]))).toEqual({});
  });

  it('treats a container without a request as requesting nothing, but without a limit as unbounded', () => {
    const p = pod('a', [c({ cpu: '100m' }, { cpu: '500m', memory: '1Gi' }), c(undefined, undefined)]);
    const r = podResources(p);
    expect(r.cpuRequestMilli).toBe(100);
    expect(r.cpuLimitMilli).toBeUndefined();
    expect(r.memLimitBytes).toBeUndefined();
    expect(r.memRequestBytes).toBeUndefined();
  });

  it('uses the largest init container when it exceeds the app containers (kubectl PodRequestsAndLimits)', () => {
    const p = pod('a', [c({ cpu: '100m' })], { initContainers: [{ name: 'init', resources: { requests: { cpu: '500m' } } }] });
    expect(podResources(p).cpuRequestMilli).toBe(500);
  });

  it('adds pod overhead', () => {
    const p = pod('a', [c({ cpu: '100m' })], { overhead: { cpu: '50m' } });
    expect(podResources(p).cpuRequestMilli).toBe(150);
  });

  it('ignores malformed quantities from the cluster instead of crashing', () => {
    const p = pod('a', [c({ cpu: 'lots', memory: '64Mi' })]);
    expect(podResources(p)).toEqual({ memRequestBytes: 64 * Mi });
  });
});

describe('percentages', () => {
  it('computes %CPU/R, %CPU/L, %MEM/R, %MEM/L', () => {
    const res = podResources(pod('a', [c({ cpu: '100m', memory: '64Mi' }, { cpu: '200m', memory: '128Mi' })]));
    const p = podPercents({ cpuMilli: 50, memBytes: 96 * Mi }, res);
    expect(p).toEqual({ cpuOfRequest: 50, cpuOfLimit: 25, memOfRequest: 150, memOfLimit: 75 });
    expect([p.cpuOfRequest, p.cpuOfLimit, p.memOfRequest, p.memOfLimit].map(formatPercent)).toEqual(['50%', '25%', '150%', '75%']);
  });

  it('is n/a where the request or limit is missing', () => {
    const res = podResources(pod('a', [c({ cpu: '100m' })]));
    const p = podPercents({ cpuMilli: 30, memBytes: 10 * Mi }, res);
    expect(formatPercent(p.cpuOfRequest)).toBe('30%');
    expect(formatPercent(p.cpuOfLimit)).toBe('n/a');
    expect(formatPercent(p.memOfRequest)).toBe('n/a');
    expect(formatPercent(p.memOfLimit)).toBe('n/a');
  });

  it('is n/a without usage, and never divides by zero', () => {
    const res = podResources(pod('a', [c({ cpu: '0' }, { cpu: '100m' })]));
    expect(podPercents(undefined, res)).toEqual({ cpuOfRequest: undefined, cpuOfLimit: undefined, memOfRequest: undefined, memOfLimit: undefined });
    expect(percent(5, 0)).toBeUndefined();
    expect(percent(NaN, 10)).toBeUndefined();
    expect(podPercents({ cpuMilli: 5, memBytes: 0 }, res).cpuOfRequest).toBeUndefined();
  });

  it('rounds like kubectl top', () => {
    expect(formatPercent(12.5)).toBe('13%');
    expect(formatPercent(0.2)).toBe('0%');
  });

  it('computes node usage as a share of allocatable', () => {
    const node: KObj = { metadata: { name: 'n1', uid: 'n1' }, status: { allocatable: { cpu: '3920m', memory: '16Gi' } } };
    const p = nodePercents({ cpuMilli: 392, memBytes: 4 * 1024 * Mi }, node);
    expect(p.cpu).toBeCloseTo(10);
    expect(p.mem).toBeCloseTo(25);
    expect(nodePercents({ cpuMilli: 1, memBytes: 1 }, { metadata: { name: 'x', uid: 'x' } })).toEqual({ cpu: undefined, mem: undefined });
  });
});

describe('workloads', () => {
  const pods = [
    pod('web-1', [c({ cpu: '100m', memory: '64Mi' }, { cpu: '200m', memory: '128Mi' })]),
    pod('web-2', [c({ cpu: '100m', memory: '64Mi' }, { cpu: '200m', memory: '128Mi' })]),
    pod('web-3', [c({ cpu: '100m', memory: '64Mi' }, { memory: '128Mi' })]),
  ];

  it('sums usage over the pods that have metrics', () => {
    const m = new Map([
      ['vgauthier/web-1', { cpuMilli: 10, memBytes: 5 * Mi }],
      ['vgauthier/web-2', { cpuMilli: 20, memBytes: 6 * Mi }],
      ['other/web-3', { cpuMilli: 1000, memBytes: 1 }],
    ]);
    expect(sumUsage(pods, m)).toEqual({ cpuMilli: 30, memBytes: 11 * Mi });
    expect(sumUsage(pods, new Map())).toBeUndefined();
    expect(sumUsage(pods, undefined)).toBeUndefined();
  });

  it('sums requests; a limit is missing as soon as one pod has none', () => {
    expect(sumResources(pods)).toEqual({ cpuRequestMilli: 300, memRequestBytes: 192 * Mi, memLimitBytes: 384 * Mi });
  });

  it('finds the deployment behind a replica set by stripping the pod-template-hash', () => {
    const p = pod('webnodb-7d9f8b6c5d-x2x4z', [], {}, {
      labels: { 'pod-template-hash': '7d9f8b6c5d' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'webnodb-7d9f8b6c5d', uid: 'rs', controller: true }],
    });
    expect(workloadOfPod(p)).toEqual({ kind: 'Deployment', name: 'webnodb' });
    const s = pod('db-0', [], {}, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 's', controller: true }] });
    expect(workloadOfPod(s)).toEqual({ kind: 'StatefulSet', name: 'db' });
    expect(workloadOfPod(pod('bare', []))).toBeUndefined();
  });
});
