// The checks kube-apiserver makes on a list's or a watch's options before serving it
// (apimachinery's ValidateListOptions): WatchList's sendInitialEvents needs
// resourceVersionMatch=NotOlderThan and is a watch-only option; resourceVersionMatch needs a
// resourceVersion on a list and sendInitialEvents on a watch, and never goes with continue. Every
// violation is a cause of one 422 `ListOptions.meta.k8s.io "" is invalid`, in the server's order.
import { invalid, type FieldCause } from './status.js';

const forbidden = (field: string, detail: string): FieldCause => ({ field, type: 'FieldValueForbidden', message: `Forbidden: ${detail}` });
const notSupported = (value: string, supported: string[]): FieldCause => ({
  field: 'resourceVersionMatch',
  type: 'FieldValueNotSupported',
  message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
});

export function validateListOptions(query: URLSearchParams, watch: boolean, watchListEnabled = true): void {
  const match = query.get('resourceVersionMatch') ?? '';
  const rv = query.get('resourceVersion') ?? '';
  const cont = query.get('continue') ?? '';
  const initialEvents = query.has('sendInitialEvents');
  const causes: FieldCause[] = [];
  if (watch) {
    if (initialEvents && match !== 'NotOlderThan') causes.push(forbidden('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
    if (initialEvents && !watchListEnabled) causes.push(forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled'));
    if (match) {
      if (!initialEvents) causes.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
      if (match !== 'NotOlderThan') causes.push(notSupported(match, ['NotOlderThan']));
      if (cont) causes.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    }
  } else {
    if (match) {
      if (!rv) causes.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
      if (cont) causes.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
      if (match === 'Exact' && rv === '0') causes.push(forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
      else if (match !== 'Exact' && match !== 'NotOlderThan') causes.push(notSupported(match, ['Exact', 'NotOlderThan', '']));
    }
    if (initialEvents) causes.push(forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  }
  if (causes.length) throw invalid('ListOptions', 'meta.k8s.io', '', causes);
}
