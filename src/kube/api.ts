// The typed API clients every layer below the views uses. Built once per session from a KubeConfig.
import {
  AppsV1Api,
  AuthorizationV1Api,
  BatchV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import { objectClient, type ObjectClient } from './objects.js';

export interface Api {
  kc: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  authz: AuthorizationV1Api;
  custom: CustomObjectsApi;
  /** Any kind a descriptor describes: get, list, patch, delete, scale (src/kube/objects.ts). */
  objects: ObjectClient;
}

export function makeApi(kc: KubeConfig): Api {
  return {
    kc,
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    batch: kc.makeApiClient(BatchV1Api),
    authz: kc.makeApiClient(AuthorizationV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
    objects: objectClient(kc),
  };
}
