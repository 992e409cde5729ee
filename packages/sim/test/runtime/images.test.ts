// The simulated registries: the course's own images pull at the version tags a course uses (1.0, v2),
// a tag they lack fails as containerd says it.
import { describe, expect, it } from 'vitest';
import { pullError } from '../../src/controllers/images.js';

describe('image catalogue', () => {
  it.each(['vgauthier/webnodb:1.0', 'vgauthier/webnodb:v2', 'vgauthier/webnodb:2.1.3', 'vgauthier/worker', 'nginx:1.27-alpine', 'busybox:1.36'])('%s pulls', (image) => {
    expect(pullError(image)).toBeUndefined();
  });
  it('a tag the repository lacks is "not found"', () => {
    expect(pullError('vgauthier/webnodb:nope')).toMatch(/docker\.io\/vgauthier\/webnodb:nope: not found$/);
    expect(pullError('nginx:notatag')).toMatch(/docker\.io\/library\/nginx:notatag: not found$/);
  });
  it('a repository that does not exist is "pull access denied"', () => {
    expect(pullError('vgauthier/nosuch:1.0')).toMatch(/pull access denied, repository does not exist/);
  });
});
