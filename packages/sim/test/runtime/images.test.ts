// The simulated registries: the course's own images pull at the version tags a course uses (1.0, v2),
// a tag they lack fails as containerd says it.
import { describe, expect, it } from 'vitest';
import { pullError } from '../../src/controllers/images.js';

describe('image catalogue', () => {
  it.each(['vgauthier/webnodb:1.0', 'vgauthier/webnodb:v2', 'vgauthier/webnodb:2.1.3', 'vgauthier/worker', 'nginx:1.27-alpine', 'busybox:1.36'])('%s pulls', (image) => {
    expect(pullError(image)).toBeUndefined();
  });
  it.each(['nginx:1.27', 'nginx:1.27.5', 'nginx:1', 'nginx:1.29.3-alpine', 'nginx:stable-alpine', 'redis:7.2.11', 'redis:7-alpine', 'postgres:16.10', 'postgres:9.6.24', 'python:3.12-slim', 'python:3.13.9', 'node:20.11.1', 'node:22-alpine', 'alpine:3.20', 'ubuntu:24.04', 'mysql:8.0.43', 'httpd:2.4.65', 'busybox:1.37.0'])('the well-known image %s pulls at a tag it really publishes', (image) => {
    expect(pullError(image)).toBeUndefined();
  });
  it.each(['nginx:1.277', 'nginx:1.27.9', 'nginx:1.30', 'nginx:2', 'redis:7.2.99', 'postgres:16.99', 'python:3.15', 'busybox:1.36.2', 'ubuntu:24.04.1', 'node:20.99', 'alpine:3.277'])('a typo in a well-known tag (%s) fails with containerd\'s "not found"', (image) => {
    const ref = `docker.io/library/${image}`;
    expect(pullError(image)).toBe(`rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`);
  });
  it('a tag the repository lacks is "not found"', () => {
    expect(pullError('vgauthier/webnodb:nope')).toMatch(/docker\.io\/vgauthier\/webnodb:nope: not found$/);
    expect(pullError('nginx:notatag')).toMatch(/docker\.io\/library\/nginx:notatag: not found$/);
  });
  it('a repository that does not exist is "pull access denied"', () => {
    expect(pullError('vgauthier/nosuch:1.0')).toMatch(/pull access denied, repository does not exist/);
  });
});
