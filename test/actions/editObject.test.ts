// The pure half of edit: the editable text, reading it back, a Secret's stringData, the diff by field
// path, and a person's changes carried onto a newer version after a conflict.
import { describe, expect, it } from 'vitest';
import { editableObject, editText, ownChanges, readEdited, storedForm, updateBody, withError } from '../../src/actions/editObject.js';
import { applyChanges, diffLines, objectDiff } from '../../src/actions/objectDiff.js';
import { findKind } from '../../src/resources/registry.js';
import type { ResourceKind } from '../../src/resources/types.js';

const deployments = findKind('deployments') as ResourceKind;
const secretKind: ResourceKind = { ...(findKind('configmaps') as ResourceKind), id: 'secrets', kind: 'Secret', plural: 'secrets' };

const live = {
  metadata: { name: 'web', namespace: 'ns', uid: 'u1', resourceVersion: '42', generation: 3, creationTimestamp: '2026-01-01T00:00:00Z', managedFields: [{ manager: 'kubectl' }] },
  spec: { replicas: 3, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'side', image: 'busybox' }] } } },
  status: { replicas: 3 },
};

describe('edit text', () => {
  it('leaves out status and server-set metadata, and says what is edited in a comment header', () => {
    const text = editText(live, deployments);
    expect(text).toMatch(/^# Editing deployment web in namespace ns \(resourceVersion 42\) with kdash\./);
    for (const noise of ['managedFields', 'resourceVersion:', 'uid:', 'generation:', 'creationTimestamp:', 'status:']) expect(text).not.toContain(noise);
    expect(text).toContain('apiVersion: apps/v1\nkind: Deployment');
  });

  it('reads its own text back as no change, and a YAML error with its line', () => {
    const text = editText(live, deployments);
    const back = readEdited(text, live, deployments);
    expect(back.kind).toBe('object');
    if (back.kind === 'object') expect(ownChanges(live, back.object, deployments)).toEqual([]);
    const bad = readEdited(`${text}spec: [\n`, live, deployments);
    expect(bad).toMatchObject({ kind: 'error', message: expect.stringMatching(/^YAML error: line \d+: /) });
    expect(readEdited('# only comments\n', live, deployments)).toEqual({ kind: 'cancel' });
    expect(readEdited(text.replace('name: web', 'name: other'), live, deployments)).toEqual({ kind: 'error', message: 'metadata.name cannot be changed (was web, now other)' });
  });

  it('puts the error on top and keeps the person\'s text, replacing an older error', () => {
    const once = withError('a: 1\nb: [', 'YAML error: line 2: x');
    expect(once).toBe('# kdash: YAML error: line 2: x\n# kdash: fix it and save again, or empty the file to cancel.\na: 1\nb: [');
    expect(withError(once, 'YAML error: line 3: y').match(/# kdash: YAML error/g)).toHaveLength(1);
  });

  it('sends the edited object with the version edited: resourceVersion, uid and status kept', () => {
    const body = updateBody({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 5 } }, live, deployments);
    expect(body.metadata).toMatchObject({ name: 'web', namespace: 'ns', resourceVersion: '42', uid: 'u1', managedFields: [{ manager: 'kubectl' }] });
    expect(body.status).toEqual({ replicas: 3 });
  });
});

describe('secrets', () => {
  const secret = { metadata: { name: 's', namespace: 'ns' }, data: { password: Buffer.from('hunter2').toString('base64'), bin: Buffer.from([0xff, 0x00, 0x01]).toString('base64') } };
  it('shows text values decoded under stringData, keeps bytes base64, and stores both back in data', () => {
    const e = editableObject(secret, secretKind);
    expect(e.stringData).toEqual({ password: 'hunter2' });
    expect(e.data).toEqual({ bin: secret.data.bin });
    const stored = storedForm({ ...e, stringData: { password: 's3cret' } }, secretKind);
    expect(stored.stringData).toBeUndefined();
    expect(stored.data).toEqual({ bin: secret.data.bin, password: Buffer.from('s3cret').toString('base64') });
  });
});

describe('diff by field path', () => {
  it('matches named list entries by name and words each change', () => {
    const after = structuredClone(live.spec);
    after.template.spec.containers = [{ name: 'side', image: 'busybox' }, { name: 'web', image: 'nginx:1.28' }];
    after.replicas = 5;
    const lines = diffLines(objectDiff(live.spec, after));
    expect(lines).toEqual([
      { sign: '~', text: 'replicas: 3 → 5' },
      { sign: '~', text: 'template.spec.containers[name=web].image: nginx:1.27 → nginx:1.28' },
    ]);
    expect(diffLines(objectDiff({ metadata: { labels: { 'app.kubernetes.io/name': 'a', x: 'y' } } }, { metadata: { labels: { x: 'y' } } }))).toEqual([{ sign: '-', text: 'metadata.labels["app.kubernetes.io/name"]: a' }]);
  });

  it('carries a person\'s changes onto a newer version without undoing the other change', () => {
    const mine = objectDiff(live.spec, { ...live.spec, replicas: 2 });
    const theirs = { ...structuredClone(live.spec), template: { spec: { containers: [{ name: 'web', image: 'nginx:2' }, { name: 'side', image: 'busybox' }] } } };
    expect(applyChanges(theirs, mine)).toEqual({ ...theirs, replicas: 2 });
  });
});
