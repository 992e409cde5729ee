// The table under a store fed by hand: what a change shows and when. A change on screen is drawn at
// once; a change elsewhere in a large table (only the count moves) waits for the clock tick, so churn
// in 10k pods does not cost a frame per batch — and nothing is lost.
import React, { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchChanges } from '../../src/store/index.js';
import { ServicesProvider, subscribeClock } from '../../src/views/context.js';
import { until } from '../support/until.js';
import { TableScreen } from '../../src/views/TableScreen.js';
import { InputRoot } from '../../src/views/input.js';
import type { TableControls } from '../../src/views/commands/types.js';
import { kindById } from '../../src/resources/registry.js';
import type { KObj, ResourceKind } from '../../src/resources/types.js';
import { renderApp, type Rendered } from '../support/render.js';
import { liveStore, storePorts } from '../support/storePorts.js';
import type { DiagnosisFeed } from '../../src/views/ports.js';
import type { Finding } from '../../src/diagnose/types.js';

const NS = 'team';
const pod = (name: string, phase = 'Running', rv = '1', born = new Date().toISOString()): KObj => ({
  metadata: { name, namespace: NS, uid: `uid-${name}`, resourceVersion: rv, creationTimestamp: born },
  spec: { containers: [{ name: 'app', image: 'x' }] },
  status: { phase },
});

/** A diagnosis feed that always has `findings` for the namespace. */
function feedOf(findings: Finding[]): DiagnosisFeed {
  const state = { live: true, diagnosis: { namespace: NS, findings, skipped: [], at: Date.now() } };
  return {
    watch: () => () => {},
    get: () => state,
    subscribe: () => () => {},
    refresh() {},
    previousLog: async () => [],
  };
}

function setup(count: number, findings: Finding[] = [], born?: string): { r: Rendered; feed(objs: KObj[]): void } {
  const key = `pods@${NS}`;
  const store = liveStore(key, Array.from({ length: count }, (_, i) => pod(`p-${String(i).padStart(4, '0')}`, 'Running', '1', born)));
  const services = storePorts(store, NS, { ops: {}, diagnosis: feedOf(findings), focusNamespace() {}, color: false, exit() {} });
  const r = renderApp(
    <ServicesProvider value={services}>
      <TableScreen spec={{ type: 'table', kind: kindById('pods') as ResourceKind, namespace: NS }} width={100} height={12} wide={false} onFilterChange={() => {}} />
    </ServicesProvider>,
    { columns: 100, rows: 14 },
  );
  return { r, feed: (objs) => dispatchChanges(store, [{ type: 'upsert', key, objects: objs }]) };
}

let current: Rendered | undefined;
afterEach(() => current?.unmount());

describe('TableScreen row markers', () => {
  it('puts ! before the rows the diagnosis has an error or warning about, not before notes', async () => {
    const finding = (name: string, severity: Finding['severity']): Finding => ({ rule: 'r', severity, object: { kind: 'Deployment', name: 'd', namespace: NS }, seenOn: [{ kind: 'Pod', name, namespace: NS }], cause: 'c', evidence: [], fix: [] });
    const { r } = setup(5, [finding('p-0001', 'error'), finding('p-0003', 'info')]);
    current = r;
    await r.waitFor('pods(team)[5]');
    const lines = r.frame().split('\n');
    expect(lines.find((l) => l.includes('p-0001'))).toMatch(/^ !p-0001/);
    expect(lines.find((l) => l.includes('p-0003'))).toMatch(/^ {2}p-0003/);
    expect(lines.find((l) => l.includes('p-0002'))).toMatch(/^ {2}p-0002/);
  });
});

describe('TableScreen under churn', () => {
  it('draws a change on screen at once and a change off screen with the next tick, losing neither', async () => {
    const { r, feed } = setup(1000);
    current = r;
    await r.waitFor('pods(team)[1000]');
    feed([pod('p-0002', 'Failed', '2')]);
    await r.waitForFrame((f) => /p-0002\s.*Failed/.test(f), 'the changed row on screen', 900);
    feed([pod('p-0500', 'Failed', '2'), pod('zz-new')]);
    await r.waitFor('pods(team)[1001]', 3000);
  });

  it('does not draw a frame for each batch that changes nothing on screen', async () => {
    const { r, feed } = setup(1000);
    current = r;
    await r.waitFor('pods(team)[1000]');
    const before = r.stdout.frames.length;
    // 20 batches over ~400 ms, all below the window: at most the clock's tick may draw.
    for (let i = 0; i < 20; i++) {
      feed([pod(`p-0${600 + i}`, 'Pending', String(10 + i))]);
      await new Promise((res) => setTimeout(res, 20));
    }
    expect(r.stdout.frames.length - before).toBeLessThanOrEqual(2);
  });
});

