// Where the embedded cluster reports its own internal failures (a throwing timer or listener, an
// unexpected exception in a handler). Silent by default, because in `kdash --demo` stderr is the
// dashboard's terminal; shown under tests (VITEST) or with KDASH_SIM_DEBUG=1.
export function simDebug(message: string, err?: unknown): void {
  if (!process.env.KDASH_SIM_DEBUG && !process.env.VITEST) return;
  console.error(`kdash sim: ${message}`, err ?? '');
}
