// Helpers for API-server tests: a sim per test file, polling without fixed sleeps, and Status
// bodies out of client-node's ApiException.
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { ApiException, AppsV1Api, CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { startSim, type Sim, type StartSimOptions } from '../../src/index.js';

/** An API server over the store alone, on plain HTTP (the tests of API behaviour need no TLS). */
export async function bareSim(opts: StartSimOptions = {}): Promise<Sim> {
  return startSim({ scenario: 'empty', runtime: false, clock: 'manual', tls: false, ...opts });
}

/**
 * fetch() against the sim, trusting its CA when it serves HTTPS (Node's fetch takes no CA): the answer
 * is a web Response, streamed (watches) as fetch's is.
 */
export function simFetch(sim: Pick<Sim, 'url' | 'ca'>, path: string, init: RequestInit = {}): Promise<Response> {
  if (!sim.ca) return fetch(sim.url + path, init);
  const method = init.method ?? 'GET';
  return new Promise((resolve, reject) => {
    const req = httpsRequest(sim.url + path, { method, headers: Object.fromEntries(new Headers(init.headers)), ca: sim.ca, signal: init.signal ?? undefined }, (res) => {
      const status = res.statusCode ?? 0;
      const headers = new Headers();
      for (const [k, v] of Object.entries(res.headers)) for (const one of [v ?? []].flat()) headers.append(k, one);
      const empty = method === 'HEAD' || [204, 205, 304].includes(status);
      if (empty) res.resume();
      resolve(new Response(empty ? null : (Readable.toWeb(res) as ReadableStream), { status, headers }));
    });
    req.on('error', reject);
    req.end(init.body ?? undefined);
  });
}

export function clients(kc: KubeConfig) {
  return { core: kc.makeApiClient(CoreV1Api), apps: kc.makeApiClient(AppsV1Api) };
}

/** The Status object of a failed client-node call. */
export async function apiError(p: Promise<unknown>): Promise<{ code: number; reason: string; message: string; details?: any; status: string; kind: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiException) {
      const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
      return body;
    }
    throw e;
  }
  throw new Error('expected the call to fail');
}

export async function waitFor<T>(fn: () => T | undefined | false | Promise<T | undefined | false>, what = 'condition', timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const pod = (name: string, ns = 'default', labels: Record<string, string> = {}, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
  ...extra,
});

export const deployment = (name: string, ns = 'default', replicas = 2) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: ns, labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: `${name}:1` }] } },
  },
});

/** Raw HTTP with a bearer token (for what client-node cannot express). */
export async function raw(sim: Sim, path: string, init: RequestInit & { token?: 'admin' | 'student' | null } = {}): Promise<Omit<Response, 'json'> & { json(): Promise<any> }> {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? sim.tokens.admin : init.token === null ? undefined : sim.tokens[init.token];
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return simFetch(sim, path, { ...init, headers });
}

/** Reads a streaming watch response line by line until `until` returns true or the stream ends. */
export async function readWatch(res: Response, until: (events: any[]) => boolean = () => false): Promise<{ events: any[]; ended: boolean }> {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = '';
  const events: any[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { events, ended: true };
    buf += dec.decode(value, { stream: true });
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (line.trim()) events.push(JSON.parse(line));
    }
    if (until(events)) {
      await reader.cancel();
      return { events, ended: false };
    }
  }
}
