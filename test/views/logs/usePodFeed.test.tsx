import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Text } from 'ink';
import { createClusterStore, dispatchChanges } from '../../../src/store/index.js';
import { ServicesProvider } from '../../../src/views/context.js';
import type { ViewPorts } from '../../../src/views/ports.js';
import { usePodFeed } from '../../../src/views/logs/usePodFeed.js';
import type { KObj } from '../../../src/resources/types.js';
import { renderApp, type Rendered } from '../../support/render.js';
import { FakeController } from './fakeController.js';

let r: Rendered | undefined;
afterEach(() => r?.unmount());

const pod = (name: string): KObj => ({ metadata: { name, namespace: 'ns', uid: name, labels: { app: 'web' } } });

function Feed({ c }: { c: FakeController }) {
  usePodFeed(c, 'ns');
  return <Text>feeding</Text>;
}

describe('usePodFeed', () => {
  it('watches pods of the namespace and hands every new pod list to the controller', async () => {
    const store = createClusterStore();
    const watched: string[] = [];
    const services = { store, watch: (kind: string, ns: string) => (watched.push(`${kind}@${ns}`), () => {}) } as unknown as ViewPorts;
    const seen: string[][] = [];
    const c = new FakeController();
    c.setPods = (pods: KObj[]) => void seen.push(pods.map((p) => p.metadata.name).sort());
    r = renderApp(
      <ServicesProvider value={services}>
        <Feed c={c} />
      </ServicesProvider>,
    );
    await r.waitFor('feeding');
    expect(watched).toEqual(['pods@ns']);
    dispatchChanges(store, [{ type: 'replace', key: 'pods@ns', objects: [pod('web-1'), pod('web-2')] }]);
    await r.waitForFrame(() => seen.length > 0, 'the first pod list');
    dispatchChanges(store, [{ type: 'upsert', key: 'pods@ns', objects: [pod('web-3')] }]);
    await r.waitForFrame(() => seen.some((s) => s.length === 3), 'the new pod');
    expect(seen.at(-1)).toEqual(['web-1', 'web-2', 'web-3']);
  });
});
