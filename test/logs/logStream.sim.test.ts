import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContainerStream, type ContainerStream } from '../../src/logs/logStream.js';
import { classroom, crashedPod, podNamed, recorder, serverLines } from './simSupport.js';
import { until } from '../support/until.js';
import type { Sim } from '@kdash/sim';
import type { TypedApi } from '../support/typedApi.js';

let sim: Sim;
let api: TypedApi;
let admin: TypedApi;
let ns: string;
const open: ContainerStream[] = [];
const res = { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '20m', memory: '32Mi' } };
const fast = { initialMs: 50, maxMs: 500 };

beforeAll(async () => {
  ({ sim, api, admin, ns } = await classroom());
});
afterAll(async () => {
  for (const s of open) s.dispose();
  await sim.stop();
});

function follow(pod: string, container: string, extra: { tail?: number; previous?: boolean; follow?: boolean; idleReconnectMs?: number } = {}) {
  const rec = recorder();
  const s = startContainerStream(
    api,
    { namespace: ns, pod, container, follow: extra.follow ?? true, tail: extra.tail ?? 5, previous: extra.previous, retry: fast, idleReconnectMs: extra.idleReconnectMs },
    rec.sink,
  );
  open.push(s);
  return { rec, s };
}

const keys = (lines: Array<{ ts?: string; text: string }>) => lines.map((l) => `${l.ts}|${l.text}`);

/** Every line the server has from the first one we got to the last one we got, each exactly once. */
async function expectExactlyServerLines(got: Array<{ ts?: string; text: string }>, pod: string, container: string) {
  const mine = keys(got);
  expect(new Set(mine).size).toBe(mine.length); // no duplicates
  const all = await serverLines(api, ns, pod, container);
  const from = all.indexOf(mine[0]);
  const to = all.indexOf(mine[mine.length - 1]);
  expect(from).toBeGreaterThanOrEqual(0);
  expect(mine).toEqual(all.slice(from, to + 1)); // nothing lost
}

