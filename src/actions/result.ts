// The one result shape every action returns, and the translation of client-node errors into it.
// client-node 1.x throws ApiException with .code and .body (the server's Status as a JSON string).
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

/** HTTP status of an ApiException (or undefined for network and other errors). */
export function errorCode(e: unknown): number | undefined {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/** The server's Status object from an ApiException body, when there is one. */
export function errorStatus(e: unknown): { message?: string; reason?: string; code?: number } | undefined {
  const body = (e as { body?: unknown })?.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'object') return body as { message?: string };
  try {
    const parsed = JSON.parse(String(body));
    return parsed && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** One line saying why a request failed: the server's own Status message where it gave one. */
export function errorMessage(e: unknown): string {
  const status = errorStatus(e);
  if (status?.message) return clean(status.message);
  const code = errorCode(e);
  const body = (e as { body?: unknown })?.body;
  if (code !== undefined) {
    const text = typeof body === 'string' && body.trim() && body.length < 300 ? `: ${body}` : '';
    return clean(`the server answered HTTP ${code}${text}`);
  }
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  const message = e instanceof Error ? e.message : String(e);
  const first = message.split('\n')[0] ?? message;
  return clean(cause?.code && !first.includes(cause.code) ? `${first} (${cause.code})` : first);
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
