// Cheap `limit=1` lists: the fallback way to learn whether a list is allowed where access reviews
// are not, and how the session tells "namespace does not exist" from "you may not read namespaces".
// Any kind a ResourceRef describes, through the object client (timed like every read).
import type { Api } from './api.js';
import { statusCodeOf } from './errors.js';
import type { ResourceRef } from './objects.js';

/**
 * true = the list works, false = 403, undefined = cannot tell (another error: a kind this server does
 * not serve answers 404, a network failure has no verdict). The namespace is ignored for cluster-scoped kinds.
 */
export async function probeList(api: Api, ref: ResourceRef, namespace?: string): Promise<boolean | undefined> {
  try {
    await api.objects.list(ref, namespace, { limit: 1 });
    return true;
  } catch (err) {
    return statusCodeOf(err) === 403 ? false : undefined;
  }
}
