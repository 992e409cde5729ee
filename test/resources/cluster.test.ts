import { describe, expect, it } from 'vitest';
import { configMap } from '../../src/resources/configMap.js';
import { event } from '../../src/resources/event.js';
import { namespace } from '../../src/resources/namespace.js';
import { node } from '../../src/resources/node.js';
import { resourceQuota } from '../../src/resources/resourceQuota.js';
import { service } from '../../src/resources/service.js';
import { NOW, byName, headers, load, row, tone } from './helpers.js';

const services = load('services.json');
const nodes = load('nodes.json');
const namespaces = load('namespaces.json');
const events = load('events.json');
const [cm, quota] = load('configmaps-quotas.json');

describe('services (printService)', () => {
  it('has kubectl headers', () => {
    expect(headers(service)).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    expect(headers(service, true)).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
  });
  it.each([
    ['web', 'ClusterIP', '10.96.12.34', '<none>', '5000/TCP'],
    ['web-np', 'NodePort', '10.96.40.1', '<none>', '80:30080/TCP,53:30053/UDP'],
    ['web-lb', 'LoadBalancer', '10.96.7.7', '<pending>', '443:31443/TCP'],
    ['web-lb-ready', 'LoadBalancer', '10.96.7.8', '203.0.113.10,a1b2c3.elb.example.com', '443:31444/TCP'],
    ['db', 'ClusterIP', 'None', '<none>', '5432/TCP'],
    ['upstream', 'ExternalName', '<none>', 'api.example.com', '<none>'],
  ])('%s → %s %s %s %s', (name, type, ip, ext, ports) => {
    expect(row(service, byName(services, name))).toMatchObject({ TYPE: type, 'CLUSTER-IP': ip, 'EXTERNAL-IP': ext, 'PORT(S)': ports, AGE: '60m' });
  });
  it('warns on a pending load balancer and shows the selector wide', () => {
    expect(tone(service, byName(services, 'web-lb'), 'EXTERNAL-IP')).toBe('warn');
    expect(row(service, byName(services, 'web')).SELECTOR).toBe('app=webnodb');
    expect(row(service, byName(services, 'upstream')).SELECTOR).toBe('<none>');
  });
  it('drills down to the pods it selects, and nowhere without a selector', () => {
    expect(service.drillDown!(byName(services, 'web'))).toMatchObject({ kind: 'pods', labelSelector: 'app=webnodb', namespace: 'classroom' });
    expect(service.drillDown!(byName(services, 'upstream'))).toBeUndefined();
    expect(service.actions).toEqual(expect.arrayContaining(['logs', 'delete']));
  });
});

describe('config maps', () => {
  it('counts data and binaryData keys', () => {
    expect(headers(configMap)).toEqual(['NAME', 'DATA', 'AGE']);
    expect(row(configMap, cm)).toMatchObject({ NAME: 'web-config', DATA: '3', AGE: '24h' });
  });
});

