// What the cluster receives when the full-screen dashboard starts: the first view's list leaves before
// reachability, the namespace check and the permission reviews (they run beside it), and it is the
// list the table shows — the pods are listed once, not again when the table mounts. The built binary
// runs in tmux against the embedded cluster behind a proxy that records each request as it arrives.
// Needs `npm run build` first and tmux on the PATH.
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import { cliPath } from '../support/cli.js';
import { hasTmux, Tmux } from '../support/tmux.js';

let sim: Sim;
let proxy: http.Server;
let kubeconfig: string;
const received: string[] = [];

/** Noted among the requests when a WatchList's initial events have all been passed on (its end bookmark). */
const LISTED = '(the first WatchList has sent its initial events)';

/**
 * Passes every request on to the embedded cluster, watches included, after noting `METHOD path?query`,
 * and notes LISTED when a WatchList's answer brings the initial-events-end bookmark.
 */
function recordingProxy(target: string): http.Server {
  return http.createServer((req, res) => {
    // The embedded cluster's kubeconfig carries the token in the path (/sim-auth/TOKEN/…): noted without it.
    const line = `${req.method} ${req.url?.replace(/^\/sim-auth\/[^/]+/, '')}`;
    received.push(line);
    const up = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      let tail = /sendInitialEvents=true/.test(line) ? '' : undefined; // the end of the last chunk, to find a split bookmark
      answer.on('data', (chunk: Buffer) => {
        if (tail === undefined) return;
        const text = tail + chunk.toString();
        tail = text.slice(-64);
        if (!text.includes('k8s.io/initial-events-end')) return;
        tail = undefined;
        if (!received.includes(LISTED)) received.push(LISTED);
      });
      answer.pipe(res);
    });
    up.on('error', () => res.destroy());
    res.on('close', () => up.destroy());
    req.pipe(up);
  });
}

beforeAll(async () => {
  sim = await startSim({ scenario: 'classroom', port: 0, tls: false }); // the recording proxy in front speaks plain HTTP
  proxy = recordingProxy(sim.url);
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const dir = mkdtempSync(join(tmpdir(), 'kdash-early-'));
  kubeconfig = join(dir, 'kubeconfig');
  sim.writeKubeconfig(kubeconfig);
  writeFileSync(kubeconfig, readFileSync(kubeconfig, 'utf8').replace(sim.url, `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`));
});
afterAll(async () => {
  proxy?.closeAllConnections();
  await new Promise((r) => proxy?.close(r));
  await sim?.stop();
});

/** The first sync of a kind: a WatchList (sendInitialEvents) or a list page, not the `limit=1` count or the live watch. */
const firstSync = (line: string, path: string) =>
  line.startsWith(`GET ${path}?`) && (/sendInitialEvents=true/.test(line) || (!/watch=(1|true)/.test(line) && !/limit=1(&|$)/.test(line)));

async function firstRequests(args: string[], home: string, shown: RegExp): Promise<string[]> {
  received.length = 0;
  const t = new Tmux(100, 30);
  try {
    t.start([process.execPath, cliPath, '--kubeconfig', kubeconfig, ...args], home);
    await t.waitFor((s) => shown.test(s) && /● live/.test(s), 'the first view, live');
    t.keys('q');
    return [...received];
  } finally {
    t.kill();
  }
}

describe.skipIf(!hasTmux)('the full screen starts its first list before the checks', () => {
  it('the pod list is the first request the cluster gets, /version and the reviews come after it, and the pods are listed once', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kdash-early-home-'));
    const got = await firstRequests(['--context', 'sim-student'], home, /^pods\(vgauthier\)\[7\][\s\S]*webnodb-/m);
    const pods = '/api/v1/namespaces/vgauthier/pods';
    expect(firstSync(got[0], pods), `first request: ${got[0]}\n${got.slice(0, 8).join('\n')}`).toBe(true);
    expect(got.findIndex((l) => l.startsWith('GET /version'))).toBeGreaterThan(0);
    expect(got.findIndex((l) => /selfsubject/.test(l))).toBeGreaterThan(0);
    expect(got.filter((l) => firstSync(l, pods)), 'first syncs of the pods').toHaveLength(1);
    // The watcher's identity read (identity.ts: compared with only after an outage) waits for the list.
    const identity = got.indexOf('GET /api/v1/namespaces/default');
    expect(identity, got.slice(0, 12).join('\n')).toBeGreaterThan(got.indexOf(LISTED));
    expect(got.indexOf(LISTED)).toBeGreaterThan(0);
  }, 60_000);

  it('a check that fails ends the full screen as it ends --once: the same one line, the same exit code', async () => {
    // The early list has left by then; the check's line is what the user sees (a wrong token: 401; a dead server).
    const bad = join(mkdtempSync(join(tmpdir(), 'kdash-early-bad-')), 'kubeconfig');
    writeFileSync(bad, readFileSync(kubeconfig, 'utf8').replace(/token: \S+/g, 'token: not-a-token'));
    const dead = join(mkdtempSync(join(tmpdir(), 'kdash-early-dead-')), 'kubeconfig');
    writeFileSync(dead, readFileSync(kubeconfig, 'utf8').replace(/server: \S+/, 'server: http://127.0.0.1:1'));
    for (const file of [bad, dead]) {
      // Not spawnSync: the embedded cluster and the proxy answer from this process.
      const once = await new Promise<{ status: number; stderr: string }>((resolve) =>
        execFile(process.execPath, [cliPath, '--kubeconfig', file, '--context', 'sim-student', '--once'], (err, _out, stderr) =>
          resolve({ status: typeof err?.code === 'number' ? err.code : 0, stderr }),
        ),
      );
      const line = once.stderr.trim();
      expect(line.split('\n'), line).toHaveLength(1);
      const t = new Tmux(100, 30);
      try {
        const cmd = [process.execPath, cliPath, '--kubeconfig', file, '--context', 'sim-student'].map((a) => `'${a}'`).join(' ');
        t.start(['sh', '-c', `${cmd}; echo "exit=$?"; sleep 30`]);
        const screen = await t.waitFor((s) => /exit=\d+/.test(s), 'kdash to exit');
        // The terminal wraps the line at its width (and drops trailing blanks): compared without white space.
        const bare = (text: string) => text.replace(/\s+/g, '');
        expect(bare(screen)).toBe(bare(`${line}exit=${once.status}`));
      } finally {
        t.kill();
      }
    }
  }, 60_000);

  it("the context's last view (the state file) is the one listed first", async () => {
    const home = mkdtempSync(join(tmpdir(), 'kdash-early-home-'));
    mkdirSync(join(home, '.config/kdash'), { recursive: true });
    writeFileSync(join(home, '.config/kdash/state.yaml'), 'contexts:\n  sim-student:\n    view: deployments\n');
    const got = await firstRequests(['--context', 'sim-student'], home, /^deployments\(vgauthier\)\[\d+\][\s\S]*webnodb/m);
    const deployments = '/apis/apps/v1/namespaces/vgauthier/deployments';
    expect(firstSync(got[0], deployments), `first request: ${got[0]}\n${got.slice(0, 8).join('\n')}`).toBe(true);
    expect(got.filter((l) => firstSync(l, deployments)), 'first syncs of the deployments').toHaveLength(1);
  }, 60_000);
});
