import { describe, expect, it } from 'vitest';
import { describeObject } from '../../src/resources/describe.js';
import { findKind } from '../../src/resources/registry.js';
import { NOW, byName, load } from './helpers.js';

const pods = load('pods.json');
const events = load('events.json');
const deployments = load('deployments.json');
const rss = load('replicasets.json');
const kind = (n: string) => findKind(n)!;

describe('describe a pod (describe.go describePod)', () => {
  const text = describeObject(kind('po'), byName(pods, 'crashloop'), { events }, NOW);
  const lines = text.split('\n');

  it('aligns the header block like kubectl', () => {
    expect(lines[0]).toBe('Name:             crashloop');
    expect(lines).toContain('Namespace:        classroom');
    expect(lines).toContain('Service Account:  default');
    expect(lines).toContain('Node:             worker-1/10.0.0.11');
    expect(lines).toContain('Start Time:       Wed, 01 May 2024 07:00:00 +0000');
    expect(lines).toContain('Labels:           app=webnodb');
    expect(lines).toContain('                  pod-template-hash=7c9f8d6b5');
    expect(lines).toContain('Annotations:      <none>');
    expect(lines).toContain('Status:           Running');
    expect(lines).toContain('Controlled By:  ReplicaSet/webnodb-7c9f8d6b5');
  });

  it('shows the container state, last state, restarts, requests and limits', () => {
    expect(text).toMatch(/\n {2}web:\n/);
    expect(text).toMatch(/\n {4}Image: +nginx:1\.25\n/);
    expect(text).toMatch(/\n {4}Port: +80\/TCP\n/);
    expect(text).toMatch(/\n {4}State: +Waiting\n {6}Reason: +CrashLoopBackOff\n/);
    expect(text).toMatch(/\n {4}Last State: +Terminated\n {6}Reason: +Error\n {6}Exit Code: +1\n/);
    expect(text).toMatch(/\n {4}Ready: +False\n {4}Restart Count: +5\n/);
    expect(text).toMatch(/\n {4}Limits:\n {6}cpu: +500m\n {6}memory: +128Mi\n {4}Requests:\n {6}cpu: +100m\n {6}memory: +64Mi\n/);
  });

  it('has the Conditions table and the pod\'s events only, oldest first', () => {
    // kubectl writes "%v \t%v \n": the Type cell carries a trailing space, hence three spaces.
    expect(text).toContain('Conditions:\n  Type                        Status\n  PodReadyToStartContainers   True \n  Initialized                 True \n');
    expect(text).toContain('QoS Class:                    Burstable');
    expect(text).toContain('Tolerations:                  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s');
    const ev = text.slice(text.indexOf('Events:'));
    expect(ev.split('\n')).toEqual([
      'Events:',
      '  Type     Reason     Age                   From               Message',
      '  ----     ------     ----                  ----               -------',
      '  Normal   Scheduled  5h                    default-scheduler  Successfully assigned classroom/crashloop to worker-1',
      '  Warning  BackOff    40s (x27 over 4h50m)  kubelet            Back-off restarting failed container web in pod crashloop_classroom(uid-crashloop)',
      '',
    ]);
  });

  it('says Events: <none> when there are none and describes a terminating pod', () => {
    const t = describeObject(kind('po'), byName(pods, 'terminating'), { events }, NOW);
    expect(t).toMatch(/\nEvents:\s+<none>\n$/);
    expect(t).toMatch(/\nStatus: +Terminating \(lasts <invalid>\)\n/);
    expect(t).toMatch(/\nTermination Grace Period: +30s\n/);
  });
});

describe('describe a deployment (DeploymentDescriber)', () => {
  const text = describeObject(kind('deploy'), byName(deployments, 'webnodb'), { events, replicaSets: rss }, NOW);

  it('shows replicas, strategy, template, replica sets and events', () => {
    expect(text).toContain('Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable');
    expect(text).toContain('StrategyType:           RollingUpdate');
    expect(text).toContain('RollingUpdateStrategy:  25% max unavailable, 25% max surge');
    expect(text).toContain('Selector:               app=webnodb');
    expect(text).toContain('Pod Template:\n  Labels:  app=webnodb\n  Containers:\n   web:\n');
    expect(text).toMatch(/\n {4}Image: +nginx:1\.25\n/);
    expect(text).toContain('Conditions:\n  Type           Status  Reason\n  ----           ------  ------\n  Available      True    MinimumReplicasAvailable\n');
    expect(text).toMatch(/\nOldReplicaSets: +webnodb-5d4b8c7f9 \(0\/0 replicas created\)\n/);
    expect(text).toMatch(/\nNewReplicaSet: +webnodb-7c9f8d6b5 \(3\/3 replicas created\)\n/);
    expect(text).toMatch(/\n {2}Normal {2}ScalingReplicaSet {2}60m {3}deployment-controller {2}Scaled up replica set webnodb-7c9f8d6b5 to 3\n/);
    expect(text).not.toContain('BackOff');
  });
});

