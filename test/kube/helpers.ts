// Test helpers: temp dirs with kubeconfig files, a tiny API server that records what it received,
// and a throwaway self-signed certificate (made with openssl at test time).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kdash-kube-'));
}

export interface KcEntry {
  clusters?: Array<{ name: string; cluster: Record<string, unknown> }>;
  users?: Array<{ name: string; user: Record<string, unknown> }>;
  contexts?: Array<{ name: string; context: Record<string, unknown> }>;
  'current-context'?: string;
}

export function writeKubeconfig(file: string, cfg: KcEntry): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, YAML.stringify({ apiVersion: 'v1', kind: 'Config', ...cfg }));
  return file;
}

/** A kubeconfig with one context `name` → cluster `name` at server → user `name` with a token. */
export function simpleConfig(name: string, server: string, extra: { token?: string; namespace?: string; current?: boolean } = {}): KcEntry {
  return {
    clusters: [{ name, cluster: { server } }],
    users: [{ name, user: { token: extra.token ?? `token-${name}` } }],
    contexts: [{ name, context: { cluster: name, user: name, ...(extra.namespace ? { namespace: extra.namespace } : {}) } }],
    ...(extra.current === false ? {} : { 'current-context': name }),
  };
}

export interface Received {
  method: string;
  url: string;
  authorization?: string;
  clientCN?: string;
  /** The request's protocol version: '1.1' or '2.0'. */
  version?: string;
}

export interface FakeServer {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, got: Received) => void;

const versionHandler: Handler = (_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ major: '1', minor: '31', gitVersion: 'v1.31.0-fake' }));
};

function listen(server: http.Server | https.Server, scheme: string, received: Received[]): Promise<FakeServer> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `${scheme}://127.0.0.1:${port}`,
        received,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}

/** Plain-http server; answers /version unless handler says otherwise. */
export function startFakeServer(handler: Handler = versionHandler): Promise<FakeServer> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const got = { method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, version: req.httpVersion };
    received.push(got);
    handler(req, res, got);
  });
  return listen(server, 'http', received);
}

export interface Cert {
  dir: string;
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
}

/** Self-signed EC certificate for 127.0.0.1, also usable as its own CA and as a client cert. */
export function makeCert(dir: string, cn = '127.0.0.1'): Cert {
  const certFile = path.join(dir, `${cn}.crt`);
  const keyFile = path.join(dir, `${cn}.key`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', `/CN=${cn}`,
    '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'ignore' });
  return { dir, certFile, keyFile, cert: fs.readFileSync(certFile, 'utf8'), key: fs.readFileSync(keyFile, 'utf8') };
}

/** https server with `serverCert`; if clientCA is given, records the client certificate's CN. */
export function startTlsServer(serverCert: Cert, clientCA?: Cert, handler: Handler = versionHandler): Promise<FakeServer> {
  const received: Received[] = [];
  const server = https.createServer(
    { key: serverCert.key, cert: serverCert.cert, ...(clientCA ? { ca: [clientCA.cert], requestCert: true, rejectUnauthorized: false } : {}) },
    (req, res) => {
      const sock = req.socket as import('node:tls').TLSSocket;
      const peer = clientCA && sock.authorized ? sock.getPeerCertificate() : undefined;
      const cn = peer?.subject?.CN;
      const got: Received = { method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, clientCN: Array.isArray(cn) ? cn[0] : cn, version: req.httpVersion };
      received.push(got);
      handler(req, res, got);
    },
  );
  return listen(server, 'https', received);
}

export interface H2Server extends FakeServer {
  /** HTTP/2 connections (sessions) the server has accepted so far. */
  sessions(): number;
  /** Closes every open connection at once, streams and all (a dropped connection). */
  drop(): void;
}

/**
 * An HTTP/2 server over TLS with `serverCert` (ALPN h2, and http/1.1 too unless h1 is false), the
 * handler on Node's compatibility API (the same req/res as an HTTP/1.1 server's).
 */
export function startH2Server(serverCert: Cert, handler: Handler = versionHandler, opts: { h1?: boolean; clientCA?: Cert } = {}): Promise<H2Server> {
  const received: Received[] = [];
  const live = new Set<http2.ServerHttp2Session>();
  const sockets = new Set<import('node:net').Socket>();
  let accepted = 0;
  const server = http2.createSecureServer({
    key: serverCert.key,
    cert: serverCert.cert,
    allowHTTP1: opts.h1 !== false,
    ...(opts.clientCA ? { ca: [opts.clientCA.cert], requestCert: true, rejectUnauthorized: false } : {}),
  });
  server.on('secureConnection', (sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
  });
  server.on('session', (s) => {
    accepted++;
    live.add(s);
    s.on('close', () => live.delete(s));
  });
  server.on('request', (req, res) => {
    const sock = req.socket as import('node:tls').TLSSocket;
    const peer = opts.clientCA && sock.authorized ? sock.getPeerCertificate() : undefined;
    const cn = peer?.subject?.CN;
    const got: Received = { method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, clientCN: Array.isArray(cn) ? cn[0] : cn, version: req.httpVersion };
    received.push(got);
    handler(req as unknown as http.IncomingMessage, res as unknown as http.ServerResponse, got);
  });
  const drop = () => {
    for (const s of live) s.destroy();
  };
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `https://127.0.0.1:${port}`,
        received,
        sessions: () => accepted,
        drop,
        close: () =>
          new Promise<void>((r) => {
            drop();
            for (const sock of sockets) sock.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}

/** The error a promise fails with; the test fails if it does not. */
export async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the request to fail');
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