describe('nodes (printNode)', () => {
  it('has kubectl headers', () => {
    expect(headers(node)).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    expect(headers(node, true)).toEqual([
      'NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME',
    ]);
  });
  it.each([
    ['control-plane', 'Ready', 'control-plane,master', 'ok'],
    ['worker-1', 'Ready', '<none>', 'ok'],
    ['worker-2', 'NotReady', 'worker', 'error'],
    ['worker-3', 'Ready,SchedulingDisabled', 'worker', 'warn'],
  ])('%s → %s %s', (name, status, roles, t) => {
    const n = byName(nodes, name);
    expect(row(node, n)).toMatchObject({ STATUS: status, ROLES: roles, AGE: '40d', VERSION: 'v1.30.2' });
    expect(tone(node, n, 'STATUS')).toBe(t);
  });
  it('shows the wide cells and Unknown without a Ready condition', () => {
    const n = byName(nodes, 'worker-1');
    expect(row(node, n)).toMatchObject({
      'INTERNAL-IP': '10.0.0.11',
      'EXTERNAL-IP': '<none>',
      'OS-IMAGE': 'Ubuntu 22.04.4 LTS',
      'KERNEL-VERSION': '6.5.0-1020-gcp',
      'CONTAINER-RUNTIME': 'containerd://1.7.13',
    });
    expect(row(node, { ...n, status: {} }).STATUS).toBe('Unknown');
  });
  it('shows usage against allocatable', () => {
    const ctxM = { now: NOW, nodeMetrics: new Map([['worker-1', { cpuMilli: 950, memBytes: 3 * 1024 ** 3 }]]) };
    const r = row(node, byName(nodes, 'worker-1'), ctxM);
    expect([r.CPU, r['%CPU'], r.MEM, r['%MEM']]).toEqual(['950m', '25%', '3072Mi', '20%']);
    expect(row(node, byName(nodes, 'worker-2'), ctxM).CPU).toBe('n/a');
  });
  it('drills down to its pods in every namespace', () => {
    expect(node.drillDown!(byName(nodes, 'worker-1'))).toMatchObject({
      kind: 'pods',
      fieldSelector: 'spec.nodeName=worker-1',
      namespace: '',
    });
  });
});

describe('namespaces (printNamespace)', () => {
  it('prints STATUS and drills to its pods', () => {
    expect(headers(namespace)).toEqual(['NAME', 'STATUS', 'AGE']);
    expect(row(namespace, byName(namespaces, 'classroom'))).toMatchObject({ STATUS: 'Active', AGE: '400d' });
    expect(row(namespace, byName(namespaces, 'old'))).toMatchObject({ STATUS: 'Terminating', AGE: '60m' });
    expect(tone(namespace, byName(namespaces, 'old'), 'STATUS')).toBe('warn');
    expect(namespace.drillDown!(byName(namespaces, 'classroom'))).toMatchObject({ kind: 'pods', namespace: 'classroom' });
  });
});

describe('events (printEvent)', () => {
  it('has kubectl headers', () => {
    expect(headers(event)).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(headers(event, true)).toEqual([
      'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME',
    ]);
  });
  it('prints a repeated kubelet event', () => {
    const e = byName(events, 'crashloop.17c0a1');
    expect(row(event, e)).toMatchObject({
      'LAST SEEN': '40s',
      TYPE: 'Warning',
      REASON: 'BackOff',
      OBJECT: 'pod/crashloop',
      SUBOBJECT: 'spec.containers{web}',
      SOURCE: 'kubelet, worker-1',
      MESSAGE: 'Back-off restarting failed container web in pod crashloop_classroom(uid-crashloop)',
      'FIRST SEEN': '4h50m',
      COUNT: '27',
      NAME: 'crashloop.17c0a1',
    });
    expect(tone(event, e, 'TYPE')).toBe('warn');
  });
  it('falls back to eventTime and counts a singleton as 1 (new events API)', () => {
    const e = byName(events, 'crashloop.17c0a0');
    expect(row(event, e)).toMatchObject({ 'LAST SEEN': '5h', 'FIRST SEEN': '5h', COUNT: '1', SOURCE: 'default-scheduler' });
    expect(tone(event, e, 'TYPE')).toBeUndefined();
  });
});

describe('resource quotas (printResourceQuota)', () => {
  it('lists requests and limits as used/hard, sorted', () => {
    expect(headers(resourceQuota)).toEqual(['NAME', 'REQUEST', 'LIMIT', 'AGE']);
    expect(row(resourceQuota, quota)).toMatchObject({
      REQUEST: 'pods: 10/10, requests.cpu: 300m/2, requests.memory: 192Mi/4Gi',
      LIMIT: 'limits.cpu: 1500m/4, limits.memory: 384Mi/8Gi',
    });
    expect(tone(resourceQuota, quota, 'REQUEST')).toBe('warn');
  });
});
