// Status objects: every error the server answers has kube-apiserver's code, reason and message shape.
import { details as detailsOf } from './store.js';
import { SimError } from './types.js';

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: Record<string, unknown>;
  code: number;
}

export function statusOf(err: SimError): StatusBody {
  const s: StatusBody = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: err.message, reason: err.reason, code: err.code };
  if (err.details) s.details = err.details;
  return s;
}

export function successStatus(details?: Record<string, unknown>): StatusBody {
  const s: StatusBody = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  if (details) s.details = details;
  return s;
}

export const badRequest = (msg: string) => new SimError(400, 'BadRequest', msg);

export function methodNotAllowed(): SimError {
  return new SimError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function notFoundPath(): SimError {
  return new SimError(404, 'NotFound', 'the server could not find the requested resource');
}

export function gone(msg: string): SimError {
  return new SimError(410, 'Expired', msg);
}

export interface FieldCause {
  field: string;
  /** e.g. 'Invalid value: -1: must be greater than or equal to 0' or 'Required value' */
  message: string;
  type: 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueNotSupported' | 'FieldValueForbidden' | 'FieldValueDuplicate' | 'FieldValueTypeInvalid';
}

/** 422 Invalid, formatted as apierrors.NewInvalid: `Deployment.apps "x" is invalid: spec.replicas: Invalid value: ...`. */
export function invalid(kind: string, group: string, name: string, causes: FieldCause[]): SimError {
  const qualified = group ? `${kind}.${group}` : kind;
  const parts = causes.map((c) => `${c.field}: ${c.message}`);
  const msg = `${qualified} "${name}" is invalid: ${parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`}`;
  return new SimError(422, 'Invalid', msg, {
    // The server leaves an empty name out of details (omitempty).
    ...(name ? { name } : {}),
    ...(group ? { group } : {}),
    kind,
    causes: causes.map((c) => ({ reason: c.type, message: c.message, field: c.field })),
  });
}

export function forbiddenError(message: string, resource: string, group: string, name?: string): SimError {
  return new SimError(403, 'Forbidden', message, { ...(name ? { name } : {}), group, kind: resource });
}

export { detailsOf };
