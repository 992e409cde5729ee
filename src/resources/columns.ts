// Column builders shared by several kinds (NAME, AGE, CONTAINERS/IMAGES/SELECTOR of workloads).
import type { Column, KObj } from './types.js';
import { secondsSince, translateTimestampSince } from './format.js';
import { selectorToString } from './labels.js';

export const nameColumn: Column = {
  id: 'name',
  header: 'NAME',
  value: (o) => o.metadata.name,
};

/** NAMESPACE, first in a table of all namespaces (kubectl -A, k9s). */
export const namespaceColumn: Column = {
  id: 'namespace',
  header: 'NAMESPACE',
  value: (o) => o.metadata.namespace ?? '',
};

/** AGE from creationTimestamp relative to ctx.now (printers.go translateTimestampSince). */
export const ageColumn: Column = {
  id: 'age',
  header: 'AGE',
  value: (o, ctx) => secondsSince(o.metadata.creationTimestamp, ctx.now),
  text: (o, ctx) => translateTimestampSince(o.metadata.creationTimestamp, ctx.now),
};

/** A column showing a timestamp field as an age ("LAST SCHEDULE"), `missing` when unset. */
export function sinceColumn(id: string, header: string, get: (o: KObj) => string | undefined, missing: string): Column {
  return {
    id,
    header,
    value: (o, ctx) => secondsSince(get(o), ctx.now),
    text: (o, ctx) => (get(o) ? translateTimestampSince(get(o), ctx.now) : missing),
  };
}

/** A plain number column (DESIRED, CURRENT…): missing status fields print 0 as kubectl's int64 cells do. */
export function intColumn(id: string, header: string, get: (o: KObj) => number | undefined): Column {
  return { id, header, value: (o) => Number(get(o) ?? 0) };
}

// printers.go layoutContainerCells: names and images joined with ",".
export function containerColumns(template: (o: KObj) => any): Column[] {
  const containers = (o: KObj): any[] => template(o)?.spec?.containers ?? [];
  return [
    { id: 'containers', header: 'CONTAINERS', wide: true, squeeze: 'first', value: (o) => containers(o).map((c) => c.name).join(',') },
    { id: 'images', header: 'IMAGES', wide: true, squeeze: 'first', value: (o) => containers(o).map((c) => c.image).join(',') },
  ];
}

/**
 * SELECTOR of a LabelSelector: metav1.FormatLabelSelector ("<none>" when empty) as printReplicaSet,
 * printDaemonSet, printJob and printCronJob use; printDeployment prints selector.String() (empty: "").
 */
export function selectorColumn(get: (o: KObj) => any, empty = '<none>'): Column {
  return {
    id: 'selector',
    header: 'SELECTOR',
    wide: true,
    squeeze: 'first',
    value: (o) => {
      const s = get(o);
      return (s ? selectorToString(s.matchLabels, s.matchExpressions) : '') || empty;
    },
  };
}
