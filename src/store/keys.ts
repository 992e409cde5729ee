// Watch keys name one list+watch: `${kindId}@${namespace}`; cluster-wide scope has an empty namespace.
import type { WatchKey } from './types.js';

export function keyOf(kindId: string, namespace: string | undefined): WatchKey {
  return `${kindId}@${namespace ?? ''}`;
}

export function parseKey(key: WatchKey): { kindId: string; namespace: string | undefined } {
  const at = key.lastIndexOf('@');
  if (at < 0) return { kindId: key, namespace: undefined };
  const ns = key.slice(at + 1);
  return { kindId: key.slice(0, at), namespace: ns === '' ? undefined : ns };
}
