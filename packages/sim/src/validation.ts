// Field validation as kube-apiserver's ValidateObjectMeta, ValidateLabels, validateContainers and
// ValidateContainerPorts do it (k8s.io/apimachinery/pkg/util/validation and pkg/apis/core/validation),
// with the same field paths, cause types and messages, e.g.
// `spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive`.
import { labelSelectorMatches } from './selectors.js';
import type { FieldCause } from './status.js';

const LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const NAME_PART_MSG = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

const q = (v: unknown) => JSON.stringify(v);
const bad = (field: string, value: unknown, message: string): FieldCause => ({ field, type: 'FieldValueInvalid', message: `Invalid value: ${q(value)}: ${message}` });

/** IsDNS1123Label: the problems with `v` as an RFC 1123 label (Namespace, Service, container and port names). */
export function dns1123LabelErrors(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push('must be no more than 63 characters');
  if (v.includes('.')) out.push('must not contain dots');
  else if (!LABEL_RE.test(v)) out.push(LABEL_MSG);
  return out;
}

/** IsDNS1123Subdomain: the problems with `v` as an RFC 1123 subdomain (most object names). */
export function dns1123SubdomainErrors(v: string): string[] {
  const out: string[] = [];
  if (v.length > 253) out.push('must be no more than 253 characters');
  if (!SUBDOMAIN_RE.test(v)) out.push(SUBDOMAIN_MSG);
  return out;
}

/** metadata.name of a kind: a DNS label for namespaces and services, a DNS subdomain otherwise. */
export function nameCauses(kind: string, name: string): FieldCause[] {
  const errs = kind === 'Namespace' || kind === 'Service' ? dns1123LabelErrors(name) : dns1123SubdomainErrors(name);
  return errs.map((m) => bad('metadata.name', name, m));
}

/** IsQualifiedName: an optional DNS-subdomain prefix and a name part of at most 63 characters. */
function qualifiedNameErrors(key: string): string[] {
  const parts = key.split('/');
  let name = key;
  const out: string[] = [];
  if (parts.length === 2) {
    const [prefix] = parts;
    name = parts[1];
    if (!prefix) out.push('prefix part must be non-empty');
    else out.push(...dns1123SubdomainErrors(prefix).map((m) => `prefix part ${m}`));
  } else if (parts.length > 2) {
    return [`${NAME_PART_MSG.replace(/^name part/, 'a qualified name')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (!name) out.push('name part must be non-empty');
  else if (name.length > 63) out.push('name part must be no more than 63 bytes');
  if (name && !QUALIFIED_NAME_RE.test(name)) out.push(NAME_PART_MSG);
  return out;
}

/** ValidateLabels: every key a qualified name, every value a label value, all under `field`. */
export function labelCauses(labels: unknown, field: string): FieldCause[] {
  if (!labels || typeof labels !== 'object') return [];
  const out: FieldCause[] = [];
  for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
    for (const m of qualifiedNameErrors(k)) out.push(bad(field, k, m));
    const value = String(v ?? '');
    if (value.length > 63) out.push(bad(field, value, 'must be no more than 63 bytes'));
    if (!LABEL_VALUE_RE.test(value)) out.push(bad(field, value, LABEL_VALUE_MSG));
  }
  return out;
}

/** IsValidPortName (IANA_SVC_NAME). */
function portNameErrors(name: string): string[] {
  const out: string[] = [];
  if (name.length > 15) out.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) out.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) out.push('must contain at least one letter (a-z)');
  if (name.includes('--')) out.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) out.push('must not begin or end with a hyphen');
  return out;
}

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function portCauses(ports: unknown, base: string): FieldCause[] {
  if (!Array.isArray(ports)) return [];
  const out: FieldCause[] = [];
  const names = new Set<string>();
  ports.forEach((p: any, i: number) => {
    const at = `${base}[${i}]`;
    if (p?.name !== undefined && p.name !== '') {
      out.push(...portNameErrors(String(p.name)).map((m) => bad(`${at}.name`, p.name, m)));
      if (names.has(p.name)) out.push({ field: `${at}.name`, type: 'FieldValueDuplicate', message: `Duplicate value: ${q(p.name)}` });
      names.add(p.name);
    }
    const port = p?.containerPort;
    if (port === undefined || port === null || port === 0) out.push({ field: `${at}.containerPort`, type: 'FieldValueRequired', message: 'Required value' });
    else if (!Number.isInteger(port) || port < 1 || port > 65535) out.push(bad(`${at}.containerPort`, port, 'must be between 1 and 65535, inclusive'));
    if (p?.hostPort !== undefined && p.hostPort !== 0 && (!Number.isInteger(p.hostPort) || p.hostPort < 1 || p.hostPort > 65535)) {
      out.push(bad(`${at}.hostPort`, p.hostPort, 'must be between 1 and 65535, inclusive'));
    }
    if (p?.protocol === undefined || p.protocol === '') out.push({ field: `${at}.protocol`, type: 'FieldValueRequired', message: 'Required value' });
    else if (!PROTOCOLS.includes(p.protocol)) {
      out.push({ field: `${at}.protocol`, type: 'FieldValueNotSupported', message: `Unsupported value: ${q(p.protocol)}: supported values: ${PROTOCOLS.map(q).join(', ')}` });
    }
  });
  return out;
}

/** validateContainers for spec.containers (and initContainers): names, duplicates, images, ports. */
export function containerCauses(spec: any, base: string): FieldCause[] {
  if (!spec) return [{ field: base, type: 'FieldValueRequired', message: 'Required value' }];
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) return [{ field: `${base}.containers`, type: 'FieldValueRequired', message: 'Required value' }];
  const out: FieldCause[] = [];
  const seen = new Set<string>();
  for (const list of ['initContainers', 'containers'] as const) {
    (Array.isArray(spec[list]) ? spec[list] : []).forEach((c: any, i: number) => {
      const at = `${base}.${list}[${i}]`;
      const name = c?.name;
      if (!name) out.push({ field: `${at}.name`, type: 'FieldValueRequired', message: 'Required value' });
      else {
        out.push(...dns1123LabelErrors(String(name)).map((m) => bad(`${at}.name`, name, m)));
        if (seen.has(name)) out.push({ field: `${at}.name`, type: 'FieldValueDuplicate', message: `Duplicate value: ${q(name)}` });
        seen.add(name);
      }
      if (!c?.image) out.push({ field: `${at}.image`, type: 'FieldValueRequired', message: 'Required value' });
      out.push(...portCauses(c?.ports, `${at}.ports`));
    });
  }
  return out;
}

/** Go's %v of a label map in a field error: JSON with sorted keys. */
function labelsValue(labels: Record<string, string> | undefined): string {
  const sorted = Object.fromEntries(Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify(sorted);
}

/** A workload's selector must select its own pod template (ValidateDeploymentSpec and friends). */
export function selectorCauses(spec: any): FieldCause[] {
  const sel = spec?.selector;
  if (!sel || typeof sel !== 'object') return [];
  const hasTerms = Object.keys(sel.matchLabels ?? {}).length > 0 || (sel.matchExpressions ?? []).length > 0;
  if (!hasTerms) return [];
  const labels = spec?.template?.metadata?.labels;
  if (labelSelectorMatches(sel, labels)) return [];
  return [{ field: 'spec.template.metadata.labels', type: 'FieldValueInvalid', message: `Invalid value: ${labelsValue(labels)}: \`selector\` does not match template \`labels\`` }];
}
