// A recording HTTP proxy in front of the embedded cluster: tests see every URL the watcher asked
// for (list vs watch, continue tokens, resourceVersions) and how many connections are still open.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';

export interface RecordingProxy {
  url: string;
  requests: URL[];
  /** Requests whose whole answer the proxy has passed on to the client, in the order they ended. */
  answered: URL[];
  lists(): URL[];
  watches(): URL[];
  /** Requests still in flight or streaming. */
  open(): number;
  kubeConfig(token: string): KubeConfig;
  close(): Promise<void>;
}

/** A plain-HTTP proxy to `target`: the embedded cluster (HTTPS, trusting its CA) or any http:// server. */
export async function startProxy(target: string | { url: string; ca?: string }): Promise<RecordingProxy> {
  const { url: targetUrl, ca } = typeof target === 'string' ? { url: target, ca: undefined } : target;
  const requests: URL[] = [];
  const answered: URL[] = [];
  let open = 0;
  const sockets = new Set<Socket>();
  const upstream = new URL(targetUrl);
  const client = upstream.protocol === 'https:' ? https : http;
  const server = http.createServer((req, res) => {
    const asked = new URL(req.url ?? '/', 'http://proxy');
    requests.push(asked);
    res.on('finish', () => answered.push(asked));
    open++;
    let counted = true;
    const done = () => {
      if (counted) open--;
      counted = false;
    };
    res.on('close', done);
    const up = client.request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers, ca },
      (ur) => {
        res.writeHead(ur.statusCode ?? 502, ur.headers);
        res.flushHeaders();
        ur.pipe(res);
        ur.on('error', () => res.destroy());
        ur.on('aborted', () => res.destroy());
      },
    );
    up.on('error', () => (res.headersSent ? res.destroy() : (res.writeHead(502), res.end())));
    // The client went away (watcher aborted): cut the upstream request too.
    res.on('close', () => {
      if (!res.writableFinished) up.destroy();
    });
    req.pipe(up);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    answered,
    // Reads of a kind's whole state: paged lists (not the limit=1 count a WatchList is paired with) and
    // WatchLists; watches are the live ones that follow.
    lists: () => requests.filter((u) => (u.searchParams.get('watch') === null && u.searchParams.get('limit') !== '1') || isWatchList(u)),
    watches: () => requests.filter((u) => u.searchParams.get('watch') !== null && !isWatchList(u)),
    open: () => open,
    kubeConfig(token) {
      const kc = new KubeConfig();
      kc.loadFromOptions({
        clusters: [{ name: 'proxy', server: url, skipTLSVerify: true }],
        users: [{ name: 'u', token }],
        contexts: [{ name: 'proxy', cluster: 'proxy', user: 'u' }],
        currentContext: 'proxy',
      });
      return kc;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

const isWatchList = (u: URL) => u.searchParams.get('sendInitialEvents') === 'true';
