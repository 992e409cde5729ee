// Test helpers for the watch layer: wait for a condition with a deadline (never a fixed sleep).

export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000, everyMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${cond.toString().slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
