// Shell, attach and port-forward as a user of the dashboard meets them, against the embedded cluster
// (which runs a small shell in each container and serves its apps on their ports).
import { getText } from '../support/http.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../support/rig.js';
import { fakeTty } from '../support/fakeTty.js';
import { until } from '../support/until.js';
import { objectClient } from '../../src/kube/objects.js';
import { pod as podKind } from '../../src/resources/pod.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const selectedName = (r: Rig) => /^>\s+(\S+)/m.exec(r.frame())?.[1] ?? '';


describe('s: a shell in a container', () => {
  it('runs what is typed in the pod, reports the exit code, and keeps the row', async () => {
    const tty = fakeTty();
    rig = await startRig({ terminal: tty.handoff });
    await rig.select(/^\s*webnodb-/);
    const pod = selectedName(rig);
    await rig.press('s');
    await until(() => /[$#] $/.test(tty.screen()), 'a prompt on the lent terminal');
    tty.type('echo $HOSTNAME\r');
    await until(() => tty.screen().includes(`\n${pod}`) || tty.screen().includes(`\r\n${pod}`), 'the pod name echoed');
    tty.type('exit 3\r');
    await rig.waitFor(`shell in ${pod}/webnodb ended: exit code 3`);
    expect(selectedName(rig)).toBe(pod);
  });

  it('is off in read-only mode, with the reason', async () => {
    rig = await startRig({ readonly: true, terminal: fakeTty().handoff });
    await rig.select(/^\s*webnodb-/);
    await rig.press('s');
    await rig.waitFor('s: read-only mode — shell in a container is off in this session');
  });

  it('says why a container without stdin cannot be attached to', async () => {
    rig = await startRig({ terminal: fakeTty().handoff });
    await rig.select(/^\s*webnodb-/);
    await rig.press('a');
    await rig.waitFor('cannot attach to webnodb: it was not started with stdin');
  });
});

describe('F: a port forward that follows its pods', () => {
  it('forwards svc/webnodb from the prefilled prompt, lists it in :pf, follows a deleted pod, and stops', async () => {
    rig = await startRig({ view: 'svc' });
    await rig.select(/^\s*webnodb\s/);
    await rig.press('F');
    await rig.waitFor('LOCAL:REMOTE 5000:5000');
    await rig.press('ctrl+u');
    await rig.type(':5000');
    await rig.press('enter');
    const said = await rig.waitForFrame((f) => /forwarding 127\.0\.0\.1:\d+ → svc\/webnodb:5000 \(pod webnodb-/.test(f), 'the forward started');
    const local = /forwarding (127\.0\.0\.1:\d+)/.exec(said)![1];
    const first = /\(pod (webnodb-\S+)\)/.exec(said)![1];
    const page = await getText(`http://${local}/`);
    expect(page).toContain(first);
    await rig.press(':');
    await rig.type('pf');
    await rig.press('enter');
    await rig.waitForFrame((f) => f.includes(local) && f.includes('svc/webnodb:5000') && f.includes(first) && f.includes('active'), 'the forward in :pf');
    await objectClient(rig.sim.kubeConfig('admin')).delete(podKind, 'vgauthier', first);
    const switched = /now forwarding to (webnodb-[a-z0-9]+-[a-z0-9]+)/;
    const moved = await rig.waitForFrame((f) => switched.test(f), 'the switch to another pod', 5000);
    const next = switched.exec(moved)![1];
    expect(moved).toContain(`pod ${first} is gone or not ready`);
    expect(next).not.toBe(first);
    const after = await getText(`http://${local}/`).catch((e) => `${e.message}\n${rig!.frame()}`);
    expect(after).toContain(next);
    await rig.press('x');
    await rig.waitFor(`stopped the forward ${local} → svc/webnodb:5000`);
    await expect(getText(`http://${local}/`)).rejects.toThrow(/ECONNREFUSED/);
  });
});
