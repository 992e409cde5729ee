// What kdash writes can be trusted by the tools and terminals that read it: it ends quietly when the
// reader goes away, --once's stdout is the table alone, untrusted text never reaches the terminal raw
// (bidi overrides, zero-width characters), and error lines carry no credentials and say what went wrong.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTypedApi, type TypedApi } from '../support/typedApi.js';
import { startSim, type Sim } from '@kdash/sim';
import { expectOneLineError, runCli } from '../support/cli.js';

let dir: string;
let sim: Sim;
let admin: TypedApi;
let kubeconfig: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kdash-output-'));
  sim = await startSim({ scenario: 'classroom', port: 0 });
  kubeconfig = join(dir, 'sim.kubeconfig');
  sim.writeKubeconfig(kubeconfig);
  admin = makeTypedApi(sim.kubeConfig('admin'));
});
afterAll(async () => {
  await sim?.stop();
});

const home = () => join(dir, 'home');
const kdash = (args: string[], opts: { closeStdout?: boolean; kubeconfig?: string } = {}) =>
  runCli(args, { home: home(), env: { KUBECONFIG: opts.kubeconfig ?? kubeconfig }, closeStdout: opts.closeStdout, timeoutMs: 20_000 });

/** Unicode format characters (bidi overrides and isolates, zero-width, BOM…), raw. */
const FORMAT_CHARS = /\p{Cf}/u;

describe('when the reader goes away (| head)', () => {
  it('kdash --once ends quietly', async () => {
    const r = await kdash(['--once'], { closeStdout: true });
    expect(r.timedOut).toBe(false);
    expect([0, 141]).toContain(r.code);
    expect(r.err).not.toMatch(/EPIPE|Error|\n\s+at /);
  });

  it('kdash logs -f ends quietly instead of streaming on for nobody', async () => {
    const r = await kdash(['logs', 'deploy/webnodb', '-f'], { closeStdout: true });
    expect(r.timedOut, 'still streaming after the reader left').toBe(false);
    expect([0, 141]).toContain(r.code);
    expect(r.err).toBe('');
  });
});

describe('--once: stdout is the table and nothing else', () => {
  it('the quota note goes to stderr', async () => {
    const r = await kdash(['--once']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS/);
    for (const l of lines.slice(1)) expect(l).toMatch(/^[a-z0-9-]+\s+\d+\/\d+\s+\S+/);
    expect(r.out).not.toMatch(/quota/);
    expect(r.err).toMatch(/^quota compute-quota: cpu [\d.]+\/2\s+memory \S+\/2Gi/m);
  });

  it('"No resources found" goes to stderr, like kubectl', async () => {
    const r = await kdash(['--context', 'sim-admin', '-n', 'default', '--once']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toBe('No resources found in default namespace.\n');
  });
});

describe('untrusted text is shown with its invisible characters escaped', () => {
  it('an event message with a bidi override and zero-width characters, in --once', async () => {
    await admin.core.createNamespacedEvent({
      namespace: sim.student.namespace,
      body: {
        metadata: { name: 'spoof.1' },
        involvedObject: { kind: 'Pod', name: 'webnodb', namespace: sim.student.namespace },
        reason: 'Spoof',
        message: 'invoice\u202Egpj.exe\u202C ok\u200Bzero\uFEFFbom\u2066iso\u2069',
        type: 'Warning',
        firstTimestamp: new Date() as never,
        lastTimestamp: new Date() as never,
        count: 1,
      },
    });
    const r = await kdash(['--once', '--view', 'ev']);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(FORMAT_CHARS);
    expect(r.out).toContain('invoice\\u202egpj.exe\\u202c ok\\u200bzero\\ufeffbom\\u2066iso\\u2069');
  });

  it('a log line with a bidi override, in kdash logs', async () => {
    const r = await kdash(['logs', 'deploy/tricky-logger']);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(FORMAT_CHARS);
    expect(r.out).toContain('\\u202e');
  });
});

describe('error lines', () => {
  it('name a cluster that went away by its origin, never its token', async () => {
    const gone = await startSim({ scenario: 'empty', port: 0, runtime: false });
    const file = join(dir, 'gone.kubeconfig');
    gone.writeKubeconfig(file);
    await gone.stop();
    const r = await kdash(['--once'], { kubeconfig: file });
    expectOneLineError(r, new RegExp(`cannot reach https://127.0.0.1:${gone.port}: connection refused`));
    expect(readFileSync(file, 'utf8')).toContain(gone.tokens.student);
    expect(r.err).not.toContain(gone.tokens.student);
    expect(r.err).not.toContain('sim-auth');
  });

  it('a server that answers HTML (a proxy login page) is named as such', async () => {
    for (const status of [200, 404, 403]) {
      const page: Server = createServer((_req, res) => {
        res.writeHead(status, { 'Content-Type': 'text/html' });
        res.end('<!DOCTYPE HTML>\n<html><body>Please log in</body></html>');
      });
      await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
      const port = (page.address() as { port: number }).port;
      const file = join(dir, `html-${status}.kubeconfig`);
      writeFileSync(
        file,
        `apiVersion: v1\nkind: Config\nclusters:\n- name: p\n  cluster:\n    server: http://127.0.0.1:${port}\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user:\n    token: t\ncontexts:\n- name: p\n  context:\n    cluster: p\n    user: u\ncurrent-context: p\n`,
      );
      const r = await kdash(['--once'], { kubeconfig: file });
      await new Promise((resolve) => page.close(resolve));
      expectOneLineError(r, new RegExp(`the server at http://127.0.0.1:${port} answered HTML, not the Kubernetes API`));
      expect(r.err).not.toContain('DOCTYPE');
    }
  });
});
