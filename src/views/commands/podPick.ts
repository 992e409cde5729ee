// Where a shell, an attach or a forward from a row goes: the pod itself, or one ready pod of the
// workload or service (from the store: the pods of its namespace are watched until they are listed),
// then which container (a picker when there are several, the default-container annotation first).
import type { KObj } from '../../resources/types.js';
import { keyOf } from '../../store/keys.js';
import { selectObjects } from '../../store/selectors.js';
import { whenListed } from '../../store/index.js';
import { candidatePods, containerChoices, targetLabel, targetOf, type ContainerChoice, type PodTarget } from '../../streams/podTargets.js';
import type { AppControls, TableControls } from './types.js';

/** The row's target, or a one-line reason there is none (said in the footer). */
export function rowTarget(app: AppControls, table: TableControls | undefined): PodTarget | undefined {
  const o = table?.selected;
  if (!table || !o) return undefined;
  const t = targetOf(table.kind.id, o);
  if ('error' in t) {
    app.say(t.error, 'error');
    return undefined;
  }
  return t;
}

/** The namespace's pods once listed (at most 10 s), holding the watch meanwhile. */
async function podsListed(app: AppControls, namespace: string): Promise<KObj[]> {
  const release = app.ports.watch('pods', namespace);
  try {
    const key = keyOf('pods', namespace);
    await whenListed(app.ports.store, key);
    return selectObjects(app.ports.store.getState(), key);
  } finally {
    release();
  }
}

/** The pod a command on this target uses: the pod itself, or the oldest ready pod of the workload. */
export function choosePod(app: AppControls, target: PodTarget, row: KObj, then: (pod: KObj) => void): void {
  if (target.kind === 'pod') return then(row);
  app.guard(async () => {
    const pods = candidatePods(target, await podsListed(app, target.namespace));
    if (pods.length === 0) return app.say(`no ready pod of ${targetLabel(target)}`, 'error');
    then(pods[0]);
  });
}

/** The container: the only one, or the person's pick (the default container first). */
export function chooseContainer(app: AppControls, pod: KObj, purpose: string, then: (c: ContainerChoice) => void): void {
  const choices = containerChoices(pod);
  if (choices.length === 0) return app.say(`pod ${pod.metadata.name} has no containers`, 'error');
  if (choices.length === 1) return then(choices[0]);
  app.pick({
    title: `${purpose} in which container of ${pod.metadata.name}? (j/k, enter or 1-9, esc)`,
    choices: choices.map((c, i) => `${c.name}  ${c.state}${i === 0 ? '  (default)' : ''}`),
    onPick: (i) => then(choices[i]),
  });
}
