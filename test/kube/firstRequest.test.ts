// firstRequestSent (src/kube/http.ts): the dashboard starts loading its full-screen modules once the
// process's first request has left, so that compiling them never delays that request. It must stay
// pending while nothing has been sent, and resolve once a request is on its way, over either protocol.
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadKubeconfig } from '../../src/kube/kubeconfig.js';
import { makeCert, simpleConfig, startFakeServer, startH2Server, tempDir, writeKubeconfig, type FakeServer } from './helpers.js';

const cert = makeCert(tempDir());
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

type Handler = Parameters<typeof startFakeServer>[0];
const PROTOCOLS = [
  { name: 'HTTP/1.1', start: (h: Handler) => startFakeServer(h) },
  { name: 'HTTP/2', start: (h: Handler) => startH2Server(cert, h) },
] as const;

describe.each(PROTOCOLS)('over $name', ({ start }) => {
  it('is pending until the first request is sent, and resolved once it has been', async () => {
    // A fresh transport: the promise is the process's, and another test's request would have resolved it.
    vi.resetModules();
    const http = await import('../../src/kube/http.js');
    const http2 = await import('../../src/kube/http2.js');
    let sent = false;
    void http.firstRequestSent().then(() => (sent = true));
    let arrived = 0;
    const srv: FakeServer = await start((_req, res) => {
      arrived++;
      res.setHeader('content-type', 'application/json');
      res.end('{"major":"1"}');
    });
    cleanup = async () => {
      http2.closeAllSessions();
      await srv.close();
    };
    const cfg = simpleConfig('ctx', srv.url, { token: 'tok' });
    if (srv.url.startsWith('https:')) cfg.clusters![0].cluster['certificate-authority'] = cert.certFile;
    const { kc } = loadKubeconfig({ kubeconfig: writeKubeconfig(path.join(tempDir(), 'config'), cfg) });
    await new Promise((r) => setTimeout(r, 50));
    expect(sent, 'resolved with nothing sent').toBe(false);
    expect(await http.kubeJson(kc, '/version')).toEqual({ major: '1' });
    expect(arrived).toBe(1);
    expect(sent).toBe(true);
  });
});

describe.each(PROTOCOLS)('the checks at start, over $name', ({ start }) => {
  it("wait for the first list's request to leave: the server sees the list first", async () => {
    vi.resetModules();
    const { connect } = await import('../../src/app/connect.js');
    const { startFirstList } = await import('../../src/app/firstList.js');
    const { kindById } = await import('../../src/resources/registry.js');
    const http2 = await import('../../src/kube/http2.js');
    const arrived: string[] = [];
    const srv: FakeServer = await start((req, res) => {
      arrived.push(`${req.method} ${req.url}`);
      res.setHeader('content-type', 'application/json');
      if (req.url === '/version') return res.end('{"gitVersion":"v1.36.0"}');
      if (req.url?.includes('selfsubjectaccessreviews')) return res.end('{"status":{"allowed":true}}');
      if (req.url?.includes('selfsubjectrulesreviews')) return res.end('{"status":{"resourceRules":[],"incomplete":true}}');
      res.end('{"kind":"List","metadata":{"name":"x"},"items":[]}');
    });
    cleanup = async () => {
      http2.closeAllSessions();
      await srv.close();
    };
    const cfg = simpleConfig('ctx', srv.url, { token: 'tok', namespace: 'ns1' });
    if (srv.url.startsWith('https:')) cfg.clusters![0].cluster['certificate-authority'] = cert.certFile;
    const file = writeKubeconfig(path.join(tempDir(), 'config'), cfg);
    const conn = await connect({ kubeconfig: file }, (scope) => startFirstList(scope, kindById('pods')!));
    await conn.early?.stop();
    await conn.close();
    expect(arrived[0]).toMatch(/^GET \/api\/v1\/namespaces\/ns1\/pods\?/);
    expect(arrived).toContain('GET /version');
  });
});
