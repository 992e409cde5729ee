// Image pull failures: the image, the registry's own message (from the kubelet's Failed event, which
// ImagePullBackOff's status no longer carries), and "did you mean" from the images the namespace's
// other workloads and earlier revisions use.
import type { KObj } from '../../resources/types.js';
import { eventsFor, kubectlName, oneLine, shellQuote, topOwner } from '../objects.js';
import type { Finding, Fix, NamespaceSnapshot } from '../types.js';

const PULL_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);

/** docker.io/library/nginx:1.25 → { repo: 'nginx', tag: '1.25' } (the short form people write). */
export function splitImage(image: string): { repo: string; tag: string } {
  const at = image.indexOf('@');
  const named = at >= 0 ? image.slice(0, at) : image;
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  let repo = hasTag ? named.slice(0, colon) : named;
  repo = repo.replace(/^docker\.io\//, '').replace(/^library\//, '');
  return { repo, tag: at >= 0 ? image.slice(at + 1) : hasTag ? named.slice(colon + 1) : 'latest' };
}

/** Levenshtein distance, small strings only. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** Images that did pull in this namespace (a container status with an imageID) and every revision's. */
function knownImages(snap: NamespaceSnapshot): Set<string> {
  const out = new Set<string>();
  for (const p of snap.pods) {
    for (const cs of [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])]) {
      if (cs.imageID && cs.image) out.add(String(cs.image));
    }
  }
  for (const w of [...snap.replicaSets, ...snap.deployments, ...snap.statefulSets, ...snap.daemonSets]) {
    for (const c of w.spec?.template?.spec?.containers ?? []) if (c.image) out.add(String(c.image));
  }
  return out;
}

/** An image as people write it: the runtime's `docker.io/library/nginx:1.25` is `nginx:1.25`. */
export function shortImage(image: string): string {
  return image.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '');
}

/** The closest image that is not this one: same repository first (another tag), else a repository a typo away. */
export function didYouMean(image: string, candidates: Iterable<string>, failing: Set<string>): string | undefined {
  const want = splitImage(image);
  let best: { image: string; score: number } | undefined;
  for (const c of new Set([...candidates].map(shortImage))) {
    if (c === shortImage(image) || failing.has(c) || [...failing].some((x) => shortImage(x) === c)) continue;
    const have = splitImage(c);
    const repoDist = editDistance(want.repo, have.repo);
    if (repoDist > Math.max(2, Math.floor(want.repo.length / 4))) continue;
    const score = repoDist * 100 + (repoDist === 0 ? 0 : 50) + editDistance(want.tag, have.tag);
    if (!best || score < best.score) best = { image: c, score };
  }
  return best?.image;
}

export function imagePullRule(snap: NamespaceSnapshot): Finding[] {
  const out: Finding[] = [];
  const failing = new Set<string>();
  const hits: Array<{ pod: KObj; cs: any }> = [];
  for (const pod of snap.pods) {
    for (const cs of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
      if (PULL_REASONS.has(cs.state?.waiting?.reason)) {
        hits.push({ pod, cs });
        failing.add(String(cs.image ?? ''));
      }
    }
  }
  if (!hits.length) return out;
  const known = knownImages(snap);
  for (const { pod, cs } of hits) {
    const owner = topOwner(snap, pod);
    const specImage = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c: any) => c.name === cs.name)?.image ?? cs.image;
    const image = String(specImage ?? '');
    const pulled = eventsFor(snap, 'Pod', pod).filter((e) => e.reason === 'Failed' && /^Failed to pull image/.test(e.message ?? ''));
    const registry = pulled.length ? oneLine(pulled[pulled.length - 1].message).replace(/^Failed to pull image "[^"]*": /, '') : oneLine(cs.state.waiting.message ?? '');
    const denied = /pull access denied|repository does not exist|authorization failed|unauthorized/i.test(registry);
    const notFound = /not found|manifest unknown/i.test(registry);
    const guess = didYouMean(image, known, failing);
    const evidence = [`image ${image} (container ${cs.name}): ${cs.state.waiting.reason}`];
    if (registry) evidence.push(`registry: ${registry}`);
    if (guess) evidence.push(`did you mean ${guess}? (used ${splitImage(guess).repo === splitImage(image).repo ? 'by another revision or workload' : 'in this namespace'})`);
    const cause = denied
      ? `The image ${image} cannot be pulled: the repository does not exist or is private (a typo in its name, or a missing imagePullSecret).`
      : notFound
        ? `The image ${image} cannot be pulled: its repository has no tag "${splitImage(image).tag}".`
        : `The image ${image} cannot be pulled.`;
    const target = owner.ref.kind === 'Pod' ? `pod/${pod.metadata.name}` : kubectlName(owner.ref);
    const fix: Fix[] = guess
      ? [{ text: `use ${guess}`, command: `kubectl set image ${target} ${shellQuote(`${cs.name}=${guess}`)} -n ${snap.namespace}` }]
      : [{ text: 'set the image to a name and tag that exist', command: `kubectl set image ${target} ${shellQuote(`${cs.name}=${splitImage(image).repo}:TAG`)} -n ${snap.namespace}` }];
    const revisions = snap.replicaSets.filter((rs) => rs.metadata.ownerReferences?.some((o) => o.controller && o.kind === 'Deployment' && o.name === owner.ref.name)).length;
    if (owner.ref.kind === 'Deployment' && revisions > 1) fix.push({ text: 'or go back to the previous revision', key: 'u', command: `kubectl rollout undo ${target} -n ${snap.namespace}` });
    out.push({
      rule: 'image-pull', severity: 'error', object: owner.ref, seenOn: [{ kind: 'Pod', name: pod.metadata.name, namespace: snap.namespace }],
      cause, evidence, fix,
    });
  }
  return out;
}
