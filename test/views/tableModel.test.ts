import { describe, expect, it } from 'vitest';
import { changeShows, columnWidths, fitCell, parseFilter, searchTextOf, sortRows, visibleWindow, warmSearchTexts, type Drawn } from '../../src/views/tableModel.js';
import { matchesFields } from '../../src/views/fieldSelector.js';
import { kindById } from '../../src/resources/registry.js';
import type { KObj, ResourceKind } from '../../src/resources/types.js';

const pod = (name: string, labels: Record<string, string> = {}, extra: Partial<KObj> = {}): KObj => ({
  metadata: { name, namespace: 'vgauthier', uid: `uid-${name}`, labels, creationTimestamp: '2026-11-21T10:00:00Z' },
  spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'x' }] },
  status: { phase: 'Running' },
  ...extra,
});
const text = (o: KObj) => () => `${o.metadata.name} Running`;

describe('the / filter', () => {
  it('matches a case-insensitive substring', () => {
    const f = parseFilter('WEB');
    expect(f.test(pod('webnodb-1'), text(pod('webnodb-1')))).toBe(true);
    expect(f.test(pod('redis-1'), text(pod('redis-1')))).toBe(false);
  });

  it('treats text with regex syntax as a regex, and a bad regex as plain text', () => {
    expect(parseFilter('^web.*-1$').test(pod('webnodb-1'), () => 'webnodb-1')).toBe(true);
    expect(parseFilter('^web.*-1$').test(pod('webnodb-2'), () => 'webnodb-2')).toBe(false);
    const bad = parseFilter('web(');
    expect(bad.test(pod('web('), () => 'web(')).toBe(true);
  });

  it('selects by label with -l, set-based included, and ! inverts', () => {
    const web = pod('a', { app: 'web', tier: 'front' });
    const db = pod('b', { app: 'db' });
    expect(parseFilter('-l app=web').test(web, text(web))).toBe(true);
    expect(parseFilter('-l app=web').test(db, text(db))).toBe(false);
    expect(parseFilter('-l app in (web,db)').test(db, text(db))).toBe(true);
    expect(parseFilter('!-l app=web').test(db, text(db))).toBe(true);
    expect(parseFilter('!redis').test(web, () => 'a')).toBe(true);
  });

  it('reports a malformed label selector instead of filtering everything out', () => {
    const f = parseFilter('-l app in (');
    expect(f.error).toMatch(/bad label selector/);
    expect(f.test(pod('x'), () => 'x')).toBe(true);
  });
});

describe('sorting', () => {
  const kind = kindById('pods') as ResourceKind;
  it('defaults to namespace then name, like kubectl', () => {
    const rows = [pod('b'), pod('a'), { ...pod('c'), metadata: { ...pod('c').metadata, namespace: 'alice' } }];
    expect(sortRows(kind, rows, undefined, { now: 0 }).map((o) => o.metadata.name)).toEqual(['c', 'a', 'b']);
  });
  it('sorts numbers numerically and can reverse', () => {
    const young = { ...pod('young'), metadata: { ...pod('young').metadata, creationTimestamp: '2026-11-21T11:00:00Z' } };
    const old = pod('old');
    const now = Date.parse('2026-11-21T12:00:00Z');
    const asc = sortRows(kind, [young, old], { column: 'age', desc: false }, { now }).map((o) => o.metadata.name);
    const desc = sortRows(kind, [young, old], { column: 'age', desc: true }, { now }).map((o) => o.metadata.name);
    expect(asc).toEqual([...desc].reverse());
  });
});

describe('virtual window', () => {
  it('keeps the selection in view while moving as little as possible', () => {
    expect(visibleWindow(100, 0, 10, 0)).toBe(0);
    expect(visibleWindow(100, 9, 10, 0)).toBe(0);
    expect(visibleWindow(100, 10, 10, 0)).toBe(1);
    expect(visibleWindow(100, 50, 10, 45)).toBe(45);
    expect(visibleWindow(100, 3, 10, 45)).toBe(3);
    expect(visibleWindow(5, 4, 10, 3)).toBe(0);
  });
});

