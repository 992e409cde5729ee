// The diagnosis screen as the person sees it: findings whole (wrapped, not cut), the log lines of the
// previous run once fetched, NOT LIVE with the error when the last read failed, and nothing from the
// cluster reaching the terminal as a control sequence.
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ServicesProvider } from '../../src/views/context.js';
import { DoctorScreen } from '../../src/views/DoctorScreen.js';
import type { DiagnosisFeed, DiagnosisState, ViewPorts } from '../../src/views/ports.js';
import type { Finding } from '../../src/diagnose/types.js';
import { createClusterStore } from '../../src/store/index.js';
import { renderApp, type Rendered } from '../support/render.js';

const NS = 'team';
const crash: Finding = {
  rule: 'crash-loop', severity: 'error', object: { kind: 'Deployment', name: 'api', namespace: NS }, seenOn: [{ kind: 'Pod', name: 'api-1', namespace: NS }],
  cause: 'The container api exits with code 3 soon after it starts.', evidence: ['container api: exit code 3 (Error), restarted 4 times'],
  fix: [{ text: "read its previous run's log", key: 'l', command: `kubectl logs api-1 -c api --previous -n ${NS}` }], previousLog: { pod: 'api-1', container: 'api' },
};

function render(state: DiagnosisState, log: string[] = [], object?: { kind: string; name: string }): Rendered {
  const feed: DiagnosisFeed = { watch: () => () => {}, get: () => state, subscribe: () => () => {}, refresh() {}, previousLog: async () => log };
  const services = { store: createClusterStore(), diagnosis: feed, color: false } as unknown as ViewPorts;
  return renderApp(
    <ServicesProvider value={services}>
      <DoctorScreen target={{ namespace: NS, object }} width={80} height={20} onBack={() => {}} say={() => {}} />
    </ServicesProvider>,
    { columns: 80, rows: 22 },
  );
}

let current: Rendered | undefined;
afterEach(() => current?.unmount());

describe('DoctorScreen', () => {
  it('shows the finding, its fix and the previous run’s last lines', async () => {
    current = render({ live: true, diagnosis: { namespace: NS, findings: [crash], skipped: [], at: Date.now() } }, ['fatal: DB_HOST is not set']);
    const f = await current.waitForFrame((t) => t.includes('│ fatal: DB_HOST is not set'), 'the log line');
    expect(f).toMatch(/doctor team — live, read \d+s ago/);
    expect(f).toContain('namespace team: 1 error');
    expect(f).toContain('ERROR deploy/api (pod api-1) [crash-loop]');
    expect(f).toContain("fix: read its previous run's log [key l]");
    expect(f).toContain('$ kubectl logs api-1 -c api --previous -n team');
  });

  it('says NOT LIVE with the error when the last read failed, keeping what it had', async () => {
    current = render({ live: false, error: 'cannot reach https://x: connection refused', diagnosis: { namespace: NS, findings: [crash], skipped: [], at: Date.now() - 40_000 } });
    const f = await current.waitForFrame((t) => t.includes('NOT LIVE'), 'the stale title');
    expect(f).toMatch(/doctor team — NOT LIVE, as read 4\ds ago \(cannot reach https:\/\/x/);
    expect(f).toContain('ERROR deploy/api');
  });

  it('x on an object without findings says so, and how many the namespace has', async () => {
    current = render({ live: true, diagnosis: { namespace: NS, findings: [crash], skipped: [], at: Date.now() } }, [], { kind: 'Service', name: 'web' });
    await current.waitFor('svc/web: nothing found wrong (the namespace has 1: :doctor)');
  });

  it('neutralizes control sequences and bidi characters from the cluster', async () => {
    const evil = { ...crash, cause: 'boom\u001b]0;pwned\u0007\u202e', evidence: ['\u001b[2Jwiped'] };
    current = render({ live: true, diagnosis: { namespace: NS, findings: [evil], skipped: [], at: Date.now() } }, ['\u001b[31mred\u001b[0m']);
    const raw = await current.waitForFrame((t) => t.includes('red'), 'the log line');
    expect(raw).not.toMatch(/[\u0007\u001b\u202e]/);
  });
});
