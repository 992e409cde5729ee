// The registries the simulated kubelet pulls from: a compact catalogue of well-known public images
// and the tags they really publish (as patterns: a version family and its variants), plus the
// course's own images. Anything else fails to pull with containerd's wording (the runtime of GKE's
// nodes): a tag the repository lacks is "not found", a repository that does not exist is "pull
// access denied, repository does not exist or may require authorization".
import { fullImage } from './util.js';

/**
 * The version tags of release lines, e.g. `1.27.5 1.26.3`: each `a.b.c` is the line a.b with its
 * patches 0..c (1.27, 1.27.0 … 1.27.5), and every listed line's major alone (1). Nothing in between:
 * nginx:1.277 or nginx:1.27.9 is a typo, as on Docker Hub. Patch numbers are the last published ones.
 */
function lines(spec: string): string {
  const alternatives = spec.split(/\s+/).filter(Boolean).map((l) => {
    const parts = l.split('.');
    const max = Number(parts.pop());
    const line = parts.map((p) => p.replace(/^v/, 'v?')).join('\\.');
    return `${line}(?:\\.(?:${Array.from({ length: max + 1 }, (_, i) => i).join('|')}))?`;
  });
  const majors = [...new Set(spec.split(/\s+/).filter(Boolean).map((l) => l.split('.')[0].replace(/^v/, 'v?')))];
  return [...alternatives, ...majors].join('|');
}

/** Minor versions matched by a pattern (`2\\.\\d+`), each with any patch: for images whose patch releases are not listed. */
const patched = (minors: string) => `(?:${minors})(?:\\.\\d+)?`;

/** `latest`, the versions `v` (a regex of exact version tags, often from lines()) and their `-variant`s. */
function tags(v: string, variants = '', extra = ''): RegExp {
  const names = ['latest', `(?:${v})`, ...(extra ? [extra] : []), ...(variants ? [`(?:${variants})`] : [])].join('|');
  return new RegExp(`^(?:${names})${variants ? `(?:-(?:${variants}))*` : ''}$`);
}

const DEBIANS = 'bookworm|bullseye|trixie|slim|slim-bookworm|slim-bullseye';