describe('TableScreen and the clock', () => {
  /** Counts the shared one-second clock's ticks (the same clock the table follows). */
  function tickCounter() {
    const seen = { ticks: 0 };
    const stop = subscribeClock(1000, () => seen.ticks++);
    return { seen, stop };
  }

  it('draws one frame when a visible AGE rolls over a minute, and nothing on the ticks that change no text', async () => {
    // 14m now, 15m in ~1.5 s; from 10m on kubectl shows whole minutes, so the other ticks change nothing on screen.
    const { r } = setup(5, [], new Date(Date.now() - (15 * 60_000 - 1500)).toISOString());
    current = r;
    await r.waitForFrame((f) => /p-0004\s.*\s14m/.test(f), 'the rows at 14m');
    const before = r.stdout.frames.length;
    const clock = tickCounter();
    try {
      await r.waitForFrame((f) => /p-0004\s.*\s15m/.test(f), 'the rows at 15m', 4000);
      const rolled = r.stdout.frames.length;
      const at = clock.seen.ticks;
      // Two more ticks drawn (or not) and flushed: the third tick comes a second after the second.
      await until(() => clock.seen.ticks >= at + 3, 'three more ticks', 5000);
      expect(rolled - before, 'frames for the rollover').toBe(1);
      expect(r.stdout.frames.length - rolled, 'frames for ticks that change nothing').toBe(0);
    } finally {
      clock.stop();
    }
  });

  it('still draws, with the next tick, a change it deferred off screen', async () => {
    const { r, feed } = setup(1000, [], new Date(Date.now() - 20 * 60_000).toISOString());
    current = r;
    await r.waitFor('pods(team)[1000]');
    feed([pod('zz-new', 'Running', '1', new Date(Date.now() - 20 * 60_000).toISOString())]);
    await r.waitFor('pods(team)[1001]', 3000);
  });
});

describe('TableScreen filter typed key by key', () => {
  /** The table as the App holds it: the filter applied with Enter becomes the screen's. */
  function filterable(names: string[]) {
    const key = `pods@${NS}`;
    const store = liveStore(key, names.map((n) => pod(n)));
    const services = storePorts(store, NS, { ops: {}, diagnosis: feedOf([]), focusNamespace() {}, color: false, exit() {} });
    const seen: { controls?: TableControls } = {};
    function Screen() {
      const [filter, setFilter] = useState('');
      return (
        <TableScreen
          spec={{ type: 'table', kind: kindById('pods') as ResourceKind, namespace: NS, filter }}
          width={100}
          height={14}
          wide={false}
          onFilterChange={setFilter}
          onControls={(c) => (seen.controls = c)}
        />
      );
    }
    const r = renderApp(
      <ServicesProvider value={services}>
        <InputRoot>
          <Screen />
        </InputRoot>
      </ServicesProvider>,
      { columns: 100, rows: 16 },
    );
    return { r, seen, feed: (objs: KObj[]) => dispatchChanges(store, [{ type: 'upsert', key, objects: objs }]) };
  }
  const shown = (frame: string) => [...frame.matchAll(/^[> ] ((?:api|web|cache)-\S+)/gm)].map((m) => m[1]);

  it('shows the matching rows as the text narrows and widens, and rows that arrive while it is typed', async () => {
    const { r, seen, feed } = filterable(['api-1', 'api-12', 'cache-web', 'web-1', 'web-12', 'web-2', 'web-21', 'web-3']);
    current = r;
    await r.waitFor('pods(team)[8]');
    seen.controls!.openFilter();
    await r.waitFor('/█');
    const after = async (keys: string, rows: string[]) => {
      if (keys === 'backspace') await r.press('backspace');
      else await r.type(keys);
      await r.waitForFrame((f) => JSON.stringify(shown(f)) === JSON.stringify(rows), `${JSON.stringify(rows)} after ${keys}`);
    };
    await after('web-1', ['web-1', 'web-12']);
    await after('backspace', ['web-1', 'web-12', 'web-2', 'web-21', 'web-3']);
    await after('2', ['web-2', 'web-21']);
    // A pod that matches arrives while the filter is typed; widening again must find it too.
    feed([pod('web-22')]);
    await r.waitForFrame((f) => JSON.stringify(shown(f)) === JSON.stringify(['web-2', 'web-21', 'web-22']), 'the new pod');
    await after('backspace', ['web-1', 'web-12', 'web-2', 'web-21', 'web-22', 'web-3']);
    await after('backspace', ['cache-web', 'web-1', 'web-12', 'web-2', 'web-21', 'web-22', 'web-3']);
    await after('-2', ['web-2', 'web-21', 'web-22']);
    await r.press('enter');
    await r.waitFor('pods(team)[3/9]  /web-2');
  });
});
