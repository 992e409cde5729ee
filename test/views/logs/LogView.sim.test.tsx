import React from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogController, type LogController } from '../../../src/logs/logController.js';
import { InputRoot } from '../../../src/views/input.js';
import { LogView } from '../../../src/views/logs/LogView.js';
import type { Sim } from '@kdash/sim';
import type { TypedApi } from '../../support/typedApi.js';
import { renderApp, type Rendered } from '../../support/render.js';
import { classroom, podNamed } from '../../logs/simSupport.js';

let sim: Sim;
let api: TypedApi;
let ns: string;
let r: Rendered | undefined;
let c: LogController | undefined;

beforeAll(async () => {
  ({ sim, api, ns } = await classroom());
});
afterAll(async () => {
  r?.unmount();
  c?.dispose();
  await sim.stop();
});

const W = 100;
const H = 20;

describe('LogView on the embedded cluster', () => {
  it('shows tricky-logger without letting it move the cursor, clear the screen, set the title or the clipboard', async () => {
    // tricky-logger is a one-replica Deployment: its pod is tricky-logger-<hash>-<rand>.
    const pod = await podNamed(api, ns, 'tricky-logger-');
    c = createLogController(api, { kind: 'pod', namespace: ns, pod, tail: 50 });
    r = renderApp(
      <InputRoot>
        <LogView controller={c} width={W} height={H} onBack={() => {}} />
      </InputRoot>,
      { columns: W, rows: H },
    );
    await r.waitFor('clipboard write attempt');
    await r.waitFor('screen cleared by a log line');
    const raw = r.stdout.frames.join('');
    // Ink (debug mode) writes plain frames: anything but SGR would have come from the log.
    expect(raw.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    const f = r.frame();
    expect(f.split('\n').length).toBeLessThanOrEqual(H);
    expect(f).toContain(`Logs pod vgauthier/${pod} [logger]`);
    expect(f).toMatch(/following/);
    expect(f).toContain('␛]0;pwned␇window title changed by a log line');
    // Bidi overrides and zero-width characters are shown escaped, never written raw.
    expect(raw).not.toMatch(/\p{Cf}/u);
    expect(f).toContain('saved report\\u202efdp.exe\\u202c, zero\\u200bwidth\\u200d');
  });

  it('shows the webnodb deployment with a prefix per pod and finds lines with /', async () => {
    r?.unmount();
    c?.dispose();
    c = createLogController(api, { kind: 'workload', namespace: ns, workloadKind: 'deployment', name: 'webnodb', tail: 5 });
    r = renderApp(
      <InputRoot>
        <LogView controller={c} width={W} height={H} onBack={() => {}} />
      </InputRoot>,
      { columns: W, rows: H },
    );
    const f = await r.waitForFrame((s) => new Set(s.match(/^webnodb-[\w-]+ /gm) ?? []).size === 3, 'three pod prefixes');
    expect(f).toContain('Logs deployment vgauthier/webnodb');
    await r.press('/');
    await r.type('GET');
    await r.press('enter');
    await r.waitFor(/\/GET: \d+ match/);
    expect(r.stdout.lastFrame()).toMatch(/\x1b\[43mGET/);
  });
});
