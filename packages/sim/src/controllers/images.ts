// The registries the simulated kubelet pulls from: a compact catalogue of well-known public images
// and the tags they really publish (as patterns: a version family and its variants), plus the
// course's own images. Anything else fails to pull with containerd's wording (the runtime of GKE's
// nodes): a tag the repository lacks is "not found", a repository that does not exist is "pull
// access denied, repository does not exist or may require authorization".
import { fullImage } from './util.js';

/** `latest`, the versions `v` (a regex of major[.minor[.patch]] families) and their `-variant`s. */
function tags(v: string, variants = '', extra = ''): RegExp {
  const version = `(?:${v})(?:\\.\\d+){0,2}`;
  const names = ['latest', version, ...(extra ? [extra] : []), ...(variants ? [`(?:${variants})`] : [])].join('|');
  return new RegExp(`^(?:${names})${variants ? `(?:-(?:${variants}))*` : ''}$`);
}

const DEBIANS = 'bookworm|bullseye|trixie|slim|slim-bookworm|slim-bullseye';

/** Repository (as containerd names it) → the tags that exist. */
const CATALOGUE: ReadonlyMap<string, RegExp> = new Map(Object.entries({
  'docker.io/library/nginx': tags('1\\.(?:1\\d|2\\d)|1', 'alpine|alpine-slim|perl|bookworm|otel', 'stable|mainline'),
  'docker.io/library/httpd': tags('2\\.4|2', 'alpine|bookworm'),
  'docker.io/library/caddy': tags('2\\.\\d+|2', 'alpine|builder'),
  'docker.io/library/haproxy': tags('2\\.\\d|3\\.\\d|2|3', 'alpine|bookworm', 'lts'),
  'docker.io/library/traefik': tags('v?2\\.\\d+|v?3\\.\\d+|v2|v3'),
  'docker.io/library/redis': tags('[5-8]\\.\\d|[5-8]', 'alpine|bookworm'),
  'docker.io/library/memcached': tags('1\\.6|1', 'alpine|bookworm'),
  'docker.io/library/postgres': tags('9\\.6|1[0-8]', `alpine|alpine3\\.\\d+|${DEBIANS}`),
  'docker.io/library/mysql': tags('5\\.7|8\\.[0-4]|9\\.\\d|[589]', 'oracle|debian', 'lts|innovation'),
  'docker.io/library/mariadb': tags('10\\.\\d+|11\\.\\d+|1[01]', 'jammy|noble', 'lts'),
  'docker.io/library/mongo': tags('[4-8]\\.\\d|[4-8]', 'jammy|noble'),
  'docker.io/library/rabbitmq': tags('3\\.\\d+|4\\.\\d+|[34]', 'management|alpine|management-alpine', 'management'),
  'docker.io/library/busybox': tags('1\\.(?:2\\d|3[0-7])|1', 'musl|glibc|uclibc', 'stable|musl|glibc|uclibc'),
  'docker.io/library/alpine': tags('3\\.(?:1\\d|2[0-2])|3', '', 'edge'),
  'docker.io/library/ubuntu': tags('(?:1[468]|2[0-4])\\.04|2[0-5]\\.10', '', 'focal|jammy|noble|oracular|plucky|rolling|devel'),
  'docker.io/library/debian': tags('1[0-3]', 'slim', 'buster|bullseye|bookworm|trixie|stable|testing|unstable|bookworm-slim|bullseye-slim|trixie-slim|stable-slim'),
  'docker.io/library/python': tags('3\\.(?:[6-9]|1[0-4])|3|2\\.7|2', `alpine|alpine3\\.\\d+|${DEBIANS}`),
  'docker.io/library/node': tags('1\\d|2[0-4]', `alpine|alpine3\\.\\d+|${DEBIANS}`, 'lts|current|lts-alpine|lts-slim|current-alpine'),
  'docker.io/library/golang': tags('1\\.(?:1\\d|2[0-5])|1', `alpine|alpine3\\.\\d+|${DEBIANS}`),
  'docker.io/library/php': tags('[78]\\.\\d|[78]', 'apache|fpm|cli|alpine|fpm-alpine', 'apache|fpm|cli'),
  'docker.io/library/eclipse-temurin': tags('8|11|17|21|2[2-5]', 'jdk|jre|alpine|jammy|noble|jdk-alpine|jre-alpine'),
  'docker.io/library/wordpress': tags('[56]\\.\\d|[56]', 'apache|fpm|php8\\.\\d|fpm-alpine', 'apache|fpm|cli'),
  'docker.io/library/hello-world': tags('linux', '', 'linux|nanoserver'),
  'docker.io/curlimages/curl': tags('[78]\\.\\d+'),
  'docker.io/nicolaka/netshoot': tags('v0\\.\\d+'),
  'docker.io/hashicorp/http-echo': tags('1\\.0|0\\.2'),
  'docker.io/kicbase/echo-server': tags('1\\.0|1'),
  'docker.io/bitnami/kubectl': tags('1\\.\\d+'),
  'registry.k8s.io/pause': tags('3\\.\\d+'),
  'registry.k8s.io/echoserver': tags('1\\.\\d+'),
  'registry.k8s.io/e2e-test-images/agnhost': tags('2\\.\\d+'),
  'registry.k8s.io/coredns/coredns': tags('v1\\.\\d+'),
  'registry.k8s.io/metrics-server/metrics-server': tags('v0\\.\\d+'),
  'registry.k8s.io/kube-proxy': tags('v1\\.\\d+'),
  'gcr.io/google-samples/hello-app': tags('[12]\\.0'),
  // The course's images (the classroom scenario's students push these), tagged as a course does:
  // 1.0, v2, 2.1.3.
  ...Object.fromEntries(['vgauthier/webnodb', 'vgauthier/worker', 'vgauthier/tricky-logger', 'alice/webnodb', 'bob/api'].map((r) => [`docker.io/${r}`, tags('v?\\d+')])),
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
