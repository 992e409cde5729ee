import { afterEach, describe, expect, it } from 'vitest';
import { COURSE_STATES, COURSE_STUDENTS } from '../../src/scenarios/course.js';
import { makeRig, type Rig } from './harness.js';

let rig: Rig;
afterEach(() => rig?.stop());

const HOUR = 3_600_000;

describe('class scenario', () => {
  it('has thirty labelled student namespaces with quotas, most parked, some running, three broken, one left running', async () => {
    rig = await makeRig({ scenario: 'class' });
    const students = rig.store.list('namespaces').filter((n) => n.metadata.labels?.course === 'net4255').map((n) => n.metadata.name);
    expect(students).toHaveLength(30);
    expect(new Set(students)).toEqual(new Set(COURSE_STUDENTS));
    for (const ns of COURSE_STUDENTS) expect(rig.store.get('resourcequotas', ns, 'compute-quota'), ns).toBeTruthy();
    const running = (ns: string) => rig.pods(ns, (p) => p.status?.phase === 'Running').length;

    const parked = COURSE_STUDENTS.filter((ns) => !COURSE_STATES[ns]);
    expect(parked.length).toBeGreaterThanOrEqual(20);
    for (const ns of parked) {
      expect(rig.pods(ns), ns).toHaveLength(0);
      const web = rig.store.get('deployments.apps', ns, 'webnodb')!;
      expect(web.spec.replicas).toBe(0);
      expect(web.metadata.annotations).toMatchObject({ 'kdash.dev/down-replicas': '2' });
      const since = rig.clock.now() - Date.parse(web.metadata.annotations!['kdash.dev/down-at']);
      expect(since).toBeGreaterThan(12 * HOUR);
    }
    expect(running('vgauthier')).toBe(3);
    // Left running since yesterday afternoon: its pods started ~19 hours ago.
    const left = rig.pods('tariq');
    expect(left).toHaveLength(3);
    for (const p of left) expect(rig.clock.now() - Date.parse(p.status.containerStatuses[0].state.running.startedAt)).toBeGreaterThan(18 * HOUR);

    expect(rig.pods('bob', (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff')).toHaveLength(1);
    const crash = rig.pods('malik', (p) => p.metadata.labels?.app === 'worker')[0];
    expect(crash.status.containerStatuses[0]).toMatchObject({ state: { waiting: { reason: 'CrashLoopBackOff' } } });

    // Beyond the quota: the controllers create what the quota allows and report the rest.
    await rig.until('rania webnodb ReplicaFailure', () =>
      (rig.store.get('deployments.apps', 'rania', 'webnodb')?.status?.conditions ?? []).some((c: any) => c.type === 'ReplicaFailure' && c.status === 'True'),
    );
    const web = rig.store.get('deployments.apps', 'rania', 'webnodb')!;
    expect(web.status.conditions.find((c: any) => c.type === 'ReplicaFailure').message).toMatch(/exceeded quota: compute-quota/);
    expect(rig.pods('rania', (p) => p.metadata.labels?.app === 'webnodb').length).toBeLessThan(12);
  });
});
