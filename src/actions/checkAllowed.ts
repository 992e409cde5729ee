// Permission awareness: ask the server (SelfSubjectAccessReview) whether the user may do an action
// before offering it. Answers are cached per Api (one session), since RBAC rarely changes mid-class.
import type { Api } from '../kube/api.js';
import { selfSubjectReview } from '../kube/permissions.js';
import { clean, errorMessage } from './result.js';
import { kindId, kindOf } from './targets.js';
import type { ActionId } from '../resources/types.js';

export interface Allowed {
  allowed: boolean;
  /** Why not (or the server's reason when it gave one); empty when allowed. */
  reason: string;
}

const cache = new WeakMap<Api, Map<string, Promise<Allowed>>>();

export function checkAllowed(
  api: Api,
  verb: string,
  resource: string,
  group: string,
  namespace: string,
  subresource?: string,
): Promise<Allowed> {
  let perApi = cache.get(api);
  if (!perApi) cache.set(api, (perApi = new Map()));
  const key = [verb, group, resource, subresource ?? '', namespace].join('|');
  let hit = perApi.get(key);
  if (!hit) {
    hit = review(api, verb, resource, group, namespace, subresource);
    perApi.set(key, hit);
    // A failed review (network) is not an answer: ask again next time.
    void hit.then((a) => a.reason.startsWith('could not check') && perApi!.delete(key));
  }
  return hit;
}

async function review(api: Api, verb: string, resource: string, group: string, namespace: string, subresource?: string): Promise<Allowed> {
  const what = `${verb} ${group ? `${resource}.${group}` : resource}${subresource ? `/${subresource}` : ''}`;
  try {
    const st = await selfSubjectReview(api, 'SelfSubjectAccessReview', {
      resourceAttributes: { verb, resource, group, namespace, ...(subresource ? { subresource } : {}) },
    });
    if (st?.allowed && !st.denied) return { allowed: true, reason: '' };
    const why = st?.reason || st?.evaluationError;
    const where = namespace ? ` in namespace ${namespace}` : '';
    return { allowed: false, reason: clean(`you may not ${what}${where}${why ? ` (${why})` : ''}`) };
  } catch (e) {
    return { allowed: true, reason: `could not check ${what}: ${errorMessage(e)}` };
  }
}

/** The RBAC request behind each action id (undefined: nothing to ask). */
export function actionVerb(action: ActionId, kind: string): { verb: string; resource: string; group: string; subresource?: string } | undefined {
  const id = kindId(kind);
  const group = kindOf(id)?.group ?? '';
  switch (action) {
    case 'scale':
      return { verb: 'update', resource: id, group, subresource: 'scale' };
    case 'restart':
    case 'pause':
    case 'resume':
    case 'undo':
      return { verb: 'patch', resource: id, group };
    case 'delete':
    case 'kill':
      return { verb: 'delete', resource: id, group };
    default:
      return undefined;
  }
}

/** Whether the user may run an action on objects of a kind in a namespace. */
export function checkAction(api: Api, action: ActionId, kind: string, namespace: string): Promise<Allowed> {
  const v = actionVerb(action, kind);
  if (!v) return Promise.resolve({ allowed: true, reason: '' });
  return checkAllowed(api, v.verb, v.resource, v.group, namespace, v.subresource);
}
