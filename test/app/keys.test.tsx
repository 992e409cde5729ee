// Every key answers in the footer; q means back in a sub-view and quit at the top; Esc clears a
// filter before going back; notices do not outlive their moment.
import { afterEach, describe, expect, it } from 'vitest';
import { createBarePod, openDeployments, startRig, type Rig } from '../support/rig.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const footer = (r: Rig) => r.frame().trimEnd().split('\n').pop() ?? '';

describe('keys that do nothing here say why', () => {
  it('an unknown key says so, and the notice goes after a few seconds', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb-/);
    await rig.press('X');
    await rig.waitFor('X: no such key here — ? for help');
    await rig.waitForFrame((f) => !f.includes('no such key') && /<\?> help/.test(f), 'the hints back', 9000);
  });

  it('+ on a pod of a deployment points to the deployment; r on a bare pod says there is nothing to restart', async () => {
    rig = await startRig();
    await createBarePod(rig, 'solo');
    await rig.waitForRow(/ solo\s/);
    await rig.select(/^\s*solo\s/);
    await rig.press('r');
    await rig.waitFor('r: nothing to restart for a bare pod');
    await rig.select(/^\s*webnodb-/);
    await rig.press('+');
    await rig.waitFor('+: pods are scaled through their deployment — :deploy to go there');
  });

  it('in --readonly, a mutating key says read-only mode is why', async () => {
    rig = await startRig({ readonly: true });
    await openDeployments(rig);
    await rig.press('r');
    await rig.waitFor('r: read-only mode — restart is off in this session');
    await rig.press('s');
    await rig.waitFor('s: read-only mode — scale is off in this session');
  });

  it('the force-kill prompt says what to type once', async () => {
    rig = await startRig();
    await createBarePod(rig, 'solo');
    await rig.waitForRow(/ solo\s/);
    await rig.select(/^\s*solo\s/);
    await rig.press('ctrl+k');
    const f = await rig.waitFor('force-delete? Type solo and press Enter (Esc cancels):');
    expect(f.match(/type solo/gi)).toHaveLength(1);
    await rig.press('esc');
  });
});

describe('q and Esc', () => {
  it('q goes back from describe and quits at the top view', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb-/);
    await rig.press('d');
    await rig.waitFor('describe pods/');
    await rig.press('q');
    await rig.waitForFrame((f) => !f.includes('describe pods/') && /webnodb-/.test(f), 'the table again');
    expect(rig.exitCode()).toBeUndefined();
    await rig.press('q');
    await rig.waitForFrame(() => rig?.exitCode() === 0, 'the app to quit');
  });

  it('with --confirm-quit, q at the top view asks first: n stays, y quits', async () => {
    rig = await startRig({ confirmQuit: true });
    await rig.waitForRow(/webnodb-/);
    await rig.press('q');
    await rig.waitFor('quit kdash?');
    await rig.press('n');
    await rig.waitForFrame((f) => !f.includes('quit kdash?'), 'the question to go');
    expect(rig.exitCode()).toBeUndefined();
    await rig.press('q');
    await rig.waitFor('quit kdash?');
    await rig.press('y');
    await rig.waitForFrame(() => rig?.exitCode() === 0, 'the app to quit');
  });

  it('Esc in a filtered table clears the filter first, then goes back', async () => {
    rig = await startRig();
    await openDeployments(rig);
    await rig.press('enter'); // webnodb's pods
    await rig.waitForRow(/webnodb-\S+\s/);
    await rig.press('/');
    await rig.type('nomatch');
    await rig.press('enter');
    await rig.waitFor('no pods match /nomatch');
    await rig.press('esc');
    await rig.waitForRow(/webnodb-\S+\s/);
    expect(rig.frame()).toContain('filter /nomatch cleared');
    await rig.press('esc');
    await rig.waitForRow(/ webnodb\s+3\/3/);
    expect(footer(rig)).not.toContain('cleared');
  });
});
