// The one way tests wait: poll a condition until it gives a truthy value, never a fixed sleep. A
// throw is taken as "not yet" (the server may still be starting); at the deadline the failure names
// what was awaited and the last error.
export interface UntilOptions {
  timeoutMs?: number;
  everyMs?: number;
}

/**
 * Polls `fn` until it returns a truthy value, and returns it. `what` names the wait in the failure
 * (default: the condition's source); a number as the third argument is the timeout.
 */
export async function until<T>(fn: () => T | Promise<T>, what?: string, opts: UntilOptions | number = {}): Promise<NonNullable<T>> {
  const { timeoutMs = 20_000, everyMs = 10 } = typeof opts === 'number' ? { timeoutMs: opts } : opts;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
      last = undefined;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const name = what ?? fn.toString().slice(0, 200);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${name}${last ? `: ${(last as Error).message ?? String(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