/** Repository (as containerd names it) → the tags that exist. */
const CATALOGUE: ReadonlyMap<string, RegExp> = new Map(Object.entries({
  'docker.io/library/nginx': tags(lines('1.29.3 1.28.0 1.27.5 1.26.3 1.25.5 1.24.0 1.23.4 1.22.1 1.21.6 1.20.2 1.19.10 1.18.0 1.17.10 1.16.1 1.15.12 1.14.2 1.13.12 1.12.2 1.11.13 1.10.3'), 'alpine|alpine-slim|perl|bookworm|otel', 'stable|mainline'),
  'docker.io/library/httpd': tags(lines('2.4.65'), 'alpine|bookworm'),
  'docker.io/library/caddy': tags(`${patched('2\\.\\d+')}|2`, 'alpine|builder'),
  'docker.io/library/haproxy': tags(`${patched('2\\.\\d|3\\.\\d')}|2|3`, 'alpine|bookworm', 'lts'),
  'docker.io/library/traefik': tags(`${patched('v?2\\.\\d+|v?3\\.\\d+')}|v2|v3`),
  'docker.io/library/redis': tags(lines('8.2.2 8.0.4 7.4.6 7.2.11 7.0.15 6.2.20 6.0.20 5.0.14'), 'alpine|bookworm'),
  'docker.io/library/memcached': tags(lines('1.6.39 1.5.22'), 'alpine|bookworm'),
  'docker.io/library/postgres': tags(lines('18.0 17.6 16.10 15.14 14.19 13.22 12.22 11.22 10.23 9.6.24'), `alpine|alpine3\\.\\d+|${DEBIANS}`),
  'docker.io/library/mysql': tags(lines('9.4.0 9.3.0 9.2.0 9.1.0 9.0.1 8.4.6 8.3.0 8.2.0 8.1.0 8.0.43 5.7.44 5.6.51'), 'oracle|debian', 'lts|innovation'),
  'docker.io/library/mariadb': tags(`${patched('10\\.\\d+|11\\.\\d+')}|1[01]`, 'jammy|noble', 'lts'),
  'docker.io/library/mongo': tags(lines('8.0.13 7.0.24 6.0.26 5.0.31 4.4.29 4.2.24 4.0.28'), 'jammy|noble'),
  'docker.io/library/rabbitmq': tags(`${patched('3\\.\\d+|4\\.\\d+')}|[34]`, 'management|alpine|management-alpine', 'management'),
  'docker.io/library/busybox': tags(lines('1.37.0 1.36.1 1.35.0 1.34.1 1.33.1 1.32.1 1.31.1 1.30.1 1.29.3 1.28.4 1.27.2 1.26.2 1.25.1 1.24.2'), 'musl|glibc|uclibc', 'stable|musl|glibc|uclibc'),
  'docker.io/library/alpine': tags(lines('3.22.2 3.21.5 3.20.8 3.19.9 3.18.12 3.17.10 3.16.9 3.15.11 3.14.10 3.13.12 3.12.12 3.11.13 3.10.9'), '', 'edge'),
  'docker.io/library/ubuntu': tags('(?:1[4-9]|2[0-5])\\.(?:04|10)', '', 'focal|jammy|noble|oracular|plucky|rolling|devel'),
  'docker.io/library/debian': tags('1[0-3](?:\\.\\d+)?', 'slim', 'buster|bullseye|bookworm|trixie|stable|testing|unstable|bookworm-slim|bullseye-slim|trixie-slim|stable-slim'),
  'docker.io/library/python': tags(lines('3.14.0 3.13.9 3.12.12 3.11.14 3.10.19 3.9.24 3.8.20 3.7.17 3.6.15 2.7.18'), `alpine|alpine3\\.\\d+|${DEBIANS}`),
  'docker.io/library/node': tags(lines('25.1.0 24.11.0 23.11.1 22.21.0 22.20.0 22.19.0 22.18.0 22.17.1 22.16.0 22.15.1 22.14.0 22.13.1 22.12.0 22.11.0 21.7.3 20.19.5 20.18.3 20.17.0 20.16.0 20.15.1 20.14.0 20.13.1 20.12.2 20.11.1 20.10.0 19.9.0 18.20.8 18.19.1 18.18.2 18.17.1 18.16.1 16.20.2 14.21.3 12.22.12 10.24.1'), `alpine|alpine3\\.\\d+|${DEBIANS}`, 'lts|current|lts-alpine|lts-slim|current-alpine'),
  'docker.io/library/golang': tags(lines('1.25.3 1.24.9 1.23.12 1.22.12 1.21.13 1.20.14 1.19.13 1.18.10'), `alpine|alpine3\\.\\d+|${DEBIANS}`),
  'docker.io/library/php': tags(`${patched('[78]\\.\\d')}|[78]`, 'apache|fpm|cli|alpine|fpm-alpine', 'apache|fpm|cli'),
  'docker.io/library/eclipse-temurin': tags('8|11|17|21|2[2-5]', 'jdk|jre|alpine|jammy|noble|jdk-alpine|jre-alpine'),
  'docker.io/library/wordpress': tags(`${patched('[56]\\.\\d')}|[56]`, 'apache|fpm|php8\\.\\d|fpm-alpine', 'apache|fpm|cli'),
  'docker.io/library/hello-world': tags('linux', '', 'linux|nanoserver'),
  'docker.io/curlimages/curl': tags(patched('[78]\\.\\d+')),
  'docker.io/nicolaka/netshoot': tags(patched('v0\\.\\d+')),
  'docker.io/hashicorp/http-echo': tags('1\\.0|0\\.2'),
  'docker.io/kicbase/echo-server': tags('1\\.0|1'),
  'docker.io/bitnami/kubectl': tags(patched('1\\.\\d+')),
  'registry.k8s.io/pause': tags('3\\.\\d+'),
  'registry.k8s.io/echoserver': tags(patched('1\\.\\d+')),
  'registry.k8s.io/e2e-test-images/agnhost': tags(patched('2\\.\\d+')),
  'registry.k8s.io/coredns/coredns': tags(patched('v1\\.\\d+')),
  'registry.k8s.io/metrics-server/metrics-server': tags(patched('v0\\.\\d+')),
  'registry.k8s.io/kube-proxy': tags(patched('v1\\.\\d+')),
  'gcr.io/google-samples/hello-app': tags('[12]\\.0'),
  // The course's images (the classroom scenario's students push these), tagged as a course does:
  // 1.0, v2, 2.1.3.
  ...Object.fromEntries(['vgauthier/webnodb', 'vgauthier/worker', 'vgauthier/tricky-logger', 'alice/webnodb', 'bob/api'].map((r) => [`docker.io/${r}`, tags('v?\\d+(?:\\.\\d+){0,2}')])),
}));

/** The reason containerd gives for an image it cannot pull, or undefined when the image exists. */
export function pullError(image: string): string | undefined {
  if (!image) return undefined;
  const ref = fullImage(image);
  const at = ref.indexOf('@');
  const named = at >= 0 ? ref.slice(0, at) : ref;
  const colon = named.lastIndexOf(':');
  const repo = colon > named.lastIndexOf('/') ? named.slice(0, colon) : named;
  const tag = colon > named.lastIndexOf('/') ? named.slice(colon + 1) : 'latest';
  const known = CATALOGUE.get(repo);
  const head = `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}"`;
  if (!known) return `rpc error: code = Unknown desc = ${head}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
  // A digest is checked by repository only: the catalogue does not list digests.
  if (at < 0 && !known.test(tag)) return `rpc error: code = NotFound desc = ${head}: ${ref}: not found`;
  return undefined;
}
