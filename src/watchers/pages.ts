// One page of a paged list, read so that the next page can be asked for early: kube-apiserver writes a
// list's metadata (resourceVersion, continue, remainingItemCount) before its items, so the continue
// token is known from the first bytes of the answer, long before the page is read and parsed. The
// watcher (watcher.ts) requests page n+1 then, and the server prepares it while page n arrives.
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeRequest } from '../kube/http.js';

export interface PageMeta {
  continue?: string;
  remainingItemCount?: number;
}

export interface PageFetch {
  /** The page's metadata, as soon as it has arrived ({} when it comes after the items). */
  meta: Promise<PageMeta>;
  /** The whole page, parsed. */
  page: Promise<any>;
}

const ITEMS = Buffer.from('"items":');

export function fetchPage(kc: KubeConfig, pathAndQuery: string, signal: AbortSignal, touch: () => void, accept?: string): PageFetch {
  let tellMeta!: (m: PageMeta) => void;
  let failMeta!: (e: unknown) => void;
  const meta = new Promise<PageMeta>((resolve, reject) => {
    tellMeta = resolve;
    failMeta = reject;
  });
  const page = (async () => {
    const res = await kubeRequest(kc, pathAndQuery, { signal, gzip: true, accept });
    const chunks: Buffer[] = [];
    let seen = 0;
    let metaTold = false;
    for await (const c of res.body) {
      touch();
      const b = c as Buffer;
      chunks.push(b);
      seen += b.length;
      if (!metaTold && seen < 1 << 20) {
        const head = chunks.length === 1 ? b : Buffer.concat(chunks);
        const at = head.indexOf(ITEMS);
        if (at >= 0) {
          metaTold = true;
          tellMeta(metaFromHead(head.subarray(0, at)));
        }
      }
    }
    if (!res.complete()) throw new Error('connection closed mid-list');
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (!metaTold) tellMeta({ continue: body?.metadata?.continue || undefined, remainingItemCount: body?.metadata?.remainingItemCount });
    return body;
  })();
  page.catch(failMeta);
  return { meta, page };
}

/** `{"kind":…,"metadata":{…},` → the metadata; {} when the head is not that shape. */
function metaFromHead(head: Buffer): PageMeta {
  const text = head.toString('utf8').replace(/,\s*$/, '');
  try {
    const m = JSON.parse(`${text}}`)?.metadata;
    if (!m || typeof m !== 'object') return {};
    return { continue: typeof m.continue === 'string' && m.continue ? m.continue : undefined, remainingItemCount: typeof m.remainingItemCount === 'number' ? m.remainingItemCount : undefined };
  } catch {
    return {};
  }
}
