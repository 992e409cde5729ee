// What the person sees while kdash cannot vouch for its rows: the server fails every request, so the
// rows on screen may be out of date. They must be dimmed and the table and the header must say so —
// never "● live" — until the watch is back, and then the marking goes away by itself.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startRig, type Rig } from '../support/rig.js';

// Dimming is a colour attribute: let Ink's chalk emit it here (hoisted above the imports).
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const DIM = '\x1b[2m';
/** The raw (coloured) screen line that shows a row matching the pattern. */
const rawLine = (r: Rig, pattern: RegExp) => (r.stdout.lastFrame() ?? '').split('\n').find((l) => pattern.test(l.replace(/\x1b\[[0-9;]*m/g, ''))) ?? '';

describe('rows while the watch is down', () => {
  it('are dimmed and marked NOT LIVE, the header never says live, and all of it clears once the server answers again', async () => {
    rig = await startRig({ view: 'deploy' });
    await rig.waitForRow(/webnodb/);
    await rig.waitFor('● live');
    expect(rawLine(rig, /webnodb/)).not.toContain(DIM);

    rig.sim.faults.failNext(1_000_000, 500);
    rig.sim.faults.dropWatches();
    const down = await rig.waitFor(/deployments\(vgauthier\)\[\d+\]\s+NOT LIVE \((reconnecting \d+|stale \d+s)\): rows may be out of date/);
    expect(down).not.toContain('● live');
    expect(down).toMatch(/webnodb/);
    expect(rawLine(rig, /webnodb/)).toContain(DIM);

    rig.sim.faults.failNext(0, 500);
    await rig.waitForFrame((f) => f.includes('● live') && !f.includes('NOT LIVE'), 'the table live again', 10_000);
    expect(rawLine(rig, /webnodb/)).not.toContain(DIM);
  });
});