describe('describe other kinds', () => {
  it('describes a node with its conditions, capacity and pods', () => {
    const n = byName(load('nodes.json'), 'worker-1');
    const t = describeObject(kind('no'), n, { events: [], pods }, NOW);
    expect(t).toMatch(/^Name: +worker-1\nRoles: +<none>\n/);
    expect(t).toMatch(/\nAllocatable:\n {2}cpu: +3800m\n {2}ephemeral-storage: +93478772582\n {2}memory: +15Gi\n/);
    expect(t).toMatch(/\nNon-terminated Pods: +\(9 in total\)\n/);
    expect(t).toMatch(/\n {2}classroom +multi +200m \(5%\) +1 \(26%\) +128Mi \(0%\) +256Mi \(1%\) +12m\n/);
    expect(t).toMatch(/\n {2}cpu +1 \(26%\) +5 \(131%\)\n {2}memory +640Mi \(4%\) +1280Mi \(8%\)\n/);
  });

  it('describes a service with endpoints of ready selected pods', () => {
    const svc = byName(load('services.json'), 'web');
    const t = describeObject(kind('svc'), svc, { events: [], pods }, NOW);
    expect(t).toMatch(/\nType: +ClusterIP\n/);
    expect(t).toMatch(/\nPort: +http {2}5000\/TCP\n/);
    expect(t).toMatch(/\nTargetPort: +80\/TCP\n/);
    expect(t).toMatch(/\nEndpoints: +10\.244\.1\.7:80,10\.244\.1\.7:80\n/);
  });

  it('describes a config map with its data', () => {
    const [cm] = load('configmaps-quotas.json');
    const t = describeObject(kind('cm'), cm, { events: [] }, NOW);
    // Each value is followed by a blank line, and the value keeps its own trailing newline.
    expect(t).toContain('\nData\n====\nMODE:\n----\nprod\n\nnginx.conf:\n----\nserver {\n  listen 80;\n}\n\n\n\nBinaryData');
    expect(t).toContain('BinaryData\n====\nlogo.png: 8 bytes\n');
  });

  it('describes a quota as a used/hard table', () => {
    const [, quota] = load('configmaps-quotas.json');
    expect(describeObject(kind('quota'), quota, { events: [] }, NOW).split('\n')).toEqual([
      'Name:            compute',
      'Namespace:       classroom',
      'Resource         Used   Hard',
      '--------         ----   ----',
      'limits.cpu       1500m  4',
      'limits.memory    384Mi  8Gi',
      'pods             10     10',
      'requests.cpu     300m   2',
      'requests.memory  192Mi  4Gi',
      '',
    ]);
  });

  it('describes an event as kubectl does (its generic describer): every field, sorted, under smart labels', () => {
    const e = load('events.json')[0];
    const t = describeObject(kind('ev'), e, { events: [] }, NOW);
    expect(t).toMatch(/^Name: +crashloop\.17c0a1\nNamespace: +classroom\n/);
    expect(t).toMatch(/\nAPI Version: +v1\nCount: +27\n/);
    expect(t).toMatch(/\nInvolved Object:\n {2}Field Path: +spec\.containers\{web\}\n {2}Kind: +Pod\n/);
    expect(t).toMatch(/\nReason: +BackOff\n/);
    expect(t).toMatch(/\nEvents: +<none>\n$/);
  });

  it('strips control sequences from cluster text', () => {
    const p = JSON.parse(JSON.stringify(byName(pods, 'running-ready')));
    p.metadata.labels.evil = 'x\u001b]0;owned\u0007';
    expect(describeObject(kind('po'), p, { events: [] }, NOW)).not.toMatch(/[\u001b\u0007]/);
  });
});
