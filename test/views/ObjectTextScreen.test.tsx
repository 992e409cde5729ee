// Describe and YAML of a pod: the store keeps only part of it (src/resources/podFields.ts), so the
// screen shows the whole pod read through ports.getObject — env values included — and says in one
// line when that read finds the pod gone or a new pod under its name.
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ObjectTextScreen } from '../../src/views/ObjectTextScreen.js';
import { ServicesProvider } from '../../src/views/context.js';
import { kindById } from '../../src/resources/registry.js';
import { trimObject } from '../../src/store/trim.js';
import type { KObj, ResourceKind } from '../../src/resources/types.js';
import { renderApp, type Rendered } from '../support/render.js';
import { liveStore, storePorts } from '../support/storePorts.js';

const NS = 'team';
const whole: KObj = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: NS, uid: 'uid-1', resourceVersion: '7', creationTimestamp: '2026-12-07T08:00:00Z' },
  spec: { nodeName: 'n1', containers: [{ name: 'web', image: 'nginx:1.27', env: [{ name: 'GREETING', value: 'hello-from-env' }] }] },
  status: { phase: 'Running', containerStatuses: [{ name: 'web', ready: true, restartCount: 0, state: { running: { startedAt: '2026-12-07T08:00:01Z' } } }] },
};

let current: Rendered | undefined;
afterEach(() => current?.unmount());

function show(mode: 'describe' | 'yaml', getObject: () => Promise<KObj>): Rendered {
  const stored = trimObject(structuredClone(whole));
  const store = liveStore(`pods@${NS}`, [stored]);
  const services = storePorts(store, NS, { getObject, color: false, ops: {} });
  current = renderApp(
    <ServicesProvider value={services}>
      <ObjectTextScreen mode={mode} kind={kindById('pods') as ResourceKind} namespace={NS} uid="uid-1" name="web-1" width={100} height={30} onBack={() => {}} />
    </ServicesProvider>,
    { columns: 100, rows: 32 },
  );
  return current;
}

describe('describe and YAML of a pod kept in part', () => {
  it('the store has no env; describe shows it from the whole pod read on demand', async () => {
    expect(JSON.stringify(trimObject(structuredClone(whole)))).not.toContain('hello-from-env');
    const r = show('describe', async () => structuredClone(whole));
    await r.waitFor(/GREETING:\s+hello-from-env/);
  });

  it('YAML shows the whole pod too', async () => {
    const r = show('yaml', async () => structuredClone(whole));
    await r.waitFor('value: hello-from-env');
  });

  it('a pod gone by the time it is read: the server\'s one line', async () => {
    const r = show('describe', async () => {
      throw new Error('pods "web-1" not found\nmore');
    });
    await r.waitFor('pods "web-1" not found');
    expect(r.frame()).not.toContain('more');
  });

  it('a new pod under the same name: says so instead of showing it as this one', async () => {
    const r = show('describe', async () => ({ ...structuredClone(whole), metadata: { ...whole.metadata, uid: 'uid-2' } }));
    await r.waitFor('Pod web-1 was deleted and created again (a new object)');
    expect(r.frame()).not.toContain('hello-from-env');
  });
});
