// The action dialogs respond to keys and stay inside the size they are given.
import React, { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { InputRoot } from '../../../src/views/input.js';
import { ScalePrompt } from '../../../src/views/actions/ScalePrompt.js';
import { ConfirmDialog } from '../../../src/views/actions/ConfirmDialog.js';
import { RolloutStatusPanel } from '../../../src/views/actions/RolloutStatusPanel.js';
import { RolloutHistoryView } from '../../../src/views/actions/RolloutHistoryView.js';
import { DownPlanView } from '../../../src/views/actions/DownPlanView.js';
import type { RolloutState } from '../../../src/actions/rolloutStatus.js';
import { renderApp } from '../../support/render.js';

const wait = async (pred: () => boolean, what: string) => {
  const deadline = Date.now() + 5000;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

function ScaleHarness({ log, warnFor }: { log: string[]; warnFor?: number }) {
  const [warning, setWarning] = useState<{ n: number; text: string } | undefined>();
  return (
    <InputRoot>
      <ScalePrompt
        target="deployment webnodb"
        current={3}
        width={80}
        warning={warning?.text}
        pending={warning?.n}
        onSubmit={(n) => {
          if (warnFor !== undefined && n >= warnFor) setWarning({ n, text: `${n} replicas need 1 CPU more (2.5 CPU in all); quota left: 0.4 CPU` });
          else log.push(`submit ${n}`);
        }}
        onConfirm={(n) => log.push(`confirm ${n}`)}
        onEdit={() => setWarning(undefined)}
        onCancel={() => log.push('cancel')}
      />
    </InputRoot>
  );
}

describe('ScalePrompt', () => {
  it('is prefilled with the current count; typing replaces it; Enter submits', async () => {
    const log: string[] = [];
    const r = renderApp(<ScaleHarness log={log} />);
    await r.waitFor('scale deployment webnodb (now 3) to: 3█');
    await r.type('5');
    await r.waitFor('to: 5█');
    await r.press('enter');
    await wait(() => log.length > 0, 'submit');
    expect(log).toEqual(['submit 5']);
    r.unmount();
  });
  it('+ and - step by one and never below 0', async () => {
    const log: string[] = [];
    const r = renderApp(<ScaleHarness log={log} />);
    await r.waitFor('to: 3█');
    await r.press('+');
    await r.waitFor('to: 4█');
    for (let i = 0; i < 6; i++) await r.press('-');
    await r.waitFor('to: 0█');
    await r.press('enter');
    await wait(() => log.length > 0, 'submit');
    expect(log).toEqual(['submit 0']);
    r.unmount();
  });
  it.each([
    ['-1', 'cannot be negative'],
    ['abc', 'is not a number'],
    ['1e9', 'too many'],
    ['2.5', 'whole number, not 2.5'],
  ])('shows the parse error for %j and submits nothing', async (text, message) => {
    const log: string[] = [];
    const r = renderApp(<ScaleHarness log={log} />);
    await r.waitFor('to: 3█');
    // '-' steps a count; in an emptied field it is typed.
    await r.press('backspace');
    await r.type(text);
    await r.press('enter');
    await r.waitFor(message);
    expect(log).toEqual([]);
    r.unmount();
  });
  it('an empty value says what to enter; Esc cancels', async () => {
    const log: string[] = [];
    const r = renderApp(<ScaleHarness log={log} />);
    await r.waitFor('to: 3█');
    await r.press('backspace');
    await r.press('enter');
    await r.waitFor('enter a number of replicas');
    await r.press('esc');
    await wait(() => log.length > 0, 'cancel');
    expect(log).toEqual(['cancel']);
    r.unmount();
  });
  it('shows the quota warning and asks before scaling anyway', async () => {
    const log: string[] = [];
    const r = renderApp(<ScaleHarness log={log} warnFor={5} />);
    await r.waitFor('to: 3█');
    await r.type('5');
    await r.press('enter');
    await r.waitFor('quota: 5 replicas need 1 CPU more (2.5 CPU in all); quota left: 0.4 CPU');
    await r.waitFor('scale deployment webnodb to 5 anyway? [y/N]');
    await r.press('n');
    await r.waitFor('to: 5█');
    await r.press('enter');
    await r.waitFor('anyway?');
    await r.press('y');
    await wait(() => log.length > 0, 'confirm');
    expect(log).toEqual(['confirm 5']);
    r.unmount();
  });
});

describe('ConfirmDialog', () => {
  const lines = ['deployment.apps/webnodb in vgauthier and the 3 pods it owns'];
  it('names what will go; y confirms, Enter and Esc do not', async () => {
    const log: string[] = [];
    const r = renderApp(
      <InputRoot>
        <ConfirmDialog question="Delete?" lines={lines} width={80} height={5} onConfirm={() => log.push('yes')} onCancel={() => log.push('no')} />
      </InputRoot>,
    );
    await r.waitFor('deployment.apps/webnodb in vgauthier and the 3 pods it owns');
    await r.waitFor('Delete? [y/N]');
    await r.press('enter');
    await r.press('y');
    await wait(() => log.length >= 2, 'two answers');
    expect(log).toEqual(['no', 'yes']);
    r.unmount();
  });
  it('force-kill needs the name typed exactly', async () => {
    const log: string[] = [];
    const r = renderApp(
      <InputRoot>
        <ConfirmDialog question="Force kill?" expect="webnodb-abc" lines={['pod/webnodb-abc']} width={80} height={5} onConfirm={() => log.push('yes')} onCancel={() => log.push('no')} />
      </InputRoot>,
    );
    await r.waitFor('Type webnodb-abc and press Enter');
    await r.type('y');
    await r.press('enter');
    await r.waitFor('that is not "webnodb-abc"; nothing was done');
    expect(log).toEqual([]);
    await r.press('backspace');
    await r.type('webnodb-abc');
    await r.press('enter');
    await wait(() => log.length > 0, 'confirm');
    expect(log).toEqual(['yes']);
    r.unmount();
  });
  it('keeps within its height, saying how many lines are hidden', async () => {
    const many = Array.from({ length: 20 }, (_, i) => `pod/p${i}`);
    const r = renderApp(
      <InputRoot>
        <ConfirmDialog question="Delete?" lines={many} width={40} height={6} onConfirm={() => {}} onCancel={() => {}} />
      </InputRoot>,
    );
    const f = await r.waitFor('Delete? [y/N]');
    expect(f.trimEnd().split('\n').length).toBeLessThanOrEqual(6);
    expect(f).toContain('… 16 more');
    r.unmount();
  });
});

describe('RolloutStatusPanel', () => {
  it('shows each status line and the pod warnings until done', async () => {
    let push: ((s: RolloutState) => void) | undefined;
    let finish: ((m: string) => void) | undefined;
    const follow = (onUpdate: (s: RolloutState) => void) => {
      push = onUpdate;
      return new Promise<{ ok: true; message: string }>((resolve) => (finish = (message) => resolve({ ok: true, message })));
    };
    const r = renderApp(
      <InputRoot>
        <RolloutStatusPanel target="deployment.apps/web" follow={follow} width={100} height={10} onClose={() => {}} />
      </InputRoot>,
    );
    await wait(() => push !== undefined, 'follow');
    push!({ message: 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...', done: false, failed: false, warnings: ['pod web-x: ImagePullBackOff (web)'] });
    await r.waitFor('1 out of 3 new replicas');
    await r.waitFor('pod web-x: ImagePullBackOff (web)');
    push!({ message: 'deployment "web" successfully rolled out', done: true, failed: false, warnings: [] });
    finish!('deployment "web" successfully rolled out');
    const f = await r.waitFor('— done');
    expect(f).toContain('1 out of 3 new replicas');
    expect(f).toContain('successfully rolled out');
    r.unmount();
  });
});

describe('RolloutHistoryView', () => {
  it('shows REVISION IMAGES CHANGE-CAUSE AGE newest first with the current revision marked', async () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    const entries = [1, 2, 3].map((n) => ({
      revision: n,
      images: [`vgauthier/webnodb:v${n}`],
      changeCause: n === 2 ? 'kubectl set image \x1b[31mdeployment/web' : undefined,
      created: now - (4 - n) * 3600_000,
      source: `rs${n}`,
      template: {},
    }));
    const r = renderApp(<RolloutHistoryView target="deployment.apps/web" entries={entries} currentRevision={3} now={now} width={90} height={10} />);
    const f = await r.waitFor('REVISION');
    const rows = f.split('\n').filter((l) => /^\d/.test(l));
    expect(rows[0]).toMatch(/^3\*\s+vgauthier\/webnodb:v3\s+<none>\s+1h/);
    expect(rows[1]).toMatch(/^2\s+vgauthier\/webnodb:v2\s+kubectl set image .*deployment\/web\s+2h/);
    expect(f).not.toContain('\x1b[31m');
    r.unmount();
  });
});

describe('DownPlanView', () => {
  it('shows the plan, toggles bare-pod deletion with b and runs with y', async () => {
    const log: string[] = [];
    function Harness() {
      const [bare, setBare] = useState(false);
      return (
        <InputRoot>
          <DownPlanView
            namespace="vgauthier"
            mode="down"
            lines={['scale deployment.apps/webnodb 3 → 0', 'keep pod/scratch running: a bare pod']}
            phase="plan"
            progress={[]}
            barePods={1}
            deleteBarePods={bare}
            width={100}
            height={8}
            onConfirm={() => log.push(`run bare=${bare}`)}
            onToggleBarePods={() => setBare((b) => !b)}
            onClose={() => log.push('close')}
          />
        </InputRoot>
      );
    }
    const r = renderApp(<Harness />);
    await r.waitFor('scale deployment.apps/webnodb 3 → 0');
    await r.waitFor('(now: keep)');
    await r.press('b');
    await r.waitFor('(now: delete, lost for good)');
    await r.press('y');
    await wait(() => log.length > 0, 'run');
    expect(log).toEqual(['run bare=true']);
    r.unmount();
  });
  it('shows progress and the summary within its height', async () => {
    const progress = Array.from({ length: 30 }, (_, i) => `✓ pod/p${i} deleted`);
    const r = renderApp(
      <InputRoot>
        <DownPlanView namespace="ns" mode="down" lines={['a', 'b', 'c', 'd']} phase="done" progress={progress} summary={{ ok: true, message: 'down ns: 30 changes, no pods running; up restores it' }} barePods={0} deleteBarePods={false} width={80} height={12} onConfirm={() => {}} onToggleBarePods={() => {}} onClose={() => {}} />
      </InputRoot>,
    );
    const f = await r.waitFor('no pods running');
    expect(f.trimEnd().split('\n').length).toBeLessThanOrEqual(12);
    expect(f).toContain('✓ pod/p29 deleted');
    r.unmount();
  });
});