describe('cells', () => {
  it('pads and cuts by terminal width, counting wide characters double', () => {
    expect(fitCell('abc', 5)).toBe('abc  ');
    expect(fitCell('abc', 5, 'right')).toBe('  abc');
    expect(fitCell('abcdefgh', 5)).toBe('abcd…');
    expect(fitCell('日本語', 5)).toBe('日本…');
  });
  it('fits columns into the width by shrinking the widest', () => {
    const w = columnWidths(['NAME', 'STATUS'], [{ uid: '1', cells: ['x'.repeat(100), 'Running'] }], 40);
    expect(w.reduce((a, b) => a + b, 0) + 3).toBeLessThanOrEqual(40);
    expect(w[1]).toBe(7);
  });
});

describe('client-side field selectors for drill-downs', () => {
  it('matches spec.nodeName and status.phase, with != too', () => {
    expect(matchesFields('spec.nodeName=node-1', pod('a'))).toBe(true);
    expect(matchesFields('spec.nodeName=node-2', pod('a'))).toBe(false);
    expect(matchesFields('status.phase!=Running', pod('a'))).toBe(false);
    expect(matchesFields('spec.nodeName=node-1,status.phase=Running', pod('a'))).toBe(true);
  });
});

describe('which store changes show on screen', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => pod(`p-${String(i).padStart(3, '0')}`));
  const drawnOf = (all: KObj[], top: number, index: number, height: number): Drawn => ({ visible: all.slice(top, top + height), index, top, height });

  it('a change below the window only moves the count; one in the window, or that shifts it, shows', () => {
    const all = rows(100);
    const last = drawnOf(all, 0, 0, 10);
    const changedOffScreen = all.map((o, i) => (i === 50 ? { ...o } : o));
    expect(changeShows(last, changedOffScreen, all[0].metadata.uid)).toBe(false);
    expect(changeShows(last, [...all, pod('zzz')], all[0].metadata.uid)).toBe(false);
    const changedOnScreen = all.map((o, i) => (i === 3 ? { ...o } : o));
    expect(changeShows(last, changedOnScreen, all[0].metadata.uid)).toBe(true);
    // An object added above the selection pushes the rows down.
    expect(changeShows(last, [pod('a-first'), ...all], all[0].metadata.uid)).toBe(true);
  });

  it('a scrolled window shifts when rows above it come or go; the end of the table shows its length', () => {
    const all = rows(100);
    const last = drawnOf(all, 40, 45, 10);
    expect(changeShows(last, all.filter((_, i) => i !== 10), all[45].metadata.uid)).toBe(true);
    expect(changeShows(last, all.filter((_, i) => i !== 90), all[45].metadata.uid)).toBe(false);
    const end = drawnOf(all, 90, 95, 10);
    expect(changeShows(end, all.slice(0, 99), all[95].metadata.uid)).toBe(true);
  });

  it('the selected object deleted, or an empty table, always shows', () => {
    const all = rows(20);
    const last = drawnOf(all, 0, 5, 10);
    expect(changeShows(last, all.filter((_, i) => i !== 5), all[5].metadata.uid)).toBe(true);
    expect(changeShows(drawnOf([], 0, 0, 10), all, undefined)).toBe(true);
    expect(changeShows(undefined, all, undefined)).toBe(true);
  });
});

describe('search texts warmed in the background', () => {
  const counting = () => {
    const calls = { n: 0 };
    const kind = { ...(kindById('pods') as ResourceKind), columns: [{ id: 'status', header: 'STATUS', value: () => (calls.n++, 'Running') }] };
    return { kind, calls };
  };

  it('computes every row once, a chunk per macrotask, so the filter finds them done', async () => {
    const { kind, calls } = counting();
    const rows = Array.from({ length: 2500 }, (_, i) => pod(`w-${i}`));
    warmSearchTexts(kind, rows, { now: 0 }, 1000);
    expect(calls.n).toBe(0); // nothing synchronously: the key that started it is not delayed
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.n).toBe(1000);
    for (let i = 0; i < 100 && calls.n < 2500; i++) await new Promise((r) => setTimeout(r, 5));
    expect(calls.n).toBe(2500);
    expect(searchTextOf(kind, rows[2499], { now: 0 })).toBe('vgauthier w-2499 Running');
    expect(calls.n).toBe(2500);
  });

  it('stops when cancelled', async () => {
    const { kind, calls } = counting();
    const cancel = warmSearchTexts(kind, [pod('a'), pod('b')], { now: 0 });
    cancel();
    await new Promise((r) => setTimeout(r, 10));
    expect(calls.n).toBe(0);
  });
});
