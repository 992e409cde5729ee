// The teacher's class view in the dashboard, on the sim's class scenario: the rows say what the
// cluster holds per namespace, D on marked rows shuts those namespaces down as kdash down does (and
// kdash up brings each back), and a student's account gets one line instead of the view.
import { afterEach, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../support/rig.js';
import { runUp } from '../../src/actions/downCommand.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const rowOf = (frame: string, ns: string) => frame.split('\n').find((l) => new RegExp(`^[ >][ *]${ns}\\s`).test(l)) ?? '';

describe(':class on the class scenario (as the teacher)', () => {
  it('one row per student namespace whose pod counts match the cluster, the one left running marked', async () => {
    rig = await startRig({ sim: { scenario: 'class' }, user: 'admin', namespace: 'default', view: 'class', columns: 160, rows: 45 });
    const frame = await rig.waitForFrame((f) => /class\(cluster\)\[30\]/.test(f) && rowOf(f, 'tariq').includes('STILL RUNNING'), 'the class with tariq left running');
    const pods = await rig.session.api.objects.list({ group: '', version: 'v1', plural: 'pods', namespaced: true }, undefined);
    for (const ns of ['vgauthier', 'alice', 'malik', 'rania', 'tariq']) {
      const mine = pods.filter((p: any) => p.metadata.namespace === ns && !['Succeeded', 'Failed'].includes(p.status?.phase));
      const running = mine.filter((p: any) => p.status?.phase === 'Running').length;
      expect(rowOf(frame, ns), ns).toMatch(new RegExp(`^[ >][ *]${ns}\\s+${running}/${mine.length}\\s`));
    }
    expect(rowOf(frame, 'alice')).toMatch(/parked 1[34]h/);
    expect(rowOf(frame, 'malik')).toMatch(/\b7 \(\d+s ago\)/);
    expect(rowOf(frame, 'rania')).toMatch(/(2\/2|1\.\d\/2)\s+▇▇▇▇▇/);
    // Sorted by last activity (A): the quietest first when descending.
    await rig.press('A');
    await rig.press('A');
    const sorted = await rig.waitForFrame((f) => /LAST ACTIVITY[↓↑]/.test(f), 'sorted by last activity');
    const firstRow = sorted.split('\n').find((l) => /^[ >][ *][a-z]/.test(l))!;
    expect(firstRow, sorted).toMatch(/^[ >][ *]tariq\s/);
  });

  it('Enter opens the namespace’s pods; Esc comes back to the class on the same row', async () => {
    rig = await startRig({ sim: { scenario: 'class' }, user: 'admin', namespace: 'default', view: 'class', columns: 160, rows: 45 });
    await rig.waitForRow(/^[ >][ *]wei\s/);
    await rig.select(/^\s*wei\s/);
    await rig.press('enter');
    await rig.waitFor('pods(wei)');
    await rig.waitForRow(/webnodb-/);
    await rig.press('esc');
    const back = await rig.waitFor('class(cluster)');
    expect(back.split('\n').find((l) => l.startsWith('>'))).toMatch(/^>\s*wei\s/);
  });

  it('D on two marked rows shows both plans, parks both on y, and kdash up restores each', async () => {
    rig = await startRig({ sim: { scenario: 'class' }, user: 'admin', namespace: 'default', view: 'class', columns: 160, rows: 45 });
    const replicas = (ns: string) => rig!.sim.store.get('deployments.apps', ns, 'webnodb')?.spec.replicas;
    expect([replicas('chen'), replicas('hana')]).toEqual([2, 2]);
    await rig.select(/^\s*chen\s/);
    await rig.press('space');
    await rig.select(/^\s*hana\s/);
    await rig.press('space');
    await rig.waitFor('marked:2');
    rig.sim.requests.reset();
    await rig.press('D');
    await rig.waitFor(/y shut down/);
    const plan = rig.frame();
    expect(plan).toContain('namespace chen:');
    expect(plan).toContain('namespace hana:');
    expect(plan).toMatch(/scale deployment\.apps\/webnodb 2 → 0/);
    expect(rig.sim.requests.mutating(), 'nothing sent before y').toEqual([]);
    await rig.press('y');
    const done = await rig.waitFor(/down 2 namespaces: 2 done/, 90_000);
    expect(done).toMatch(/✓ down chen: /);
    expect([replicas('chen'), replicas('hana')]).toEqual([0, 0]);
    expect(replicas('wei'), 'an unmarked namespace is untouched').toBe(2);
    for (const ns of ['chen', 'hana']) {
      const d = rig.sim.store.get('deployments.apps', ns, 'webnodb')!;
      expect(d.metadata.annotations).toMatchObject({ 'kdash.dev/down-replicas': '2' });
      expect(Date.parse(d.metadata.annotations!['kdash.dev/down-at'])).toBeGreaterThan(Date.now() - 120_000);
    }
    const out: string[] = [];
    const io = { out: { write: (s: string) => out.push(s) } as unknown as NodeJS.WritableStream };
    for (const ns of ['chen', 'hana']) expect(await runUp(rig.session.api, { namespace: ns, yes: true }, io)).toBe(0);
    expect([replicas('chen'), replicas('hana')]).toEqual([2, 2]);
    expect(rig.sim.store.get('deployments.apps', 'chen', 'webnodb')!.metadata.annotations?.['kdash.dev/down-at']).toBeUndefined();
  });
});

describe(':class as a student', () => {
  it('says in one line what the view needs, and stays where it was', async () => {
    rig = await startRig({ sim: { scenario: 'class' }, columns: 160, rows: 40 });
    await rig.waitForRow(/webnodb-/);
    await rig.press(':');
    await rig.type('class');
    await rig.press('enter');
    const f = await rig.waitFor(/:class needs a teacher's account \(list namespaces and pods everywhere\): you cannot list namespaces/);
    expect(f).toContain('pods(vgauthier)');
  });
});
