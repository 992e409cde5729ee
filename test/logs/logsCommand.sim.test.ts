import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLogsCommand, type LogsArgs } from '../../src/logs/logsCommand.js';
import type { Sim } from '@kdash/sim';
import type { TypedApi } from '../support/typedApi.js';
import { classroom, crashedPod, podNamed } from './simSupport.js';
import { until } from '../support/until.js';

let sim: Sim;
let api: TypedApi;
let ns: string;

beforeAll(async () => {
  ({ sim, api, ns } = await classroom());
});
afterAll(async () => {
  await sim.stop();
});

function sink() {
  const s = new PassThrough();
  let text = '';
  s.on('data', (c) => (text += c.toString()));
  return { s, text: () => text };
}

async function run(args: Partial<LogsArgs> & { target: string }, signal?: AbortSignal) {
  const out = sink();
  const err = sink();
  const code = await runLogsCommand(api, { namespace: ns, ...args }, out.s, signal, err.s);
  return { code, out: out.text(), err: err.text() };
}

describe('kdash logs', () => {
  it('prints the last lines of a pod, sanitized, and exits 0', async () => {
    // tricky-logger is a one-replica Deployment: by its pod's name, and through the Deployment.
    const pod = await podNamed(api, ns, 'tricky-logger-');
    for (const target of [pod, 'deploy/tricky-logger']) {
      const r = await run({ target, tail: 20 });
      expect(r.code, target).toBe(0);
      expect(r.out.split('\n').filter(Boolean), target).toHaveLength(20);
      expect(r.out.replace(/\n/g, ''), target).not.toMatch(/[\x00-\x1f\x7f-\x9f]/); // not a TTY: no colours either
      expect(r.err, target).toBe('');
    }
  });

  it('prints every pod of a deployment with kubectl-style prefixes', async () => {
    const r = await run({ target: 'deploy/webnodb', tail: 2, timestamps: true });
    expect(r.code).toBe(0);
    const lines = r.out.split('\n').filter(Boolean);
    expect(lines).toHaveLength(6);
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\S+ \[pod\/webnodb-[\w-]+\/webnodb\] /);
    expect(new Set(lines.map((l) => /pod\/([\w-]+)\//.exec(l)![1])).size).toBe(3);
  });

  it('prints the previous run with --previous', async () => {
    const pod = await crashedPod(api, ns, 'worker');
    const r = await run({ target: `pod/${pod}`, previous: true });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Traceback/);
  });

  it('follows with -f until aborted', async () => {
    const pod = await podNamed(api, ns, 'webnodb');
    const ac = new AbortController();
    const out = sink();
    const done = runLogsCommand(api, { target: pod, namespace: ns, follow: true, tail: 1 }, out.s, ac.signal, sink().s);
    await until(() => out.text().split('\n').filter(Boolean).length >= 3, 'followed lines');
    ac.abort();
    expect(await done).toBe(0);
  });

  it('gives one-line errors and exit code 1', async () => {
    const tricky = await podNamed(api, ns, 'tricky-logger-'); // [a-z0-9-]: safe inside a RegExp
    const cases: Array<[Partial<LogsArgs> & { target: string }, RegExp]> = [
      [{ target: 'nope' }, /^error: pod "nope" not found in namespace "vgauthier"\n$/],
      [{ target: tricky, previous: true }, new RegExp(`^error: previous terminated container "logger" in pod "${tricky}" not found\n$`)],
      [{ target: tricky, container: 'x' }, new RegExp(`^error: container x is not valid for pod ${tricky}\n$`)],
      [{ target: 'deploy/nope' }, /^error: deployment "nope" not found in namespace "vgauthier"\n$/],
      [{ target: 'cm/webnodb-config' }, /^error: cannot show logs of "cm"/],
      [{ target: 'webnodb', namespace: 'alice' }, /^error: forbidden: .*alice/],
    ];
    for (const [args, re] of cases) {
      const r = await run(args);
      expect(r.code, args.target).toBe(1);
      expect(r.err).toMatch(re);
      expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
    }
  });
});
