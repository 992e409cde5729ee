// HTTP/2 in the transport (src/kube/http2.ts): one connection carries every request, a GOAWAY or a
// dropped connection is survived as kube-apiserver's clients survive it, and what HTTP/1.1 gave (auth,
// Status errors, warnings, gzip, abort) comes through the same. The protocol-independent behaviour is
// tested over both protocols in http.test.ts.
import { setMaxListeners } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeError } from '../../src/kube/errors.js';
import { KubeHttpError, kubeJson, kubeRequest, readText } from '../../src/kube/http.js';
import { closeAllSessions, http2Timings } from '../../src/kube/http2.js';
import { loadKubeconfig } from '../../src/kube/kubeconfig.js';
import { until } from '../support/until.js';
import { failure, makeCert, startH2Server, tempDir, writeKubeconfig, type H2Server } from './helpers.js';

const dir = tempDir();
const cert = makeCert(dir);
const clientCert = makeCert(dir, 'student');

let servers: H2Server[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  closeAllSessions();
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

type Handler = Parameters<typeof startH2Server>[1];

async function serve(handler: Handler, opts: Parameters<typeof startH2Server>[2] = {}) {
  const srv = await startH2Server(cert, handler, opts);
  servers.push(srv);
  return srv;
}

function kubeconfigFor(server: string, cluster: Record<string, unknown> = { 'certificate-authority': cert.certFile }, user: Record<string, unknown> = { token: 'tok' }) {
  const file = writeKubeconfig(path.join(tempDir(), 'config'), {
    clusters: [{ name: 'c', cluster: { server, ...cluster } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'ctx',
  });
  return loadKubeconfig({ kubeconfig: file }).kc;
}

const json = (body: unknown): Handler => (_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
};

describe('one connection', () => {
  it("the dashboard's 15 watches and its lists share one TLS connection, all over HTTP/2", async () => {
    const srv = await serve((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.includes('watch=1')) res.write('');
      else res.end('{"kind":"List","items":[]}');
    });
    const kc = kubeconfigFor(srv.url);
    const ctl = new AbortController();
    setMaxListeners(20, ctl.signal);
    const watches = await Promise.all(Array.from({ length: 15 }, (_, i) => kubeRequest(kc, `/api/v1/kind${i}?watch=1`, { signal: ctl.signal })));
    for (let i = 0; i < 5; i++) await kubeJson(kc, `/api/v1/pods?limit=500&page=${i}`);
    expect(watches.every((w) => w.status === 200)).toBe(true);
    expect(srv.received).toHaveLength(20);
    expect(srv.received.every((r) => r.version === '2.0' && r.authorization === 'Bearer tok')).toBe(true);
    expect(srv.sessions()).toBe(1);
    ctl.abort();
  });

  it('DISABLE_HTTP2 keeps HTTP/1.1, as it does for kubectl (client-go)', async () => {
    vi.stubEnv('DISABLE_HTTP2', 'true');
    const srv = await serve(json({ kind: 'Status' }));
    await kubeJson(kubeconfigFor(srv.url), '/version');
    expect(srv.received.map((r) => r.version)).toEqual(['1.1']);
  });
});

describe('a connection that goes away', () => {
  it('a GOAWAY lets the answer in flight finish; the next request opens a new connection', async () => {
    const srv = await serve((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"n":1}');
      // kube-apiserver's --goaway-chance: a graceful GOAWAY after a response.
      if (srv.received.length === 1) (req as unknown as { stream: import('node:http2').ServerHttp2Stream }).stream.session?.goaway();
    });
    const kc = kubeconfigFor(srv.url);
    await expect(kubeJson(kc, '/a')).resolves.toEqual({ n: 1 });
    await expect(kubeJson(kc, '/b')).resolves.toEqual({ n: 1 });
    await expect(kubeJson(kc, '/c')).resolves.toEqual({ n: 1 });
    expect(srv.sessions()).toBe(2);
  });

  it('a dropped connection cuts its watch as a cut HTTP/1.1 connection does, and the next watch connects again', async () => {
    const srv = await serve((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.write('{"type":"ADDED","object":{}}\n');
    });
    const kc = kubeconfigFor(srv.url);
    const watch = await kubeRequest(kc, '/api/v1/pods?watch=1');
    const reading = readText(watch.body).then(
      () => 'ended',
      () => 'failed',
    );
    srv.drop();
    // Either way the watcher sees it: an error, or an end that is not a proper one.
    const how = await reading;
    expect(how === 'failed' || !watch.complete()).toBe(true);
    const again = await kubeRequest(kc, '/api/v1/pods?watch=1');
    expect(again.status).toBe(200);
    expect(srv.sessions()).toBe(2);
    again.body.destroy();
  });

  it('aborting one watch leaves the others on the connection streaming', async () => {
    const writers: Array<(line: string) => void> = [];
    const srv = await serve((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.write('');
      writers.push((l) => res.write(l));
    });
    const kc = kubeconfigFor(srv.url);
    const first = new AbortController();
    const a = await kubeRequest(kc, '/a?watch=1', { signal: first.signal });
    const b = await kubeRequest(kc, '/b?watch=1');
    const aRead = readText(a.body).catch((e: Error) => e.name);
    first.abort();
    expect(await aRead).toBe('AbortError');
    const got: string[] = [];
    b.body.on('data', (c: Buffer) => got.push(c.toString()));
    writers[1]('{"type":"MODIFIED"}\n');
    await until(() => got.join('') === '{"type":"MODIFIED"}\n');
    expect(srv.sessions()).toBe(1);
    b.body.destroy();
  });
});

/** A TCP relay to `target` that can go silent (a peer gone without a FIN: a suspended laptop, a dead NAT). */
async function relay(target: string) {
  const { port } = new URL(target);
  const pairs: Array<[net.Socket, net.Socket]> = [];
  const server = net.createServer((inbound) => {
    const outbound = net.connect(Number(port), '127.0.0.1');
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
    pairs.push([inbound, outbound]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `https://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    /** Every connection so far stops carrying bytes, both ways, and stays open. */
    silence: () => pairs.forEach(([a, b]) => (a.unpipe(), b.unpipe())),
    close: () => {
      pairs.forEach(([a, b]) => (a.destroy(), b.destroy()));
      server.close();
    },
  };
}

describe('a connection that goes silent', () => {
  it('is found dead by its ping, fails its watch like a cut connection, and the next watch gets a new one', async () => {
    const saved = { ...http2Timings };
    Object.assign(http2Timings, { pingEveryMs: 100, pingTimeoutMs: 200 });
    const srv = await serve((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.write('{"type":"ADDED","object":{}}\n');
    });
    const hop = await relay(srv.url);
    try {
      const kc = kubeconfigFor(hop.url);
      const watch = await kubeRequest(kc, '/api/v1/pods?watch=1');
      hop.silence();
      const err = await failure(readText(watch.body));
      expect(describeError(err, { server: hop.url })).toBe(`cannot reach ${hop.url}: timed out`);
      const again = await kubeRequest(kc, '/api/v1/pods?watch=1');
      expect(again.status).toBe(200);
      expect(srv.sessions()).toBe(2);
      again.body.destroy();
    } finally {
      Object.assign(http2Timings, saved);
      hop.close();
    }
  });
});

describe('what HTTP/1.1 gave, over HTTP/2', () => {
  it("a 403 reads as the server's Status message, with Retry-After on a 429", async () => {
    const srv = await serve((req, res) => {
      res.statusCode = req.url === '/busy' ? 429 : 403;
      if (req.url === '/busy') res.setHeader('retry-after', '3');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ kind: 'Status', reason: 'Forbidden', message: 'pods is forbidden: User "student" cannot list resource "pods"' }));
    });
    const kc = kubeconfigFor(srv.url);
    const err = (await failure(kubeJson(kc, '/api/v1/pods'))) as KubeHttpError;
    expect(err).toBeInstanceOf(KubeHttpError);
    expect(err.message).toBe('403 Forbidden: pods is forbidden: User "student" cannot list resource "pods"');
    expect(err.reason).toBe('Forbidden');
    expect(((await failure(kubeJson(kc, '/busy'))) as KubeHttpError).retryAfterSec).toBe(3);
  });

  it('every Warning header reaches onWarning, one text each', async () => {
    const srv = await serve((_req, res) => {
      res.setHeader('warning', ['299 - "v1 ComponentStatus is deprecated, use something else"', '299 - "second \\"one\\""']);
      res.end('{}');
    });
    const seen: string[] = [];
    await kubeJson(kubeconfigFor(srv.url), '/api/v1/componentstatuses', { onWarning: (w) => seen.push(w) });
    expect(seen).toEqual(['v1 ComponentStatus is deprecated, use something else', 'second "one"']);
  });

  it('a gzip answer is read decompressed', async () => {
    const srv = await serve((req, res) => {
      expect(req.headers['accept-encoding']).toBe('gzip');
      res.setHeader('content-encoding', 'gzip');
      res.end(gzipSync('{"kind":"PodList","items":[]}'));
    });
    await expect(kubeJson(kubeconfigFor(srv.url), '/api/v1/pods', { gzip: true })).resolves.toEqual({ kind: 'PodList', items: [] });
  });

  it('a client certificate from the kubeconfig is presented on the HTTP/2 connection', async () => {
    const srv = await serve(json({}), { clientCA: clientCert });
    const kc = kubeconfigFor(srv.url, { 'certificate-authority': cert.certFile }, { 'client-certificate': clientCert.certFile, 'client-key': clientCert.keyFile });
    await kubeJson(kc, '/api/v1/namespaces/x/pods');
    expect(srv.received.at(-1)).toMatchObject({ url: '/api/v1/namespaces/x/pods', clientCN: 'student', version: '2.0' });
  });

  it('insecure-skip-tls-verify connects; without it an untrusted server is refused in one line', async () => {
    const srv = await serve(json({ ok: true }));
    await expect(kubeJson(kubeconfigFor(srv.url, { 'insecure-skip-tls-verify': true }), '/x')).resolves.toEqual({ ok: true });
    const err = await failure(kubeJson(kubeconfigFor(srv.url, {}), '/x'));
    expect(describeError(err, { server: srv.url })).toBe(`TLS error talking to ${srv.url}: its certificate is not trusted (self-signed or unknown authority) — set certificate-authority in the kubeconfig`);
  });
});
