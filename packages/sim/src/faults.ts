// Fault injection for tests: cut every streaming connection, answer the next N requests with a
// 500/429 Status, and force the next watch to 410. The server consults this state per request.
import type { ServerEnv } from './http.js';

export interface Faults {
  /** Destroy every open watch and log-follow connection abruptly. */
  dropWatches(): void;
  /** The next n requests answer `status` as a Status object (429 with Retry-After: 1). */
  failNext(n: number, status: 500 | 429): void;
  /** The next watch gets one ERROR event with a 410 Status, then ends. */
  expireNextWatch(): void;
}

export interface FaultState extends Faults {
  /** Called once per request: the status to fail with, or undefined. */
  take(): 500 | 429 | undefined;
}

export function createFaults(env: ServerEnv): FaultState {
  let failing = 0;
  let failStatus: 500 | 429 = 500;
  return {
    dropWatches() {
      for (const s of [...env.streams]) s.destroy();
    },
    failNext(n, status) {
      failing = Math.max(0, Math.floor(n));
      failStatus = status;
    },
    expireNextWatch() {
      env.expireNextWatch = true;
    },
    take() {
      if (failing <= 0) return undefined;
      failing--;
      return failStatus;
    },
  };
}
