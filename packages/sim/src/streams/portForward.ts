// pods/portforward over WebSocket. kubectl ≥1.31 tunnels SPDY through it (`SPDY/3.1+portforward.k8s.io`):
// for each local connection it opens an error stream and a data stream carrying the same `requestid`
// and `port` headers; the server connects to the port in the pod and copies bytes, or writes
// containerd's "connection refused" on the error stream. Clients of the older WebSocket protocol
// (`portforward.k8s.io`, `v4.channel.k8s.io`; client-node's PortForward) name the ports in the query
// (`?ports=80,6379`) and get channels 2i (data) and 2i+1 (error), each first announcing its port as
// two little-endian bytes. When the pod goes, the connection ends, as the pod's network namespace does.
import { createHash } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { ServerEnv } from '../http.js';
import type { KubeObject } from '../types.js';
import { connectApp, listener, type AppConn } from './apps.js';
import { spdyServer, type SpdyStream } from './spdy.js';

export const PORT_FORWARD_PROTOCOLS = ['SPDY/3.1+portforward.k8s.io', 'portforward.k8s.io', 'v4.channel.k8s.io'];

export interface PortForwardSession {
  podGone(): void;
}

/** What containerd answers when nothing listens on the port in the pod's network namespace. */
export function refusedMessage(pod: KubeObject, port: number): string {
  const uid = pod.metadata.uid ?? pod.metadata.name ?? '';
  const sandbox = createHash('sha256').update(`sandbox/${uid}`).digest('hex');
  const h = createHash('sha256').update(`netns/${uid}`).digest('hex');
  const netns = `/var/run/netns/cni-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  return `error forwarding port ${port} to pod ${sandbox}, uid : failed to execute portforward in network namespace "${netns}": failed to connect to localhost:${port} inside namespace "${sandbox}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;
}

export function startPortForward(ws: WebSocket, env: ServerEnv, pod: KubeObject, query: URLSearchParams): PortForwardSession {
  const conns = new Set<AppConn>();
  const current = () => env.store.get('pods', pod.metadata.namespace, pod.metadata.name ?? '') ?? pod;
  ws.on('error', () => undefined);
  if (ws.protocol.startsWith('SPDY/3.1+')) tunnel(ws, env, current, conns);
  else legacy(ws, env, current, query, conns);
  return {
    podGone() {
      for (const c of conns) c.end();
      conns.clear();
      ws.close(1000);
    },
  };
}

function tunnel(ws: WebSocket, env: ServerEnv, current: () => KubeObject, conns: Set<AppConn>): void {
  const pairs = new Map<string, { error?: SpdyStream; data?: SpdyStream }>();
  const spdy = spdyServer(
    (frame) => {
      if (ws.readyState === ws.OPEN) ws.send(frame, { binary: true });
    },
    (stream) => {
      const id = stream.headers.get('requestid') ?? '';
      const type = stream.headers.get('streamtype');
      const pair = pairs.get(id) ?? {};
      pairs.set(id, pair);
      if (type === 'error') pair.error = stream;
      else if (type === 'data') pair.data = stream;
      else return stream.reset();
      if (!pair.error || !pair.data) return;
      pairs.delete(id);
      forward(pair.error, pair.data);
    },
  );

  function forward(errorStream: SpdyStream, data: SpdyStream): void {
    const port = Number(data.headers.get('port'));
    const pod = current();
    const container = Number.isInteger(port) && port > 0 && port < 65536 ? listener(env.store, pod, port) : undefined;
    if (!container) {
      errorStream.write(refusedMessage(pod, port));
      errorStream.close();
      data.reset();
      return;
    }
    let done = false;
    const app = connectApp(pod, container, {
      data: (b) => data.write(typeof b === 'string' ? Buffer.from(b) : b),
      close() {
        if (done) return;
        done = true;
        conns.delete(app);
        data.close();
        errorStream.close();
      },
    });
    conns.add(app);
    data.onData = (b) => app.write(b);
    data.onEnd = () => app.end();
  }

  ws.on('message', (msg: Buffer, isBinary: boolean) => {
    if (isBinary) spdy.feed(msg);
  });
  ws.on('close', () => {
    spdy.shutdown();
    for (const c of conns) c.end();
    conns.clear();
  });
}

function legacy(ws: WebSocket, env: ServerEnv, current: () => KubeObject, query: URLSearchParams, conns: Set<AppConn>): void {
  const ports = query.getAll('ports').flatMap((p) => p.split(',')).map(Number);
  const send = (channel: number, data: Buffer | string) => {
    if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), typeof data === 'string' ? Buffer.from(data) : data]), { binary: true });
  };
  const apps: Array<AppConn | undefined> = [];
  for (const [i, port] of ports.entries()) {
    const le = Buffer.alloc(2);
    le.writeUInt16LE(port & 0xffff, 0);
    send(2 * i, le);
    send(2 * i + 1, le);
    const pod = current();
    const container = listener(env.store, pod, port);
    if (!container) {
      send(2 * i + 1, refusedMessage(pod, port));
      continue;
    }
    const app = connectApp(pod, container, { data: (b) => send(2 * i, b), close: () => ws.close(1000) });
    conns.add(app);
    apps[i] = app;
  }
  ws.on('message', (msg: Buffer, isBinary: boolean) => {
    if (!isBinary || !msg.length || msg[0] % 2 !== 0) return;
    apps[msg[0] / 2]?.write(msg.subarray(1));
  });
  ws.on('close', () => {
    for (const c of conns) c.end();
    conns.clear();
  });
}
