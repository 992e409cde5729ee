// Objects are trimmed once, when they arrive, so 10k–50k pods stay affordable in memory.
// managedFields and the last-applied annotation are often half of an object's JSON and no view shows
// them; of a kind whose descriptor names its `stored` fields (pods) only those are kept.
import type { KObj } from '../resources/types.js';
import { redactSecret } from '../resources/secretData.js';
import { allKinds } from '../resources/registry.js';
import { apiVersionOf } from '../resources/serverTable.js';
import { project, type FieldTree } from '../resources/storedFields.js';

const DROP_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

/** The kept fields of the kinds that keep less than the whole object, by apiVersion and kind. */
const STORED = new Map<string, FieldTree>(
  allKinds.flatMap((k) => (k.stored ? [[`${apiVersionOf(k)}/${k.kind}`, k.stored] as const] : [])),
);

/**
 * Returns the object without what no view needs. Copies only the parts it changes (metadata,
 * annotations; a projected kind's kept fields), never the whole object, so trimming a freshly parsed
 * page costs little.
 */
export function trimObject<T extends KObj>(input: T): T {
  // Secret values stop here: the store keeps keys and sizes only (src/resources/secretData.ts).
  const redacted = input.kind === 'Secret' ? redactSecret(input) : input;
  const fields = redacted.kind === undefined ? undefined : STORED.get(`${redacted.apiVersion}/${redacted.kind}`);
  const obj: T = fields ? project(redacted, fields) : redacted;
  const meta = obj.metadata;
  if (!meta) return obj;
  const hasManaged = meta.managedFields !== undefined;
  const annotations = meta.annotations;
  let dropAnno = false;
  if (annotations) {
    for (const a of DROP_ANNOTATIONS) if (a in annotations) dropAnno = true;
  }
  if (!hasManaged && !dropAnno) return obj;

  const { managedFields: _managed, ...restMeta } = meta;
  if (dropAnno && annotations) {
    const kept: Record<string, string> = {};
    let any = false;
    for (const k of Object.keys(annotations)) {
      if (DROP_ANNOTATIONS.includes(k)) continue;
      kept[k] = annotations[k];
      any = true;
    }
    if (any) restMeta.annotations = kept;
    else delete restMeta.annotations;
  }
  return { ...obj, metadata: restMeta as T['metadata'] };
}
