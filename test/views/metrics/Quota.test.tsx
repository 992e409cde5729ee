import React from 'react';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import type { KObj } from '../../../src/resources/types.js';
import { InputRoot } from '../../../src/views/input.js';
import { QuotaBar, quotaSegments } from '../../../src/views/metrics/QuotaBar.js';
import { bar } from '../../../src/metrics/quota.js';
import { QuotaView } from '../../../src/views/metrics/QuotaView.js';
import { renderApp, type Rendered } from '../../support/render.js';

function quota(name: string, hard: Record<string, string>, used: Record<string, string>, namespace = 'vgauthier'): KObj {
  return { metadata: { name, namespace, uid: `${namespace}/${name}` }, spec: { hard }, status: { hard, used } };
}

const classroom = quota(
  'compute-quota',
  { 'requests.cpu': '2', 'requests.memory': '2Gi', 'limits.cpu': '4', 'limits.memory': '4Gi', pods: '20' },
  { 'requests.cpu': '1200m', 'requests.memory': '1152Mi', 'limits.cpu': '2400m', 'limits.memory': '2304Mi', pods: '7' },
);

let app: Rendered | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

describe('QuotaBar', () => {
  it('shows used/hard with bars for the five header resources', async () => {
    app = renderApp(<QuotaBar quotas={[classroom]} width={120} />, { columns: 120, rows: 5 });
    const f = await app.waitFor('pods');
    expect(f.trim()).toBe('cpu 1.2/2 ▇▇▇▇▁▁  mem 1.1/2Gi ▇▇▇▁▁▁  lim.cpu 2.4/4 ▇▇▇▇▁▁  lim.mem 2.3/4Gi ▇▇▇▁▁▁  pods 7/20 ▇▇▁▁▁▁');
  });

  it.each([
    ['1580m', 'ok'], // 79 %
    ['1600m', 'warn'], // 80 %
    ['1990m', 'warn'],
    ['2', 'error'], // 100 %
    ['2500m', 'error'],
  ])('colours requests.cpu used %s of 2 as %s', (used, tone) => {
    const segs = quotaSegments([quota('q', { 'requests.cpu': '2' }, { 'requests.cpu': used })], 80);
    expect(segs).toEqual([expect.objectContaining({ resource: 'requests.cpu', tone })]);
  });

  it('colours pods at 79 %, 80 % and 100 % of 100', () => {
    const tones = ['79', '80', '100'].map((used) => quotaSegments([quota('q', { pods: '100' }, { pods: used })], 80)[0].tone);
    expect(tones).toEqual(['ok', 'warn', 'error']);
  });

  it('fits narrower widths by dropping bars, then the limits, then pods and memory', () => {
    for (const width of [100, 80, 60, 45, 30, 12, 9]) {
      const segs = quotaSegments([classroom], width);
      expect(stringWidth(segs.map((s) => s.text).join('  '))).toBeLessThanOrEqual(width);
      expect(segs[0]?.text).toMatch(/^cpu 1\.2\/2/);
    }
    expect(quotaSegments([classroom], 45).map((s) => s.resource)).toEqual(['requests.cpu', 'requests.memory', 'pods']);
    expect(quotaSegments([classroom], 5)).toEqual([]);
  });

  it('draws bars in proportion, full at and beyond the hard limit', () => {
    expect(bar(0)).toBe('▁▁▁▁▁▁');
    expect(bar(0.5)).toBe('▇▇▇▁▁▁');
    expect(bar(1)).toBe('▇▇▇▇▇▇');
    expect(bar(3)).toBe('▇▇▇▇▇▇');
    expect(bar(undefined)).toBe('▁▁▁▁▁▁');
  });

  it('renders nothing without quotas', async () => {
    app = renderApp(<QuotaBar quotas={[]} width={80} />, { columns: 80, rows: 5 });
    expect(app.frame().trim()).toBe('');
  });
});

describe('QuotaView', () => {
  it('lists every quota line with NAME, RESOURCE, USED, HARD and %', async () => {
    const extra = quota('object-counts', { 'count/configmaps': '10', services: '5' }, { 'count/configmaps': '2', services: '5' });
    app = renderApp(
      <InputRoot>
        <QuotaView quotas={[extra, classroom]} width={80} height={20} onBack={() => {}} namespace="vgauthier" />
      </InputRoot>,
      { columns: 80, rows: 21 },
    );
    const f = await app.waitFor('NAME');
    const rows = f.split('\n').map((l) => l.trim().split(/\s+/));
    expect(rows[1]).toEqual(['NAME', 'RESOURCE', 'USED', 'HARD', '%']);
    expect(rows.slice(2)).toEqual([
      ['compute-quota', 'requests.cpu', '1200m', '2', '60%'],
      ['compute-quota', 'requests.memory', '1152Mi', '2Gi', '56%'],
      ['compute-quota', 'limits.cpu', '2400m', '4', '60%'],
      ['compute-quota', 'limits.memory', '2304Mi', '4Gi', '56%'],
      ['compute-quota', 'pods', '7', '20', '35%'],
      ['object-counts', 'count/configmaps', '2', '10', '20%'],
      ['object-counts', 'services', '5', '5', '100%'],
    ]);
  });

  it('scrolls with j/k within its height and goes back on esc', async () => {
    let back = 0;
    app = renderApp(
      <InputRoot>
        <QuotaView quotas={[classroom]} width={40} height={4} onBack={() => back++} />
      </InputRoot>,
      { columns: 40, rows: 5 },
    );
    let f = await app.waitFor('requests.cpu');
    expect(f.split('\n').length).toBeLessThanOrEqual(4);
    for (const line of f.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(40);
    await app.press('j');
    f = await app.waitFor('limits.cpu');
    expect(f).not.toContain('requests.cpu');
    await app.press('G');
    await app.waitFor('pods');
    await app.press('esc');
    await app.waitForFrame(() => back === 1, 'onBack');
  });

  it('says calmly when there is no quota', async () => {
    app = renderApp(<QuotaView quotas={[]} width={80} height={10} onBack={() => {}} />, { columns: 80, rows: 11 });
    await app.waitFor('No ResourceQuota in this namespace');
  });
});
