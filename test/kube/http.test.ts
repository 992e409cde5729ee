// The transport (src/kube/http.ts) over each protocol it speaks: HTTP/1.1 in plain text (the embedded
// cluster), HTTP/1.1 over TLS from a server that offers no h2 (ALPN falls back), and HTTP/2 (kube-apiserver).
// Its timeout: a one-shot request to a server that does not answer fails with one line naming the
// server and the time waited, instead of hanging kdash.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeError } from '../../src/kube/errors.js';
import { kubeJson, kubeRequest, readText } from '../../src/kube/http.js';
import { closeAllSessions } from '../../src/kube/http2.js';
import { loadKubeconfig } from '../../src/kube/kubeconfig.js';
import { failure, makeCert, simpleConfig, startFakeServer, startH2Server, startTlsServer, tempDir, writeKubeconfig, type FakeServer } from './helpers.js';

let servers: FakeServer[] = [];
afterEach(async () => {
  closeAllSessions();
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

type Handler = Parameters<typeof startFakeServer>[0];
const cert = makeCert(tempDir());

/** Each way the transport reaches a server, and the protocol version the server must see. */
const PROTOCOLS = [
  { name: 'HTTP/1.1', version: '1.1', start: (h: Handler) => startFakeServer(h) },
  { name: 'HTTP/1.1 over TLS (the server offers no h2)', version: '1.1', start: (h: Handler) => startTlsServer(cert, undefined, h) },
  { name: 'HTTP/2', version: '2.0', start: (h: Handler) => startH2Server(cert, h) },
] as const;

async function serveWith(start: (h: Handler) => Promise<FakeServer>, handler: Handler) {
  const srv = await start(handler);
  servers.push(srv);
  const cfg = simpleConfig('ctx', srv.url, { token: 'tok' });
  if (srv.url.startsWith('https:')) cfg.clusters![0].cluster['certificate-authority'] = cert.certFile;
  const { kc } = loadKubeconfig({ kubeconfig: writeKubeconfig(path.join(tempDir(), 'config'), cfg) });
  return { srv, kc };
}

describe.each(PROTOCOLS)('over $name', ({ start, version }) => {
  const serve = (handler: Handler) => serveWith(start, handler);

  describe('request timeout', () => {
    it('a server that accepts but never answers: "no answer from <origin> within N s", promptly', async () => {
      const { srv, kc } = await serve(() => undefined);
      const started = Date.now();
      const err = await failure(kubeJson(kc, '/api/v1/namespaces/default', { timeoutMs: 200 }));
      expect(Date.now() - started).toBeLessThan(2000);
      expect(describeError(err)).toBe(`no answer from ${srv.url} within 0.2 s`);
      expect(describeError(err, { brief: true })).toBe('no answer within 0.2 s');
      expect(describeError(err, { server: srv.url, context: 'ctx' })).toBe(`no answer from ${srv.url} within 0.2 s (context ctx)`);
    });

    it('a one-shot read whose body stops half-way times out too', async () => {
      const { srv, kc } = await serve((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.write('{"kind":"Namespace",');
      });
      const err = await failure(kubeJson(kc, '/api/v1/namespaces/default', { timeoutMs: 200 }));
      expect(describeError(err)).toBe(`no answer from ${srv.url} within 0.2 s`);
    });

    it('an answer in time is read whole', async () => {
      const { kc } = await serve((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.write('{"a":');
        setImmediate(() => res.end('1}'));
      });
      await expect(kubeJson(kc, '/x', { timeoutMs: 5000 })).resolves.toEqual({ a: 1 });
    });

    it('a stream outlives the timeout once its headers came (log follows and watches are long)', async () => {
      let answer: import('node:http').ServerResponse | undefined;
      const { kc } = await serve((_req, res) => {
        answer = res;
        res.write('first\n');
      });
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        const res = await kubeRequest(kc, '/log', { timeoutMs: 100, accept: '*/*' });
        vi.advanceTimersByTime(60_000); // far past the timeout, without waiting for it
        answer!.end('second\n');
        expect(await readText(res.body)).toBe('first\nsecond\n');
      } finally {
        vi.useRealTimers();
      }
    });

    it("the caller's own abort stays an abort, not a timeout", async () => {
      const { kc } = await serve(() => undefined);
      const ctl = new AbortController();
      const p = failure(kubeJson(kc, '/x', { timeoutMs: 10_000, signal: ctl.signal }));
      ctl.abort();
      expect((await p as Error).name).toBe('AbortError');
    });
  });

  describe('User-Agent', () => {
    it('every request (a list, a watch, a write) says it is kdash and which version', async () => {
      const seen: Array<string | undefined> = [];
      const { srv, kc } = await serve((req, res) => {
        seen.push(req.headers['user-agent']);
        res.setHeader('content-type', 'application/json');
        res.end('{"kind":"PodList","items":[]}');
      });
      await kubeJson(kc, '/api/v1/namespaces/default/pods?limit=500');
      const watch = await kubeRequest(kc, '/api/v1/namespaces/default/pods?watch=1');
      await readText(watch.body);
      await kubeJson(kc, '/api/v1/namespaces/default/configmaps', { method: 'POST', body: { metadata: { name: 'x' } } });
      const pkg = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')).version;
      expect(seen).toHaveLength(3);
      for (const ua of seen) expect(ua).toBe(`kdash/${pkg} (${process.platform}/${process.arch}) node/${process.version}`);
      expect(srv.received.map((r) => r.version)).toEqual([version, version, version]);
    });
  });
});
