// A port forward that outlives its pod: a local listener (127.0.0.1 by default) whose every connection
// is one WebSocket to the pod's port (src/kube/streams.ts). The pod is chosen from the pods the watchers
// keep (src/streams/podTargets.ts): a forward to a service or workload moves to another ready pod as soon
// as the store shows its pod gone or not ready (a deletion, a rollout) — connections to the old pod end,
// the next ones go to the new pod; a forward to a bare pod says when that pod was deleted. `kubectl
// port-forward` stops for good in both cases.
import net from 'node:net';
import type { KubeConfig } from '@kubernetes/client-node';
import { describeError } from '../kube/errors.js';
import { forwardStream, type ForwardChannel } from '../kube/streams.js';
import type { KObj } from '../resources/types.js';
import { candidatePods, podPort, targetLabel, type PodTarget } from './podTargets.js';

export interface ForwardSpec {
  target: PodTarget;
  /** The port asked for: a service port for a service, else a pod port (or a port name). */
  port: number | string;
  /** 0: any free port. */
  localPort: number;
  address: string;
}

/** The pods a forward chooses from, as the watchers keep them, and a way to hear of changes. */
export interface PodFeed {
  pods(): KObj[];
  subscribe(fn: () => void): () => void;
  /** The service, for a service target (its ports' targetPorts). */
  service?(): KObj | undefined;
}

export type ForwardStateName = 'active' | 'waiting' | 'pod deleted' | 'stopped';

export interface ForwardInfo {
  id: number;
  /** 127.0.0.1:8080 */
  local: string;
  /** svc/webnodb:80 */
  target: string;
  namespace: string;
  /** The pod new connections go to now. */
  pod?: string;
  bytesIn: number;
  bytesOut: number;
  /** Connections open now / since the start. */
  open: number;
  total: number;
  state: ForwardStateName;
  /** The last thing worth saying (a switch, a refused connection), one line. */
  note?: string;
}

export interface Forward {
  info(): ForwardInfo;
  stop(): Promise<void>;
  /** Every state change and note (not byte counts). */
  subscribe(fn: (info: ForwardInfo) => void): () => void;
}

interface Conn {
  pod: string;
  socket: net.Socket;
  channel?: ForwardChannel;
}

let nextId = 1;

/** Listens, then follows the target's pods. Rejects with one line when the local address cannot be had. */
export async function startForward(kc: KubeConfig, spec: ForwardSpec, feed: PodFeed): Promise<Forward> {
  const label = `${targetLabel(spec.target)}:${spec.port}`;
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'EADDRINUSE' ? 'address already in use' : e.code === 'EACCES' ? 'permission denied (ports under 1024 need root)' : e.message;
      reject(new Error(`cannot listen on ${spec.address}:${spec.localPort}: ${why}`));
    });
    server.listen(spec.localPort, spec.address, () => resolve());
  });
  const addr = server.address() as net.AddressInfo;
  const info: ForwardInfo = {
    id: nextId++,
    local: `${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}`,
    target: label,
    namespace: spec.target.namespace,
    bytesIn: 0,
    bytesOut: 0,
    open: 0,
    total: 0,
    state: 'waiting',
  };
  const conns = new Set<Conn>();
  const listeners = new Set<(i: ForwardInfo) => void>();
  const changed = () => listeners.forEach((fn) => fn({ ...info }));
  let seenPod = false;

  const choose = () => {
    if (info.state === 'stopped') return;
    const candidates = candidatePods(spec.target, feed.pods());
    const before = info.pod;
    const keep = candidates.find((p) => p.metadata.name === before);
    const next = keep ?? candidates[0];
    if (spec.target.kind === 'pod') {
      if (next) seenPod = true;
      if (!next && seenPod && info.state !== 'pod deleted') {
        info.state = 'pod deleted';
        info.pod = undefined;
        info.note = `pod ${spec.target.name} was deleted: nothing to forward to (a pod of that name would be used again)`;
        endConnections(before);
        changed();
        return;
      }
    }
    if (next && next.metadata.name === before) {
      if (info.state !== 'active') {
        info.state = 'active';
        changed();
      }
      return;
    }
    if (!next && !before && info.note) return; // still no pod: said already
    info.pod = next?.metadata.name;
    info.state = next ? 'active' : 'waiting';
    if (before && next) info.note = `${label}: pod ${before} is gone or not ready, now forwarding to ${next.metadata.name}`;
    else if (next) info.note = `${label}: forwarding to pod ${next.metadata.name}`;
    else if (before) info.note = `${label}: pod ${before} is gone or not ready, waiting for a ready pod`;
    else info.note = `${label}: no ready pod yet`;
    endConnections(before);
    changed();
  };

  /** Connections to a pod that went away are dead ends: close them so clients reconnect to the new pod. */
  const endConnections = (pod: string | undefined) => {
    if (!pod) return;
    for (const c of conns) if (c.pod === pod) c.socket.destroy();
  };

  server.on('connection', (socket) => {
    const podName = info.pod;
    const pod = podName ? feed.pods().find((p) => p.metadata.name === podName && p.metadata.namespace === spec.target.namespace) : undefined;
    if (!pod) {
      info.note = `${label}: refused a connection: ${info.state === 'pod deleted' ? `pod ${spec.target.name} was deleted` : 'no ready pod'}`;
      changed();
      socket.destroy();
      return;
    }
    const port = podPort(spec.target, feed.service?.(), pod, spec.port);
    if (typeof port !== 'number') {
      info.note = `${label}: ${port.error}`;
      changed();
      socket.destroy();
      return;
    }
    const conn: Conn = { pod: pod.metadata.name, socket };
    conns.add(conn);
    info.open++;
    info.total++;
    socket.pause();
    socket.on('error', () => undefined);
    socket.once('close', () => {
      conns.delete(conn);
      info.open--;
      conn.channel?.close();
    });
    const onData = (d: Buffer) => {
      info.bytesIn += d.length;
      if (!socket.write(d)) conn.channel?.pause();
    };
    socket.on('drain', () => conn.channel?.resume());
    forwardStream(kc, { namespace: spec.target.namespace, pod: pod.metadata.name }, port, onData)
      .then((ch) => {
        conn.channel = ch;
        if (socket.destroyed) return ch.close();
        socket.on('data', (d: Buffer) => {
          info.bytesOut += d.length;
          if (!ch.write(d)) {
            socket.pause();
            setTimeout(() => socket.resume(), 20);
          }
        });
        socket.on('end', () => ch.close());
        socket.resume();
        void ch.ended.then((err) => {
          if (err) {
            info.note = `${label}: ${err}`;
            changed();
          }
          socket.end();
        });
      })
      .catch((err) => {
        info.note = `${label}: ${describeError(err)}`;
        changed();
        socket.destroy();
      });
  });

  const unsubscribe = feed.subscribe(choose);
  choose();
  return {
    info: () => ({ ...info }),
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    async stop() {
      if (info.state === 'stopped') return;
      info.state = 'stopped';
      unsubscribe();
      for (const c of conns) c.socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      changed();
    },
  };
}
