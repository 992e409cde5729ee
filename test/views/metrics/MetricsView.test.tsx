import React from 'react';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import { MetricsHistory } from '../../../src/metrics/history.js';
import { InputRoot } from '../../../src/views/input.js';
import { MetricsView, type MetricsTarget } from '../../../src/views/metrics/MetricsView.js';
import { chartLines, cleanSeries, downsample } from '../../../src/views/metrics/chart.js';
import { renderApp, type Rendered } from '../../support/render.js';

const Mi = 1024 ** 2;
const workload = (ns: string, name: string) => (_ns: string, pod: string) => (pod.startsWith(`${name}-`) ? name : undefined);

/** A history of `n` samples for 3 webnodb pods (one joining late) and one node. */
function sampleHistory(n: number): MetricsHistory {
  const h = new MetricsHistory({ capacity: Math.max(60, n), workloadOf: workload('vgauthier', 'webnodb') });
  for (let i = 0; i < n; i++) {
    const pods = new Map([
      ['vgauthier/webnodb-a', { cpuMilli: 10 + (i % 7) * 3, memBytes: (40 + i) * Mi }],
      ['vgauthier/webnodb-b', { cpuMilli: 20 + Math.sin(i) * 5, memBytes: 45 * Mi }],
    ]);
    if (i > n / 2) pods.set('vgauthier/webnodb-c', { cpuMilli: 5, memBytes: 30 * Mi });
    h.record({ t: 1000 * i, pods, nodes: new Map([['node-1', { cpuMilli: 900 + i, memBytes: 3 * 1024 * Mi }]]) });
  }
  return h;
}

let app: Rendered | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

function show(target: MetricsTarget, history: MetricsHistory, width: number, height: number, onBack = () => {}) {
  const tree = (w: number, h: number) => (
    <InputRoot>
      <MetricsView target={target} history={history} width={w} height={h} onBack={onBack} />
    </InputRoot>
  );
  app = renderApp(tree(width, height), { columns: width, rows: height + 1 });
  return { app, tree };
}

function expectFits(frame: string, width: number, height: number) {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThanOrEqual(height);
  for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(width);
}

