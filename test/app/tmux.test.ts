// The built binary in a real terminal emulator (tmux) at 80×24, 100×30, 120×40 and 200×50: the pod,
// deployment and event views, read back with capture-pane as a person sees them. The header's text
// never overlaps or is cut mid-word, and every column header is whole or ends with "…".
// Needs `npm run build` first (like cli.test.ts) and tmux on the PATH.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTmux, Tmux } from '../support/tmux.js';
import { kindById } from '../../src/resources/registry.js';
import type { ResourceKind } from '../../src/resources/types.js';

const cli = join(import.meta.dirname, '../../dist/bin/kdash.js');
/** Checks the two header lines: who/where with the health badge, then counters and the quota apart. */
function checkHeader(screen: string, columns: number) {
  const [l1, l2] = screen.split('\n');
  expect(l1, 'line 1').toMatch(/^(kdash │ )?sim-student( │ https:\/\/127\.0\.0\.1:\d+)?( │ user vgauthier)? │ ns vgauthier +● live$/);
  // Line 2: whole counters ("pods 7", "events 51", "+3") two spaces apart, then the quota, at least two spaces away.
  const quotaAt = l2.search(/cpu [\d.]+\/2/);
  expect(quotaAt, `line 2 has the quota: ${l2}`).toBeGreaterThanOrEqual(0);
  const left = l2.slice(0, quotaAt);
  expect(left, 'counters end two spaces before the quota').toMatch(/(^| {2,})$/);
  for (const part of left.trim() ? left.trim().split(/ {2,}/) : []) expect(part, `a whole counter in: ${l2}`).toMatch(/^([a-z]+(\/\S+)? (\d+|—)( \([a-z]+( \d+s?)?\))?|\+\d+)$/);
  // The quota's segments are whole: label, used/hard and, when there is room, a whole bar.
  expect(l2.slice(quotaAt), `quota segments: ${l2}`).toMatch(/^(\S+ [\d.]+[A-Za-z]*\/[\d.]+[A-Za-z]*( [▇▁]{6})?)( {2}\S+ [\d.]+[A-Za-z]*\/[\d.]+[A-Za-z]*( [▇▁]{6})?)*$/);
  for (const l of screen.split('\n')) expect(l.length, l).toBeLessThanOrEqual(columns);
}

/** Every column header on the table's header line is one of the kind's headers (maybe with ↑/↓), or ends with "…". */
function checkColumnHeaders(screen: string, kind: ResourceKind, first: string) {
  const line = screen.split('\n').find((l) => l.startsWith(`  ${first}`));
  expect(line, `${kind.id} header line`).toBeDefined();
  const known = new Set(['NAMESPACE', ...kind.columns.map((c) => c.header)]);
  for (const h of line!.trim().split(/ {2,}/)) {
    const bare = h.replace(/[↑↓]$/, '');
    if (!known.has(bare)) expect(h, `column header "${h}" in: ${line}`).toMatch(/…$/);
    if (bare.endsWith('…')) expect([...known].some((k) => k.startsWith(bare.slice(0, -1))), `"${h}" is a cut header`).toBe(true);
  }
}

describe.skipIf(!hasTmux)('kdash --demo in tmux', () => {
  for (const [columns, rows] of [
    [80, 24],
    [100, 30],
    [120, 40],
    [200, 50],
  ]) {
    it(`at ${columns}×${rows}: pods, deployments and events with a clean header and whole column headers`, async () => {
      const t = new Tmux(columns, rows);
      try {
        t.start([process.execPath, cli, '--demo']);
        const ready = (title: RegExp) => (s: string) => title.test(s) && /cpu [\d.]+\/2/.test(s) && /● live/.test(s);
        let s = await t.waitFor((x) => ready(/^pods\(vgauthier\)\[7\]/m)(x) && /webnodb-/.test(x), 'the pods');
        checkHeader(s, columns);
        checkColumnHeaders(s, kindById('pods') as ResourceKind, 'NAME');

        t.keys(':deploy', 'Enter');
        s = await t.waitFor((x) => ready(/^deployments\(vgauthier\)\[\d+\]/m)(x) && / webnodb /.test(x), 'the deployments');
        checkHeader(s, columns);
        checkColumnHeaders(s, kindById('deployments') as ResourceKind, 'NAME');

        t.keys(':ev', 'Enter');
        s = await t.waitFor((x) => ready(/^events\(vgauthier\)\[\d+\]/m)(x) && /(Normal|Warning)/.test(x), 'the events');
        checkHeader(s, columns);
        checkColumnHeaders(s, kindById('events') as ResourceKind, 'LAST SEEN');
      } finally {
        t.kill();
      }
    }, 60_000);
  }
});
