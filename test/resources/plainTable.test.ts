import { describe, expect, it } from 'vitest';
import { noResourcesMessage, renderPlainTable } from '../../src/resources/plainTable.js';
import { pod } from '../../src/resources/pod.js';
import { node } from '../../src/resources/node.js';
import { deployment } from '../../src/resources/deployment.js';
import { tabwrite } from '../../src/resources/tabWriter.js';
import { byName, ctx, load } from './helpers.js';

const pods = load('pods.json');
const nodes = load('nodes.json');

describe('renderPlainTable (kubectl get text output)', () => {
  it('aligns columns with three spaces, header first, sorted by name', () => {
    const out = renderPlainTable(pod, [byName(pods, 'running-ready'), byName(pods, 'crashloop')], ctx);
    expect(out).toBe(
      [
        'NAME            READY   STATUS             RESTARTS     AGE',
        'crashloop       0/1     CrashLoopBackOff   5 (2m ago)   5h',
        'running-ready   1/1     Running            0            3m12s',
        '',
      ].join('\n'),
    );
  });

  it('puts NAMESPACE first with -A and sorts by namespace then name', () => {
    const other = { ...byName(pods, 'running-ready'), metadata: { ...byName(pods, 'running-ready').metadata, namespace: 'apps', uid: 'x' } };
    const out = renderPlainTable(pod, [byName(pods, 'running-ready'), other, byName(pods, 'completed')], ctx, { allNamespaces: true });
    expect(out.split('\n')).toEqual([
      'NAMESPACE   NAME            READY   STATUS      RESTARTS   AGE',
      'apps        running-ready   1/1     Running     0          3m12s',
      'classroom   completed       0/1     Completed   0          9d',
      'classroom   running-ready   1/1     Running     0          3m12s',
      '',
    ]);
  });

  it('adds the wide columns, never a NAMESPACE column for cluster-scoped kinds, and no metric columns', () => {
    const out = renderPlainTable(node, [byName(nodes, 'worker-1')], { ...ctx, nodeMetrics: new Map() }, { wide: true, allNamespaces: true });
    expect(out.split('\n')[0]).toBe(
      'NAME       STATUS   ROLES    AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION   CONTAINER-RUNTIME',
    );
    expect(out.split('\n')[1]).toBe(
      'worker-1   Ready    <none>   40d   v1.30.2   10.0.0.11     <none>        Ubuntu 22.04.4 LTS   6.5.0-1020-gcp   containerd://1.7.13',
    );
  });

  it('omits headers on request and pads to kubectl\'s minimum width of 6', () => {
    const deps = load('deployments.json');
    const out = renderPlainTable(deployment, deps, ctx, { noHeaders: true });
    // UP-TO-DATE/AVAILABLE hold one digit: the tabwriter pads them to 6, not 1 + 3.
    expect(out).toBe('api       1/3   3     1     5m\nwebnodb   3/3   3     3     2d3h\n');
  });

  it('appends the usage columns when asked (metrics available)', () => {
    const withMetrics = { ...ctx, podMetrics: new Map([['classroom/running-ready', { cpuMilli: 50, memBytes: 96 * 1024 * 1024 }]]) };
    const out = renderPlainTable(pod, [byName(pods, 'running-ready'), byName(pods, 'crashloop')], withMetrics, { metrics: true });
    expect(out.split('\n')).toEqual([
      'NAME            READY   STATUS             RESTARTS     AGE     CPU   MEM    %CPU/R   %CPU/L   %MEM/R   %MEM/L',
      'crashloop       0/1     CrashLoopBackOff   5 (2m ago)   5h      n/a   n/a    n/a      n/a      n/a      n/a',
      'running-ready   1/1     Running            0            3m12s   50m   96Mi   50%      10%      150%     75%',
      '',
    ]);
  });

  it('prints nothing for an empty list, and kubectl\'s message', () => {
    expect(renderPlainTable(pod, [], ctx)).toBe('');
    expect(noResourcesMessage(pod, 'classroom')).toBe('No resources found in classroom namespace.');
    expect(noResourcesMessage(pod, 'classroom', true)).toBe('No resources found');
    expect(noResourcesMessage(node, '')).toBe('No resources found');
  });

  it('never lets an object name carry escape sequences to the terminal', () => {
    const evil = { ...byName(pods, 'running-ready'), metadata: { ...byName(pods, 'running-ready').metadata, name: 'x\u001b[2Jy' } };
    expect(renderPlainTable(pod, [evil], ctx)).not.toContain('\u001b');
  });
});

describe('tabwrite (Go text/tabwriter)', () => {
  it('aligns per block of lines that have the cell, like kubectl describe', () => {
    const text = ['Name:\tweb', 'Namespace:\tclassroom', 'IPs:', '  IP:\t10.0.0.1', 'Controlled By:\tReplicaSet/x'].join('\n');
    expect(tabwrite(text, { minWidth: 0, padding: 2 })).toBe(
      ['Name:       web', 'Namespace:  classroom', 'IPs:', '  IP:           10.0.0.1', 'Controlled By:  ReplicaSet/x'].join('\n'),
    );
  });
});
