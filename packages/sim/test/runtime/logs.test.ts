import { afterEach, describe, expect, it } from 'vitest';
import { SimError } from '../../src/types.js';
import { bare, demoRig, ready, type Rig } from './harness.js';

let rig: Rig;
afterEach(() => rig?.stop());

async function setup(): Promise<void> {
  rig = await demoRig(1);
}

const err = (fn: () => unknown): SimError => {
  try {
    fn();
  } catch (e) {
    return e as SimError;
  }
  throw new Error('expected an error');
};
const lines = (s: string) => s.split('\n').filter(Boolean);

describe('container logs', () => {
  it('serves believable lines with tailLines, sinceSeconds/sinceTime, timestamps and limitBytes', async () => {
    await setup();
    rig.store.create('pods', bare('demo', 'web', { image: 'vgauthier/webnodb:latest' }));
    await rig.until('ready', () => !!rig.store.get('pods', 'demo', 'web') && ready(rig.store.get('pods', 'demo', 'web')!), 10_000);
    await rig.run(120_000, 5000);
    const all = rig.rt.logs.read('demo', 'web', {});
    expect(all).toContain(" * Serving Flask app 'app'");
    expect(all).toMatch(/ - - \[\d\d\/\w{3}\/\d{4} \d\d:\d\d:\d\d\] "(GET|POST) \/\S* HTTP\/1\.1" \d{3} -/);
    expect(lines(all).length).toBeGreaterThan(20);
    expect(all.endsWith('\n')).toBe(true);

    const tail = rig.rt.logs.read('demo', 'web', { tailLines: 5 });
    expect(lines(tail)).toEqual(lines(all).slice(-5));
    expect(rig.rt.logs.read('demo', 'web', { tailLines: 0 })).toBe('');

    const stamped = lines(rig.rt.logs.read('demo', 'web', { timestamps: true, tailLines: 3 }));
    for (const l of stamped) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /);
    const times = stamped.map((l) => Date.parse(l.slice(0, 23) + 'Z'));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const now = rig.clock.now();
    const recent = lines(rig.rt.logs.read('demo', 'web', { sinceSeconds: 30, timestamps: true }));
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(lines(all).length);
    for (const l of recent) expect(Date.parse(l.slice(0, 23) + 'Z')).toBeGreaterThanOrEqual(now - 30_000);
    const sinceTime = rig.rt.logs.read('demo', 'web', { sinceTime: new Date(now - 30_000).toISOString() });
    expect(lines(sinceTime)).toEqual(recent.map((l) => l.slice(l.indexOf(' ') + 1)));

    expect(Buffer.byteLength(rig.rt.logs.read('demo', 'web', { limitBytes: 100 }))).toBe(100);
  });

  it('keeps a bounded history for a container that has run for days', async () => {
    await setup();
    rig.store.create('pods', bare('demo', 'web', { image: 'vgauthier/webnodb:latest' }));
    await rig.until('running', () => rig.store.get('pods', 'demo', 'web')?.status?.phase === 'Running', 10_000, 100);
    await rig.clock.advance(3 * 86_400_000);
    const all = lines(rig.rt.logs.read('demo', 'web', { timestamps: true }));
    expect(all.length).toBeGreaterThan(5000);
    expect(all.length).toBeLessThanOrEqual(11_000);
    // The newest lines are current.
    expect(rig.clock.now() - Date.parse(all.at(-1)!.slice(0, 23) + 'Z')).toBeLessThan(60_000);
  });

  it('answers the kubelet\'s errors: not found, container choice, still creating, no previous', async () => {
    await setup();
    expect(err(() => rig.rt.logs.read('demo', 'nope', {}))).toMatchObject({ code: 404, message: 'pods "nope" not found' });
    const two = bare('demo', 'duo');
    two.spec.containers.push({ name: 'sidecar', image: 'busybox:1.36' });
    rig.store.create('pods', two);
    await rig.run(0);
    expect(err(() => rig.rt.logs.read('demo', 'duo', {}))).toMatchObject({ code: 400, message: 'a container name must be specified for pod duo, choose one of: [app sidecar]' });
    expect(err(() => rig.rt.logs.read('demo', 'duo', { container: 'x' }))).toMatchObject({ code: 400, message: 'container x is not valid for pod duo' });
    expect(err(() => rig.rt.logs.read('demo', 'duo', { container: 'app' }))).toMatchObject({ code: 400, message: 'container "app" in pod "duo" is waiting to start: ContainerCreating' });
    await rig.until('running', () => rig.store.get('pods', 'demo', 'duo')!.status.phase === 'Running', 10_000);
    await rig.run(2000);
    expect(rig.rt.logs.read('demo', 'duo', { container: 'sidecar' })).toContain('starting sidecar');
    expect(err(() => rig.rt.logs.read('demo', 'duo', { container: 'app', previous: true }))).toMatchObject({ code: 400, message: 'previous terminated container "app" in pod "duo" not found' });
  });

  it('keeps the previous container\'s log after a crash, ending with its stack trace', async () => {
    await setup();
    rig.store.create('pods', bare('demo', 'worker', { env: [{ name: 'CRASH', value: '1' }] }));
    await rig.until('restarted', () => rig.store.get('pods', 'demo', 'worker')?.status?.containerStatuses?.[0]?.restartCount === 1, 30_000, 100);
    const prev = rig.rt.logs.read('demo', 'worker', { previous: true });
    expect(lines(prev)[0]).toMatch(/^Starting worker/);
    expect(lines(prev).at(-1)).toBe("KeyError: 'QUEUE_URL'");
    expect(prev).toContain('Traceback (most recent call last):');
  });

  it('previous is the latest terminated run, also while the container waits in CrashLoopBackOff', async () => {
    await setup();
    rig.store.create('pods', bare('demo', 'worker', { env: [{ name: 'CRASH', value: '1' }] }));
    const cs = () => rig.store.get('pods', 'demo', 'worker')?.status?.containerStatuses?.[0];
    const at = (l: string) => Date.parse(l.slice(0, 23) + 'Z');
    // Every line of `text` was written during the run `t` describes (status times are whole seconds).
    const during = (text: string, t: any) => {
      const ls = lines(text);
      expect(ls.length).toBeGreaterThan(0);
      expect(at(ls[0])).toBeGreaterThanOrEqual(Date.parse(t.startedAt));
      expect(at(ls.at(-1)!)).toBeLessThan(Date.parse(t.finishedAt) + 1000);
      expect(ls.at(-1)).toMatch(/KeyError: 'QUEUE_URL'$/);
    };
    await rig.until('back-off after a second crash', () => cs()?.state?.waiting?.reason === 'CrashLoopBackOff' && cs()!.restartCount >= 1, 120_000, 100);
    const crashed = cs()!.lastState.terminated;
    const prev = rig.rt.logs.read('demo', 'worker', { previous: true, timestamps: true });
    during(prev, crashed);
    // kubectl logs (no --previous) on a waiting container also shows that last crash.
    expect(rig.rt.logs.read('demo', 'worker', { timestamps: true })).toBe(prev);

    await rig.until('running again', () => !!cs()?.state?.running && cs()!.lastState.terminated.containerID === crashed.containerID, 120_000, 100);
    expect(rig.rt.logs.read('demo', 'worker', { previous: true, timestamps: true })).toBe(prev);
    await rig.run(1000);
    const now = lines(rig.rt.logs.read('demo', 'worker', { timestamps: true }));
    expect(now.length).toBeGreaterThan(0);
    expect(at(now[0])).toBeGreaterThanOrEqual(Date.parse(cs()!.state.running.startedAt));
  });

  it('follows a container: new lines as they are written, then the end when it exits', async () => {
    await setup();
    rig.store.create('pods', bare('demo', 'worker', { env: [{ name: 'CRASH', value: '1' }] }, { 'sim.kdash.dev/run-seconds': '20' }));
    await rig.until('running', () => !!rig.store.get('pods', 'demo', 'worker')?.status?.containerStatuses?.[0]?.state?.running, 10_000, 100);
    let got = '';
    let ended = false;
    rig.rt.logs.follow('demo', 'worker', { timestamps: false }, (c) => (got += c), () => (ended = true));
    await rig.run(0);
    expect(ended).toBe(false);
    await rig.until('stack trace streamed', () => got.includes("KeyError: 'QUEUE_URL'"), 30_000, 500);
    await rig.until('ended', () => ended, 5000, 100);
    expect(got).toContain('Starting worker');
  });

  it('stops following when the pod is deleted, and the tricky logger writes raw control sequences', async () => {
    await setup();
    rig.store.create('pods', bare('demo', 'tricky-logger', { image: 'vgauthier/tricky-logger:latest' }));
    await rig.until('running', () => rig.store.get('pods', 'demo', 'tricky-logger')?.status?.phase === 'Running', 10_000, 100);
    let got = '';
    let ended = false;
    const stop = rig.rt.logs.follow('demo', 'tricky-logger', {}, (c) => (got += c), () => (ended = true));
    await rig.run(60_000, 1000);
    expect(got).toContain('\u001b[2J');
    expect(got).toContain('\u001b]0;pwned\u0007');
    expect(got).toMatch(/\u001b\]52;c;[A-Za-z0-9+/=]+\u0007/);
    rig.rt.ctx.deletePod(rig.store.get('pods', 'demo', 'tricky-logger')!);
    await rig.until('ended', () => ended, 10_000, 100);
    stop();
  });
});
