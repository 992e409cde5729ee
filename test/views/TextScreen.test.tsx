import React from 'react';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import { describeObject } from '../../src/resources/describe.js';
import { findKind } from '../../src/resources/registry.js';
import type { KObj } from '../../src/resources/types.js';
import { InputRoot } from '../../src/views/input.js';
import { TextScreen, type TextScreenProps } from '../../src/views/TextScreen.js';
import { plain, renderApp, type Rendered } from '../support/render.js';

let r: Rendered | undefined;
afterEach(() => r?.unmount());

function mount(p: Partial<TextScreenProps> & { text: string }, size = { columns: 80, rows: 40 }) {
  r = renderApp(
    <InputRoot>
      <TextScreen title="t" width={size.columns} height={size.rows - 1} onBack={() => {}} {...p} />
    </InputRoot>,
    size,
  );
  return r;
}
const rows = (f: string) => f.split('\n');
async function find(v: Rendered, text: string) {
  await v.press('/');
  await v.type(text);
  await v.press('enter');
}
async function down(v: Rendered, n: number) {
  for (let i = 0; i < n; i++) await v.press('j');
}
/** The words of a text, whatever rows it was cut into. */
const words = (s: string) => s.split(/\s+/).filter(Boolean).join(' ');

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
const QUOTA =
  'Error creating: pods "web-7c9f8d6b5-x2x9q" is forbidden: exceeded quota: compute, requested: requests.cpu=500m,requests.memory=256Mi, used: requests.cpu=1800m,requests.memory=900Mi, limited: requests.cpu=2,requests.memory=1Gi';
const EVICTED =
  'The node was low on resource: memory. Threshold quantity: 100Mi, available: 52Mi. Container web was using 912Mi, request is 256Mi, has larger consumption of its request.';

const rs: KObj = {
  kind: 'ReplicaSet',
  metadata: { name: 'web-7c9f8d6b5', namespace: 'classroom', uid: 'rs-1', creationTimestamp: '2024-05-01T11:00:00Z' },
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  status: {
    replicas: 1,
    conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: QUOTA }],
  },
};
const quotaEvent: KObj = {
  kind: 'Event',
  metadata: { name: 'web.1', namespace: 'classroom', uid: 'ev-1' },
  involvedObject: { kind: 'ReplicaSet', name: 'web-7c9f8d6b5', namespace: 'classroom', uid: 'rs-1' },
  type: 'Warning',
  reason: 'FailedCreate',
  message: QUOTA,
  count: 4,
  firstTimestamp: '2024-05-01T11:50:00Z',
  lastTimestamp: '2024-05-01T11:58:00Z',
  source: { component: 'replicaset-controller' },
};

describe('describe view: long messages wrap at the screen width', () => {
  it('shows a whole quota refusal across rows at 80 columns, continuation rows indented under the event', async () => {
    const text = describeObject(findKind('rs')!, rs, { events: [quotaEvent] }, NOW);
    const v = mount({ text });
    const f = await v.waitFor('Events:');
    for (const row of rows(f)) expect(stringWidth(row)).toBeLessThanOrEqual(80);
    const eventRows = rows(f).slice(rows(f).findIndex((l) => /^\s+Warning\s+FailedCreate/.test(l)));
    // Every word of the message, in order, with nothing cut off at the screen edge.
    expect(words(eventRows.join(' '))).toContain(words(QUOTA));
    expect(eventRows.length).toBeGreaterThan(2);
    // The Message column starts too far right to hang under it: continuation rows sit deeper than the row.
    for (const row of eventRows.slice(1).filter((l) => l.trim())) expect(row.search(/\S/)).toBe(6);
  });

  it('hangs the continuation rows under the Message column when it leaves room (120 columns)', async () => {
    const v = mount({ text: describeObject(findKind('rs')!, rs, { events: [quotaEvent] }, NOW) }, { columns: 120, rows: 40 });
    const f = await v.waitFor('Events:');
    const eventRows = rows(f).slice(rows(f).findIndex((l) => /^\s+Warning\s+FailedCreate/.test(l)));
    const messageCol = eventRows[0].indexOf('Error creating');
    expect(messageCol).toBeGreaterThan(40);
    expect(eventRows[1].search(/\S/)).toBe(messageCol);
    expect(words(eventRows.join(' '))).toContain(words(QUOTA));
  });

  it('wraps a "Message:" value under the value, not under the key', async () => {
    const pod: KObj = {
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'classroom', uid: 'p1', creationTimestamp: '2024-05-01T11:00:00Z' },
      spec: { containers: [{ name: 'web', image: 'nginx' }] },
      status: { phase: 'Failed', reason: 'Evicted', message: EVICTED },
    };
    const v = mount({ text: describeObject(findKind('pod')!, pod, { events: [] }, NOW) }, { columns: 80, rows: 60 });
    const f = await v.waitFor('Events:');
    const at = rows(f).findIndex((l) => /^Message:/.test(l));
    const first = rows(f)[at];
    const valueCol = first.indexOf('The node');
    expect(valueCol).toBeGreaterThan('Message:'.length);
    expect(rows(f)[at + 1].search(/\S/)).toBe(valueCol);
    expect(words(rows(f).slice(at).join(' '))).toContain(words(EVICTED));
  });

  it('finds text with / and highlights it, and says when there is no match', async () => {
    const v = mount({ text: describeObject(findKind('rs')!, rs, { events: [quotaEvent] }, NOW) });
    await v.waitFor('Events:');
    await find(v, 'forbidden');
    await v.waitFor('/forbidden (n/N)');
    expect(v.stdout.lastFrame()).toMatch(/\x1b\[43m[^\x1b]*forbidden/);
    await find(v, 'nothing-like-this');
    await v.waitFor('/nothing-like-this: no match');
  });
});

