// The one result shape every action returns, and the translation of failed requests into it (through
// describeError: client-node's ApiException and the transport's KubeHttpError read the same).
import { describeError, statusCodeOf, statusOf } from '../kube/errors.js';
import { escapeInvisible } from '../text/sanitize.js';

export type ActionResult = { ok: true; message: string } | { ok: false; message: string; code?: number };

export const ok = (message: string): ActionResult => ({ ok: true, message: clean(message) });
export const fail = (message: string, code?: number): ActionResult =>
  code === undefined ? { ok: false, message: clean(message) } : { ok: false, message: clean(message), code };

/** Server text is untrusted: drop control characters (escape sequences) and keep one line. */
export function clean(text: string): string {
  const line = String(text)
    .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\x00-\x1f\x7f-\x9f]/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return escapeInvisible(line);
}

/** HTTP status of a failed request (client-node's ApiException or the transport's KubeHttpError); undefined for network errors. */
export const errorCode = statusCodeOf;

/** The server's Status object from a failed request, when there is one. */
export const errorStatus = statusOf;

/**
 * One line saying why a request failed, worded by the one describer (src/kube/errors.ts): the server's
 * own Status message, whole, for a refusal (403 with its quota text, 404, 409, 422); the usual lines
 * for 401, throttling, server errors, web pages and network failures.
 */
export function errorMessage(e: unknown): string {
  return clean(describeError(e, { serverWords: true }));
}

export function errorResult(e: unknown, prefix = ''): ActionResult {
  return fail(prefix + errorMessage(e), errorCode(e));
}

export function isConflict(e: unknown): boolean {
  return errorCode(e) === 409 && errorStatus(e)?.reason !== 'AlreadyExists';
}

export function isNotFound(e: unknown): boolean {
  return errorCode(e) === 404;
}

/** Runs a read-modify-write; a 409 Conflict is retried once (fn re-reads fresh data each call). */
/**
 * Runs fn (which reads fresh data and writes) again on 409 Conflict, like client-go's
 * RetryOnConflict: a controller's own status write can bump the resourceVersion between our read
 * and write more than once, so a single retry is not enough under load.
 */
export async function retryOnConflict<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (!isConflict(e) || i >= attempts) throw e;
    }
  }
}

/** Wraps an action body: any thrown error becomes a one-line failure result. */
export async function attempt(fn: () => Promise<ActionResult>, prefix = ''): Promise<ActionResult> {
  try {
    return await fn();
  } catch (e) {
    return errorResult(e, prefix);
  }
}

/** Pure: one line for many results, naming each: "2 deleted: pod "a" deleted, …; 1 failed: pod c no longer exists". */
export function summarize(results: ActionResult[], verb: string): ActionResult {
  if (results.length === 1) return results[0];
  const failed = results.filter((r) => !r.ok);
  const done = results.filter((r) => r.ok);
  const each = (rs: ActionResult[]) => rs.map((r) => r.message).join(', ');
  if (failed.length === 0) return ok(`${done.length} objects ${verb}: ${each(done)}`);
  return fail(`${done.length} ${verb}${done.length ? ` (${each(done)})` : ''}, ${failed.length} failed: ${each(failed)}`);
}
