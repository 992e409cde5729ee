// What kdash asks of a real kube-apiserver when it starts, from the server's audit log (which records
// the student's requests): the pod list leaves first, the checks run beside it, every request says it
// is kdash (User-Agent kdash/VERSION), and --once opens no watch.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2e, kdash, NAMESPACE } from './support.js';
import { REPO_DIR } from './harness/paths.js';

interface AuditEvent {
  auditID: string;
  stage: string;
  verb: string;
  requestURI: string;
  userAgent?: string;
  requestReceivedTimestamp: string;
  /** For ResponseComplete: when the answer was complete. */
  stageTimestamp: string;
  user?: { username?: string };
}

function auditedSince(offset: number): AuditEvent[] {
  return readFileSync(e2e().auditLogPath, 'utf8')
    .slice(offset)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditEvent)
    .filter((e) => e.stage === 'ResponseComplete' && e.user?.username === 'vgauthier')
    .sort((a, b) => Date.parse(a.requestReceivedTimestamp) - Date.parse(b.requestReceivedTimestamp));
}

describe('kdash start-up as the server sees it', () => {
  it('--once: the pod list goes out with the checks, not after them; every request says kdash/VERSION; no watch is opened', async () => {
    const offset = readFileSync(e2e().auditLogPath, 'utf8').length;
    const r = await kdash(['--once']);
    expect(r.code).toBe(0);
    const events = auditedSince(offset);
    const { version } = JSON.parse(readFileSync(join(REPO_DIR, 'package.json'), 'utf8'));
    expect(events.length).toBeGreaterThan(3);
    for (const e of events) expect(e.userAgent, `${e.verb} ${e.requestURI}`).toMatch(new RegExp(`^kdash/${version.replace(/\./g, '\\.')} \\(linux/\\w+\\) node/v\\d+`));
    expect(events.filter((e) => e.verb === 'watch').map((e) => e.requestURI)).toEqual([]);
    // The list and the checks leave together (the checks in one round): the list is received before
    // the checks have all been answered — it never waits for them — and no later than the first of the
    // others (a few ms either way: requests of one packet are stamped in the order the server's
    // goroutines start).
    const list = events.find((e) => e.verb === 'list' && e.requestURI.startsWith(`/api/v1/namespaces/${NAMESPACE}/pods?`));
    expect(list).toBeDefined();
    const others = events.filter((e) => e !== list && !e.requestURI.includes('/resourcequotas'));
    const checks = others.filter((e) => /selfsubject|\/version|\/namespaces\/[^/?]+$/.test(e.requestURI));
    expect(checks.length).toBeGreaterThan(2);
    const lastAnswered = Math.max(...checks.map((e) => Date.parse(e.stageTimestamp)));
    expect(Date.parse(list!.requestReceivedTimestamp)).toBeLessThanOrEqual(lastAnswered);
    expect(Date.parse(list!.requestReceivedTimestamp)).toBeLessThanOrEqual(Date.parse(others[0].requestReceivedTimestamp) + 50);
  });
});