describe('container log stream against the embedded cluster', () => {
  it('follows: the tail first, then new lines as they are written', async () => {
    const pod = await podNamed(api, ns, 'webnodb');
    const { rec } = follow(pod, 'webnodb');
    await until(() => rec.lines.length >= 5, 'the tail');
    await until(() => rec.lines.length >= 9, 'new lines');
    expect(rec.statuses.at(-1)?.phase).toBe('following');
    expect(rec.lines.every((l) => l.ts && /^\d{4}-/.test(l.ts))).toBe(true);
    await expectExactlyServerLines(rec.lines, pod, 'webnodb');
  });

  it('reconnects after the server drops connections, without duplicates or losses', async () => {
    const pod = await podNamed(api, ns, 'webnodb');
    const { rec } = follow(pod, 'webnodb');
    await until(() => rec.lines.length >= 7, 'first lines');
    for (let i = 0; i < 3; i++) {
      const before = rec.lines.length;
      const reconnects = rec.statuses.filter((s) => s.phase === 'connecting' || s.phase === 'reconnecting').length;
      sim.faults.dropWatches();
      await until(() => rec.statuses.filter((s) => s.phase === 'connecting' || s.phase === 'reconnecting').length > reconnects, 'a reconnect');
      await until(() => rec.lines.length >= before + 2, 'lines after the reconnect');
    }
    expect(rec.notes.filter((n) => n.kind === 'gap')).toEqual([]);
    await expectExactlyServerLines(rec.lines, pod, 'webnodb');
  });

  it('reconnects after the API server restarts, without duplicates or losses', async () => {
    const pod = await podNamed(api, ns, 'webnodb');
    const { rec } = follow(pod, 'webnodb');
    await until(() => rec.lines.length >= 6, 'first lines');
    const before = rec.lines.length;
    await sim.restart();
    await until(() => rec.lines.length >= before + 3, 'lines after the restart');
    expect(rec.statuses.some((s) => s.phase === 'reconnecting' || s.phase === 'connecting')).toBe(true);
    await expectExactlyServerLines(rec.lines, pod, 'webnodb');
  });

  it('re-opens a silent stream (a dead connection looks the same) without duplicates or losses', async () => {
    const pod = await podNamed(api, ns, 'tricky-logger-');
    const { rec } = follow(pod, 'logger', { idleReconnectMs: 60 });
    await until(() => rec.statuses.filter((s) => s.phase === 'connecting').length >= 4, 'idle reconnects');
    const before = rec.lines.length;
    await until(() => rec.lines.length >= before + 3, 'more lines');
    await expectExactlyServerLines(rec.lines, pod, 'logger');
  });

  it('stops cleanly on dispose: done settles and no line arrives afterwards', async () => {
    const pod = await podNamed(api, ns, 'webnodb');
    const { rec, s } = follow(pod, 'webnodb');
    await until(() => rec.lines.length >= 6, 'lines');
    s.dispose();
    await s.done;
    const count = rec.lines.length;
    const other = follow(pod, 'webnodb', { tail: 0 }); // a witness: new lines keep coming meanwhile
    await until(() => other.rec.lines.length >= 2, 'lines on another stream');
    expect(rec.lines.length).toBe(count);
  });

  it('reads the previous run of a crash-looping container', async () => {
    const pod = await crashedPod(api, ns, 'worker');
    const { rec, s } = follow(pod, 'worker', { previous: true, follow: false, tail: -1 });
    await s.done;
    expect(rec.lines.some((l) => /Traceback|Error/.test(l.text))).toBe(true);
    expect(rec.statuses.at(-1)?.phase).toBe('ended');
  });

  it('says there is no previous container', async () => {
    const pod = await podNamed(api, ns, 'tricky-logger-');
    const { rec, s } = follow(pod, 'logger', { previous: true, follow: false });
    await s.done;
    expect(rec.notes).toContainEqual({ kind: 'error', text: `previous terminated container "logger" in pod "${pod}" not found` });
    expect(rec.statuses.at(-1)?.phase).toBe('error');
  });

  it('says forbidden with the server message for a pod in another namespace', async () => {
    const rec = recorder();
    const s = startContainerStream(api, { namespace: 'alice', pod: 'anything', container: 'c', follow: true, retry: fast }, rec.sink);
    open.push(s);
    await s.done;
    expect(rec.notes[0].kind).toBe('error');
    expect(rec.notes[0].text).toMatch(/forbidden/i);
    expect(rec.notes[0].text).toContain('alice');
  });

  it('waits while the container is being created, then streams', async () => {
    const name = `slow-start-${Date.now()}`;
    await admin.core.createNamespacedPod({
      namespace: ns,
      body: { metadata: { name }, spec: { containers: [{ name: 'app', image: 'vgauthier/webnodb:latest', resources: res }] } },
    });
    const { rec } = follow(name, 'app');
    await until(() => rec.notes.find((n) => /waiting to start: ContainerCreating/.test(n.text)), 'the ContainerCreating message');
    expect(rec.statuses.some((s) => s.phase === 'waiting')).toBe(true);
    await until(() => rec.lines.length > 0, 'lines once it runs');
  });

  it('says so when the pod is deleted while following', async () => {
    const name = `doomed-${Date.now()}`;
    await admin.core.createNamespacedPod({
      namespace: ns,
      body: { metadata: { name }, spec: { containers: [{ name: 'app', image: 'vgauthier/webnodb:latest', resources: res }] } },
    });
    const { rec, s } = follow(name, 'app');
    await until(() => rec.lines.length > 0, 'lines');
    await admin.core.deleteNamespacedPod({ namespace: ns, name, gracePeriodSeconds: 0 });
    await s.done;
    expect(rec.notes.map((n) => n.text)).toContain(`pod ${name} was deleted`);
    expect(rec.statuses.at(-1)?.phase).toBe('ended');
  });

  it('marks a container restart and follows the new run', async () => {
    const name = `crashy-${Date.now()}`;
    await admin.core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name, annotations: { 'sim.kdash.dev/run-seconds': '2' } },
        spec: { containers: [{ name: 'app', image: 'vgauthier/worker:latest', env: [{ name: 'CRASH', value: '1' }], resources: res }] },
      },
    });
    const { rec } = follow(name, 'app', { tail: -1 });
    await until(() => rec.notes.find((n) => n.kind === 'restart'), 'a restart note', 25_000);
    const at = rec.notes.findIndex((n) => n.kind === 'restart');
    expect(rec.notes[at].text).toMatch(/container app restarted \(restart #1\)/);
    const count = rec.lines.length;
    await until(() => rec.lines.length > count, 'lines of the new run', 25_000);
    const mine = keys(rec.lines);
    expect(new Set(mine).size).toBe(mine.length);
  }, 40_000);
});