const YAML = `apiVersion: apps/v1
kind: Deployment
# a comment
metadata:
  name: web
  labels:
    app: web
spec:
  paused: false
  replicas: 3
  revisionHistoryLimit: null
  template:
    spec:
      containers:
      - image: nginx:1.25
        name: web
        ports:
        - containerPort: 8080
status:
  conditions:
  - message: ReplicaSet "web-7c9f8d6b5" has successfully progressed.
    type: Progressing
`;

const rawRows = () => (r!.stdout.lastFrame() ?? '').split('\n');
const rowWith = (s: string) => rawRows().find((l) => plain(l).includes(s)) ?? '';
const SGR = /\x1b\[[0-9;]*m/;

describe('YAML view', () => {
  it('colours keys, strings, numbers, booleans, null and comments, and has no colour code at all with colours off (NO_COLOR, --no-color)', async () => {
    let v = mount({ text: YAML, yaml: true, color: true });
    await v.waitFor('containerPort');
    expect(rowWith('apiVersion')).toMatch(/\x1b\[36mapiVersion/); // key: cyan
    expect(rowWith('apiVersion')).toMatch(/\x1b\[32mapps\/v1/); // string: green
    expect(rowWith('replicas')).toMatch(/\x1b\[35m3/); // number: magenta
    expect(rowWith('paused')).toMatch(/\x1b\[33mfalse/); // boolean: yellow
    expect(rowWith('revisionHistoryLimit')).toMatch(/\x1b\[90mnull/); // null: gray
    expect(rowWith('# a comment')).toMatch(/\x1b\[90m# a comment/);
    v.unmount();
    v = mount({ text: YAML, yaml: true, color: false });
    await v.waitFor('containerPort');
    const body = rawRows().slice(1);
    expect(body.join('\n')).toContain('apiVersion: apps/v1');
    for (const row of body) expect(row).not.toMatch(SGR);
  });

  it('folds the block under the cursor with z and opens it with Enter; Z folds every top-level section', async () => {
    const v = mount({ text: YAML, yaml: true, color: false });
    await v.waitFor('› apiVersion');
    await down(v, 7);
    await v.waitFor('› spec:');
    await v.press('z');
    let f = await v.waitFor('▸ spec: … (10 lines)');
    expect(f).not.toContain('containerPort');
    expect(f).toContain('status:');
    await v.press('enter');
    f = await v.waitFor('containerPort');
    expect(f).not.toContain('▸');
    await v.press('Z');
    f = await v.waitFor('▸ status: … (3 lines)');
    expect(f).toContain('▸ metadata: … (3 lines)');
    expect(f).toContain('▸ spec: … (10 lines)');
    expect(f).not.toContain('name: web');
    await v.press('Z');
    await v.waitFor('containerPort');
  });

  it('z on a line with nothing under it folds the block it is in', async () => {
    const v = mount({ text: YAML, yaml: true, color: false });
    await v.waitFor('› apiVersion');
    await down(v, 4);
    await v.waitFor('›   name: web');
    await v.press('space');
    await v.waitFor('› ▸ metadata: … (3 lines)');
  });

  it('finds with /, n and N: jumps to the match (opening its fold), highlights it, or says no match', async () => {
    const v = mount({ text: YAML, yaml: true, color: true });
    await v.waitFor('› apiVersion');
    await v.press('Z');
    await v.waitFor('▸ spec:');
    await find(v, 'web');
    let f = await v.waitFor('/web (n/N)');
    expect(f).toMatch(/›\s+name: web/);
    expect(rowWith('name: web')).toMatch(/\x1b\[43m[^\x1b]*web/);
    await v.press('n');
    f = await v.waitFor(/›\s+app: web/);
    await v.press('n');
    f = await v.waitFor(/› {9}name: web/); // the container's name, inside the folded spec
    expect(f).not.toContain('▸ spec:'); // its fold opened
    await v.press('N');
    await v.waitFor(/›\s+app: web/);
    await find(v, 'zebra');
    await v.waitFor('/zebra: no match');
  });

  it('wraps a long value under its key instead of cutting it', async () => {
    const long = 'x'.repeat(30) + ' ' + 'y'.repeat(60) + ' end-of-value';
    const v = mount({ text: `metadata:\n  annotations:\n    note: ${long}\n`, yaml: true, color: false });
    const f = await v.waitFor('end-of-value');
    for (const row of rows(f)) expect(stringWidth(row)).toBeLessThanOrEqual(80);
    const at = rows(f).findIndex((l) => l.includes('note:'));
    expect(rows(f)[at + 1]).toMatch(/^ {8}y+$/); // 2 (gutter) + 4 (key) + 2
  });
});
