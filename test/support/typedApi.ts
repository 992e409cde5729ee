// The Api with client-node's generated clients beside it, for tests that set up or inspect a cluster
// as another client would. The app has no use for them (src/kube/api.ts).
import { AppsV1Api, AuthorizationV1Api, BatchV1Api, CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { makeApi, type Api } from '../../src/kube/api.js';

export interface TypedApi extends Api {
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  authz: AuthorizationV1Api;
  custom: CustomObjectsApi;
}

export function makeTypedApi(kc: KubeConfig): TypedApi {
  return {
    ...makeApi(kc),
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    batch: kc.makeApiClient(BatchV1Api),
    authz: kc.makeApiClient(AuthorizationV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
  };
}