describe('MetricsView', () => {
  it.each([
    [80, 24],
    [200, 50],
  ])('fits a workload chart with its legend in %i columns × %i rows', async (width, height) => {
    const { app } = show({ kind: 'workload', namespace: 'vgauthier', name: 'webnodb' }, sampleHistory(400), width, height);
    const frame = await app.waitFor('Memory');
    expect(frame).toContain('Metrics: workload vgauthier/webnodb');
    expect(frame).toMatch(/━ webnodb-a\s+━ webnodb-b\s+━ webnodb-c/);
    expect(frame).toMatch(/\d+m[┤┼]/); // CPU axis in millicores
    expect(frame).toMatch(/\d+Mi[┤┼]/); // memory axis in Mi
    expectFits(frame, width, height);
    // 400 samples are downsampled to the width: the chart uses most of the row and no more.
    const longest = Math.max(...frame.split('\n').map((l) => stringWidth(l)));
    expect(longest).toBeGreaterThan(width - 10);
  });

  it('redraws to a new width and height on resize, and grows as samples arrive', async () => {
    const history = sampleHistory(3);
    const target: MetricsTarget = { kind: 'pod', namespace: 'vgauthier', name: 'webnodb-a' };
    const { app, tree } = show(target, history, 80, 24);
    await app.waitFor('3 samples');
    const cpuRow = (f: string) => f.split('\n').find((l) => /[╭╮╰╯─]/.test(l)) ?? '';
    app.resize(200, 50);
    app.rerender(tree(200, 50));
    history.record({ t: 99_000, pods: new Map([['vgauthier/webnodb-a', { cpuMilli: 300, memBytes: 90 * Mi }]]) });
    const f = await app.waitFor('4 samples');
    expect(f).toContain('now CPU 300m  MEM 90Mi');
    expectFits(f, 200, 50);
    expect(f.split('\n').length).toBeGreaterThan(24);
    app.resize(80, 24);
    app.rerender(tree(80, 12));
    const small = await app.waitForFrame((fr) => fr.split('\n').length <= 12, 'a 12-row frame');
    expectFits(small, 80, 12);
    expect(cpuRow(small)).not.toBe('');
  });

  it('says it is waiting when there is no sample yet, and shows a note when metrics are absent', async () => {
    const { app, tree } = show({ kind: 'node', name: 'node-1' }, new MetricsHistory(), 80, 24);
    await app.waitFor('waiting for the first metrics sample');
    app.rerender(
      <InputRoot>
        <MetricsView target={{ kind: 'namespace', name: 'vgauthier' }} history={new MetricsHistory()} width={80} height={24} onBack={() => {}} note="the metrics API is not available on this cluster" />
      </InputRoot>,
    );
    await app.waitFor('the metrics API is not available on this cluster');
    app.rerender(tree(80, 24));
    const h = new MetricsHistory();
    h.record({ t: 1, pods: new Map([['vgauthier/other', { cpuMilli: 1, memBytes: 1 }]]) });
    app.rerender(
      <InputRoot>
        <MetricsView target={{ kind: 'workload', namespace: 'vgauthier', name: 'idle' }} history={h} width={80} height={24} onBack={() => {}} />
      </InputRoot>,
    );
    await app.waitFor('no usage reported for this workload yet');
  });

  it('draws a node and a namespace, and goes back on esc', async () => {
    let back = 0;
    const history = sampleHistory(10);
    const { app } = show({ kind: 'node', name: 'node-1' }, history, 80, 20, () => back++);
    const f = await app.waitFor('Metrics: node node-1');
    expect(f).toMatch(/\d+m[┤┼]/);
    expectFits(f, 80, 20);
    await app.press('esc');
    await app.waitForFrame(() => back === 1, 'onBack');
  });

  it('stays calm on a terminal too small for charts', async () => {
    const { app } = show({ kind: 'node', name: 'node-1' }, sampleHistory(5), 80, 5);
    const f = await app.waitFor('too small');
    expectFits(f, 80, 5);
  });
});

describe('chart lines', () => {
  const sizes = [
    [80, 10],
    [200, 20],
    [20, 3],
  ] as const;
  const cases: Array<[string, number[][]]> = [
    ['empty', [[]]],
    ['single sample', [[42]]],
    ['all zero', [[0, 0, 0, 0]]],
    ['NaN inside', [[1, NaN, 3, Infinity, 5]]],
    ['only NaN', [[NaN, NaN]]],
    ['long', [Array.from({ length: 1000 }, (_, i) => (i * 7919) % 503)]],
    ['several', [[1, 2, 3], [3, 2, 1], [0, 0, 0]]],
  ];
  for (const [name, series] of cases) {
    it(`never crashes and fits its box: ${name}`, () => {
      for (const [width, height] of sizes) {
        for (const unit of ['cpu', 'memory'] as const) {
          const lines = chartLines(series, { width, height, unit, color: false });
          expect(lines.length).toBeLessThanOrEqual(height);
          for (const l of lines) {
            expect(stringWidth(l)).toBeLessThanOrEqual(width);
            expect(l).not.toMatch(/NaN|Infinity|undefined/);
          }
          if (name !== 'empty') expect(lines.length).toBeGreaterThan(0);
        }
      }
    });
  }

  it('returns nothing where there is no room', () => {
    expect(chartLines([[1, 2]], { width: 80, height: 1, unit: 'cpu' })).toEqual([]);
    expect(chartLines([[1, 2]], { width: 4, height: 10, unit: 'cpu' })).toEqual([]);
  });

  it('downsamples by bucket means and repairs non-finite samples', () => {
    expect(downsample([1, 3, 5, 7], 2)).toEqual([2, 6]);
    expect(downsample([1, 2], 5)).toEqual([1, 2]);
    expect(downsample(Array.from({ length: 1000 }, () => 1), 37)).toHaveLength(37);
    expect(cleanSeries([NaN, 2, NaN, 4])).toEqual([2, 2, 2, 4]);
    expect(cleanSeries([NaN])).toEqual([0]);
  });
});
