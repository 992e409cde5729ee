// Read-only mode is enforced where requests leave the process, not only by hiding keys: every
// client-node call and every raw request built from this KubeConfig is refused unless it is a GET.
import { KubeConfig } from '@kubernetes/client-node';

export class ReadonlyError extends Error {
  constructor(method: string) {
    super(`read-only mode: refused to send a ${method} request`);
  }
}

export interface ReadonlySwitch {
  get(): boolean;
  enable(): void;
  subscribe(fn: () => void): () => void;
}

export function readonlySwitch(initial: boolean): ReadonlySwitch {
  let on = initial;
  const subs = new Set<() => void>();
  return {
    get: () => on,
    enable() {
      if (on) return;
      on = true;
      subs.forEach((f) => f());
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}

function methodOf(x: unknown): string {
  const m = (x as { method?: string })?.method;
  return (m ?? 'GET').toUpperCase();
}

/** Wraps a KubeConfig in place: its request hooks throw for non-GET methods while the switch is on. */
export function guardKubeConfig(kc: KubeConfig, sw: ReadonlySwitch): KubeConfig {
  const applySecurity = kc.applySecurityAuthentication.bind(kc);
  const applyFetch = kc.applyToFetchOptions.bind(kc);
  const applyHttps = kc.applyToHTTPSOptions.bind(kc);
  kc.applySecurityAuthentication = async (ctx) => {
    const method = String(ctx.getHttpMethod()).toUpperCase();
    if (sw.get() && method !== 'GET') throw new ReadonlyError(method);
    return applySecurity(ctx);
  };
  kc.applyToFetchOptions = async (opts) => {
    if (sw.get() && methodOf(opts) !== 'GET') throw new ReadonlyError(methodOf(opts));
    return applyFetch(opts);
  };
  kc.applyToHTTPSOptions = async (opts) => {
    if (sw.get() && methodOf(opts) !== 'GET') throw new ReadonlyError(methodOf(opts));
    return applyHttps(opts);
  };
  return kc;
}
