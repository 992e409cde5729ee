// What every layer below the views talks to the API server with: the kubeconfig (auth and transport,
// src/kube/http.ts) and the one object client (src/kube/objects.ts). Built once per session.
// client-node's generated clients are not part of it (tests have them, test/support/typedApi.ts): the
// app never used them, and loading them was 1.5 MB of the bundle parsed before the first request.
import type { KubeConfig } from '@kubernetes/client-node';
import { objectClient, type ObjectClient } from './objects.js';

export interface Api {
  kc: KubeConfig;
  /** Any kind a descriptor describes: get, list, patch, delete, scale (src/kube/objects.ts). */
  objects: ObjectClient;
}

export function makeApi(kc: KubeConfig): Api {
  return { kc, objects: objectClient(kc) };
}
