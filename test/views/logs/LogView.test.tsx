import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { InputRoot } from '../../../src/views/input.js';
import { LogView } from '../../../src/views/logs/LogView.js';
import { plain, renderApp, type Rendered } from '../../support/render.js';
import { FakeController } from './fakeController.js';

const W = 100;
const H = 12;
let r: Rendered | undefined;
afterEach(() => r?.unmount());

function mount(c: FakeController, onBack = () => {}) {
  r = renderApp(
    <InputRoot>
      <LogView controller={c} width={W} height={H} onBack={onBack} />
    </InputRoot>,
    { columns: W, rows: H },
  );
  return r;
}
const rowsOf = (f: string) => f.split('\n');

describe('LogView', () => {
  it('follows the newest lines within the given height', async () => {
    const c = new FakeController();
    for (let i = 0; i < 100; i++) c.push(`request ${i}`);
    c.publish();
    const v = mount(c);
    const f = await v.waitFor('request 99');
    expect(rowsOf(f).length).toBeLessThanOrEqual(H);
    expect(f).toContain('Logs pod demo/web-1 [app]');
    expect(f).toContain('following');
    expect(f).not.toContain('request 80');
    c.push('request 100');
    c.publish();
    await v.waitFor('request 100');
  });

  it('pauses autoscroll with s and scrolls back with k and g, G resumes', async () => {
    const c = new FakeController();
    for (let i = 0; i < 100; i++) c.push(`request ${i}`);
    c.publish();
    const v = mount(c);
    await v.waitFor('request 99');
    await v.press('s');
    await v.waitFor('paused');
    c.push('request 100');
    c.publish();
    await v.press('k');
    const f = await v.waitFor(/request 89\n/);
    expect(f).not.toContain('request 100');
    await v.press('g');
    await v.waitFor(/request 0\n/);
    await Promise.all([v.press('j'), v.press('j'), v.press('j')]); // three keys before one render
    await v.waitFor(/paused[^\n]*\nrequest 3\n/);
    await v.press('G');
    await v.waitFor('request 100');
    expect(v.frame()).toContain('following');
  });

  it('searches with / and highlights matches, n/N move between them', async () => {
    const c = new FakeController();
    for (let i = 0; i < 200; i++) c.push(i % 50 === 7 ? `GET /boom ${i} 500` : `GET /ok ${i} 200`);
    c.publish();
    const v = mount(c);
    await v.waitFor('GET /ok 199');
    await v.press('/');
    await v.type('boom');
    await v.press('enter');
    const f = await v.waitFor('GET /boom 157 500');
    expect(f).toContain('/boom: 4 matches');
    expect(f).toContain('paused');
    // Highlighted in the raw frame (black on yellow).
    expect(v.stdout.lastFrame()).toMatch(/\x1b\[43mboom/);
    await v.press('N');
    await v.waitFor('GET /boom 107 500');
    await v.press('n');
    await v.waitFor('GET /boom 157 500');
  });

  it('takes a pasted search and keys typed faster than a render', async () => {
    const c = new FakeController();
    for (let i = 0; i < 50; i++) c.push(i === 20 ? 'needle in line 20' : `hay ${i}`);
    c.publish();
    const v = mount(c);
    await v.waitFor('hay 49');
    await v.press('/');
    await v.press('nee'); // one chunk, like a paste
    await v.press('dle');
    await v.press('enter');
    await v.waitFor('/needle: 1 match');
  });

  it('toggles timestamps and wrapping', async () => {
    const c = new FakeController();
    c.push('x'.repeat(150), '2026-11-21T10:00:00.5Z');
    c.publish();
    const v = mount(c);
    await v.waitFor('xxx');
    expect(v.frame()).not.toContain('2026-11-21T10:00:00.500Z');
    await v.press('t');
    await v.waitFor('2026-11-21T10:00:00.500Z xxx');
    await v.press('w');
    const f = await v.waitForFrame((s) => s.includes('· wrap'), 'wrap in the title');
    const xs = rowsOf(f).filter((l) => /^x+$/.test(l.trim()) || l.includes('xxx'));
    expect(xs.length).toBeGreaterThanOrEqual(2);
  });

  it('cannot be disturbed by control sequences in log text', async () => {
    const c = new FakeController();
    c.push('before\x1b[2J\x1b[H\x1b]0;pwned\x07\x1b]52;c;aGk=\x07\x1b[?1049h\x9b3Aafter');
    c.publish();
    const v = mount(c);
    await v.waitFor('after');
    const raw = v.stdout.lastFrame();
    expect(raw).not.toMatch(/\x1b\[(2J|H|\?1049h|3A)|\x1b\]|\x9b/);
    expect(v.frame()).toContain('before␛[2J␛[H␛]0;pwned␇');
  });

  it('opens the container picker with c and switches container', async () => {
    const c = new FakeController();
    c.publish();
    const v = mount(c);
    await v.press('c');
    await v.waitFor('Pick a container');
    expect(v.frame()).toContain('all containers');
    await v.press('down');
    await v.waitFor('▶ 2. sidecar');
    await v.press('enter');
    await v.waitFor('<c> container');
    expect(c.calls).toContain('container:sidecar');
    await v.press('c');
    await v.press('3');
    expect(c.calls).toContain('container:*');
  });

  it('p toggles previous, ctrl-s saves and says where, esc goes back', async () => {
    const c = new FakeController();
    c.push('hello');
    c.publish();
    let back = 0;
    const v = mount(c, () => back++);
    await v.waitFor('hello');
    await v.press('p');
    expect(c.calls).toContain('togglePrevious');
    await v.press('ctrl+s');
    await v.waitFor('saved 1 lines to /tmp/demo-web-1.log');
    await v.press('esc');
    expect(back).toBe(1);
  });

  it('never renders more rows than its height, even when tiny', async () => {
    const c = new FakeController();
    for (let i = 0; i < 10; i++) c.push(`l${i}`);
    c.publish();
    r = renderApp(
      <InputRoot>
        <LogView controller={c} width={40} height={3} onBack={() => {}} />
      </InputRoot>,
      { columns: 40, rows: 3 },
    );
    const f = await r.waitFor('l9');
    expect(plain(f).split('\n').length).toBeLessThanOrEqual(3);
  });
});
