// The header laid out at the widths people use: every line exactly as wide as the terminal, the quota
// always there, counters whole or summed up, nothing cut without "…", and what gives way in order.
import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { headerLine1, headerLine2, spansWidth, type HeaderFacts, type Span } from '../../src/views/headerLayout.js';
import { quotaSegments } from '../../src/views/metrics/QuotaBar.js';
import type { KObj } from '../../src/resources/types.js';
import { tooSmallText } from '../../src/views/App.js';

const quota: KObj = {
  metadata: { name: 'compute-quota', namespace: 'vgauthier', uid: 'q' },
  status: {
    hard: { 'requests.cpu': '2', 'requests.memory': '2Gi', 'limits.cpu': '4', 'limits.memory': '4Gi', pods: '20' },
    used: { 'requests.cpu': '550m', 'requests.memory': '700Mi', 'limits.cpu': '1400m', 'limits.memory': '1400Mi', pods: '6' },
  },
};
const quotaFit = (w: number): Span[] => quotaSegments([quota], w).map((q, i) => ({ text: (i ? '  ' : '') + q.text }));

// Several kinds watched: the case where the counters ran into the quota ("replicasets/cpu").
const facts: HeaderFacts = {
  context: 'sim-student',
  server: 'http://127.0.0.1:41541',
  user: 'vgauthier',
  namespace: 'vgauthier',
  readonly: false,
  health: { text: '● live', color: 'green' },
  counters: ['pods 7', 'resourcequotas 1', 'replicasets 5', 'deployments 4', 'events 51', 'statefulsets 1', 'services 3', 'configmaps 2'],
};
const text = (spans: Span[]) => spans.map((s) => s.text).join('');

describe('header layout', () => {
  for (const width of [80, 100, 120, 160, 200, 260]) {
    it(`at ${width} columns: both lines exactly fill the width, the quota shows, counters are whole`, () => {
      const l1 = headerLine1(facts, width);
      const l2 = headerLine2(facts, width, quotaFit);
      expect(spansWidth(l1)).toBe(width);
      expect(spansWidth(l2)).toBe(width);
      const line2 = text(l2);
      expect(line2).toMatch(/cpu 0\.55\/2/);
      // The counters' part never touches the quota: at least two spaces between them.
      const quotaAt = line2.indexOf('cpu 0.55/2');
      expect(line2.slice(0, quotaAt)).toMatch(/(^|\s{2})$/);
      // Every counter word on the line is a whole counter (or the "+N" summary).
      const left = line2.slice(0, quotaAt).trim();
      for (const part of left ? left.split(/ {2}/) : []) expect([...facts.counters, ...['+1', '+2', '+3', '+4', '+5', '+6', '+7', '+8']]).toContain(part);
      expect(text(l1)).toMatch(/ns vgauthier/);
      expect(text(l1)).toMatch(/● live$/);
      expect(text(l1)).toMatch(/^(kdash │ )?sim-student │/);
    });
  }

  it('gives way in order: server, then user; the context is cut with … only when nothing else is left', () => {
    const at = (w: number) => text(headerLine1(facts, w));
    expect(at(200)).toContain('http://127.0.0.1:41541');
    expect(at(200)).toContain('user vgauthier');
    expect(at(80)).not.toContain('http://');
    expect(at(80)).toContain('user vgauthier');
    expect(at(50)).not.toContain('user');
    expect(at(50)).toContain('sim-student');
    const long = text(headerLine1({ ...facts, context: 'gke_my-project-123456_europe-west1_course-cluster' }, 60));
    expect(long).toMatch(/^gke_my-project-\S*… │ ns vgauthier/);
    expect(stringWidth(long)).toBe(60);
  });

  it('keeps READ-ONLY in line 1 at 80 columns', () => {
    expect(text(headerLine1({ ...facts, readonly: true }, 80))).toMatch(/ns vgauthier │ READ-ONLY\s+● live/);
  });

  it('says why data is not live before the counters, cut with … when it is long', () => {
    const why = 'Get "https://10.0.0.1/api/v1/pods": dial tcp 10.0.0.1:443: connect: connection refused';
    const line = text(headerLine2({ ...facts, why }, 100, quotaFit));
    expect(line).toMatch(/^Get "https:\/\/10\.0\.0\.1\/api\S*…/);
    expect(line).toContain('cpu 0.55/2');
  });
});

describe('terminal too small', () => {
  it('says the minimum size in what fits, never cut', () => {
    for (const cols of [79, 60, 40, 30, 20, 12, 6]) {
      const t = tooSmallText(cols, 10);
      expect(stringWidth(t), t).toBeLessThanOrEqual(cols);
      expect(t).toContain('80×24');
    }
    expect(tooSmallText(79, 20)).toBe('terminal too small: 79×20, kdash needs at least 80×24');
  });
});
