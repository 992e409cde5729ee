// `y` view and `-o yaml`: the object as YAML, without managedFields (noise nobody reads).
import { stringify } from 'yaml';
import type { KObj } from './types.js';

export function toYaml(obj: KObj): string {
  const { managedFields: _drop, ...metadata } = obj.metadata ?? ({} as KObj['metadata']);
  // Key order like kubectl: apiVersion, kind, metadata, then the rest as the server sent it.
  const { apiVersion, kind, metadata: _m, ...rest } = obj;
  const ordered: Record<string, unknown> = {};
  if (apiVersion !== undefined) ordered.apiVersion = apiVersion;
  if (kind !== undefined) ordered.kind = kind;
  ordered.metadata = metadata;
  Object.assign(ordered, rest);
  // lineWidth 0: never fold long strings (a folded command line is harder to copy).
  return stringify(ordered, { lineWidth: 0, aliasDuplicateObjects: false });
}
