// The header follows the one-second clock only where its words move: a stale watch counts its
// seconds, a count left for the tick is drawn by it; a tick that changes none of its words draws nothing.
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchChanges } from '../../src/store/index.js';
import { ServicesProvider, subscribeClock } from '../../src/views/context.js';
import { Header } from '../../src/views/Header.js';
import type { KObj } from '../../src/resources/types.js';
import { renderApp, type Rendered } from '../support/render.js';
import { liveStore, storePorts } from '../support/storePorts.js';
import { until } from '../support/until.js';

const NS = 'team';
const pod = (name: string): KObj => ({ metadata: { name, namespace: NS, uid: `uid-${name}`, resourceVersion: '1' } });

function setup() {
  const key = `pods@${NS}`;
  const store = liveStore(key, [pod('a'), pod('b')]);
  const services = storePorts(store, NS);
  const r = renderApp(
    <ServicesProvider value={services}>
      <Header width={100} namespace={NS} />
    </ServicesProvider>,
    { columns: 100, rows: 6 },
  );
  return { r, store, key };
}

let current: Rendered | undefined;
afterEach(() => current?.unmount());

/** Waits for `n` more ticks of the shared one-second clock. */
async function ticks(n: number) {
  let seen = 0;
  const stop = subscribeClock(1000, () => seen++);
  try {
    await until(() => seen >= n, `${n} clock ticks`, n * 1000 + 4000);
  } finally {
    stop();
  }
}

describe('Header and the clock', () => {
  it('draws nothing on ticks that change none of its words', async () => {
    const { r } = setup();
    current = r;
    await r.waitFor('pods 2');
    const before = r.stdout.frames.length;
    await ticks(3);
    expect(r.stdout.frames.length - before).toBe(0);
  });

  it('counts a stale watch’s seconds and draws a count with the next tick', async () => {
    const { r, store, key } = setup();
    current = r;
    await r.waitFor('pods 2');
    dispatchChanges(store, [{ type: 'phase', key, phase: { phase: 'stale', since: Date.now() } }]);
    await r.waitFor(/stale 0s/);
    await r.waitFor(/stale [1-9]s/, 4000);
    dispatchChanges(store, [{ type: 'upsert', key, objects: [pod('c')] }]);
    await r.waitFor('pods 3', 4000);
    expect(r.frame()).toMatch(/pods 3 \(stale \d+s\)/);
  });
});
