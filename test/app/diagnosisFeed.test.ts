// The dashboard's diagnosis is read again on a schedule: at the screen's pace while someone looks at
// it, and for the tables' row markers no more often than their share of a core allows.
import { describe, expect, it } from 'vitest';
import { createDiagnosisFeed, DIAGNOSIS_INTERVAL_MS, MARKER_CPU_SHARE, MARKER_INTERVAL_MS, nextDiagnosisDelay } from '../../src/app/diagnosisFeed.js';
import type { Session } from '../../src/kube/session.js';
import type { Runtime } from '../../src/app/runtime.js';
import { createClusterStore, dispatchChanges } from '../../src/store/index.js';
import type { KObj } from '../../src/resources/types.js';
import { until } from '../support/until.js';

const intervals = { screen: DIAGNOSIS_INTERVAL_MS, markers: MARKER_INTERVAL_MS };

describe('nextDiagnosisDelay', () => {
  it('keeps the screen at its pace however long a diagnosis took', () => {
    expect(nextDiagnosisDelay(true, 2000, intervals)).toBe(DIAGNOSIS_INTERVAL_MS);
  });

  it('reads the markers every interval when a diagnosis is cheap (a small namespace)', () => {
    expect(nextDiagnosisDelay(false, 5, intervals)).toBe(MARKER_INTERVAL_MS);
  });

  it('spaces the markers out when a diagnosis is costly (10k pods), so they stay within their share of a core', () => {
    const delay = nextDiagnosisDelay(false, 600, intervals);
    expect(delay).toBeGreaterThan(MARKER_INTERVAL_MS);
    expect(600 / delay).toBeLessThanOrEqual(MARKER_CPU_SHARE);
  });
});

describe('the row markers and the store', () => {
  const NS = 'team';
  const pod = (name: string): KObj => ({ metadata: { name, namespace: NS, uid: `uid-${name}`, resourceVersion: '1' }, spec: { containers: [{ name: 'c', image: 'x' }] }, status: { phase: 'Running' } });

  /** A session whose object client records what was listed (and lists nothing). */
  function fakes() {
    const listed: string[] = [];
    const session = {
      api: { objects: { list: async (r: { group: string; plural: string }) => (listed.push(`${r.group}/${r.plural}`), []) } },
      permissions: { can: () => ({ allowed: true }) },
    } as unknown as Session;
    const store = createClusterStore();
    const rt = { store, metrics: { history: { has: () => false } } } as unknown as Runtime;
    return { listed, session, store, rt };
  }

  it('waits for the pods the dashboard is still listing instead of listing them again, then read them from the store', async () => {
    const { listed, session, store, rt } = fakes();
    const key = `pods@${NS}`;
    dispatchChanges(store, [{ type: 'phase', key, phase: { phase: 'syncing', loaded: 1 } }, { type: 'upsert', key, objects: [pod('a')] }]);
    const feed = createDiagnosisFeed(session, rt, { screen: 50, markers: 50, waitLive: 20 });
    const stop = feed.watch(NS, 'markers');
    try {
      // A run starts its lists as it begins: none started while the pods are being listed.
      expect(listed).toEqual([]);
      dispatchChanges(store, [{ type: 'phase', key, phase: { phase: 'live', since: Date.now() } }]);
      await until(() => feed.get(NS, 'markers')?.diagnosis, 'a diagnosis once the pods are live');
      expect(listed).not.toContain('/pods');
      expect(listed).toContain('/events');
    } finally {
      stop();
    }
  });

  it('leaves the findings that only inform out of the markers, and a screen opened then reads them all', async () => {
    const { session, store, rt } = fakes();
    const key = `pods@${NS}`;
    // A pod nothing controls: an info finding (bare-pod), which no row marker shows.
    dispatchChanges(store, [{ type: 'upsert', key, objects: [pod('lone')] }, { type: 'phase', key, phase: { phase: 'live', since: Date.now() } }]);
    const feed = createDiagnosisFeed(session, rt, { screen: 50, markers: 60_000, waitLive: 20 });
    const stopMarkers = feed.watch(NS, 'markers');
    let stopScreen = () => {};
    try {
      const markers = await until(() => feed.get(NS, 'markers')?.diagnosis, 'the markers\' diagnosis');
      expect(markers.findings).toEqual([]);
      // The screen never shows the markers' partial reading as the namespace's diagnosis.
      expect(feed.get(NS, 'screen')?.diagnosis).toBeUndefined();
      stopScreen = feed.watch(NS, 'screen');
      const full = await until(() => feed.get(NS, 'screen')?.diagnosis, 'the screen\'s diagnosis');
      expect(full.findings.map((f) => `${f.rule} ${f.object.name}`)).toEqual(['bare-pod lone']);
    } finally {
      stopScreen();
      stopMarkers();
    }
  });

  it('reads at once for a diagnosis screen, even while the store is still listing', async () => {
    const { listed, session, store, rt } = fakes();
    dispatchChanges(store, [{ type: 'phase', key: `pods@${NS}`, phase: { phase: 'syncing' } }]);
    const feed = createDiagnosisFeed(session, rt, { screen: 50, markers: 50, waitLive: 20 });
    const stop = feed.watch(NS, 'screen');
    try {
      await until(() => feed.get(NS)?.diagnosis, 'a diagnosis');
      expect(listed).toContain('/pods');
    } finally {
      stop();
    }
  });
});
