// Is the server we reconnected to the cluster our rows came from? After a connection loss the API
// server may have been replaced (a new cluster on the same address, a restored etcd): its
// resourceVersions mean nothing for ours, and a watch resumed from one is answered with silence
// (ahead of it) or with its own, unrelated history. The uid of an object every cluster has tells:
// the namespace "default", else the user's own namespace, else its "default" service account — the
// first one this account may read. One check serves every watcher that lost its connection before
// it started, so an outage costs one request, not one per kind.
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeHttpError, kubeText } from '../kube/http.js';

export type ServerVerdict = 'same' | 'changed' | 'unknown';

export interface ServerIdentity {
  /** Called by watchers after a connection loss that began at `lostAt` (ms). */
  check(lostAt: number): Promise<ServerVerdict>;
  /** Reads the anchor now (once a first list has come in full: the rows are this server's). */
  remember(): Promise<void>;
}

const TIMEOUT_MS = 3000;

/** `signal` ends every request it makes (the manager's stopAll: nothing is asked after it). */
export function createServerIdentity(kc: KubeConfig, namespaces: () => string[], signal: AbortSignal): ServerIdentity {
  let anchor: { path: string; uid: string } | undefined;
  let remembering: Promise<void> | undefined;
  let last: { startedAt: number; verdict: Promise<ServerVerdict> } | undefined;

  /** The object's uid; undefined when this account may not read it or it does not exist. */
  async function uidAt(path: string): Promise<string | undefined> {
    try {
      const uid = JSON.parse(await kubeText(kc, path, { signal, timeoutMs: TIMEOUT_MS }))?.metadata?.uid;
      return typeof uid === 'string' && uid ? uid : undefined;
    } catch (err) {
      if (err instanceof KubeHttpError && (err.code === 403 || err.code === 404)) return undefined;
      throw err;
    }
  }

  const candidates = () => {
    const own = namespaces().filter((ns) => ns && ns !== 'default');
    const enc = encodeURIComponent;
    return ['/api/v1/namespaces/default', ...own.map((ns) => `/api/v1/namespaces/${enc(ns)}`), ...own.map((ns) => `/api/v1/namespaces/${enc(ns)}/serviceaccounts/default`)];
  };

  function remember(): Promise<void> {
    remembering ??= (async () => {
      for (const path of candidates()) {
        if (signal.aborted) return;
        const uid = await uidAt(path);
        if (uid) {
          anchor = { path, uid };
          return;
        }
      }
    })()
      .catch(() => undefined)
      .finally(() => (remembering = undefined));
    return remembering;
  }

  async function verdict(): Promise<ServerVerdict> {
    if (!anchor) {
      // Nothing to compare with: find an anchor for next time, and trust nothing now.
      await remember();
      return 'unknown';
    }
    const was = anchor;
    try {
      const uid = await uidAt(was.path);
      if (uid === was.uid) return 'same';
      if (uid) anchor = { path: was.path, uid };
      else {
        anchor = undefined;
        await remember();
      }
      return 'changed';
    } catch {
      return 'unknown';
    }
  }

  return {
    remember,
    check(lostAt) {
      if (last && last.startedAt >= lostAt) return last.verdict;
      last = { startedAt: Date.now(), verdict: verdict() };
      return last.verdict;
    },
  };
}
