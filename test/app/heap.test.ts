import { describe, expect, it } from 'vitest';
import { createClusterStore, dispatchChanges } from '../../src/store/index.js';
import { execFileSync } from 'node:child_process';
import { boundHeap, YOUNG_GENERATION_FLAG } from '../../src/app/heap.js';

describe('the heap is bounded while loading and tightened once the first lists are in', () => {
  it('waits while any watcher is syncing, then sets the flag once', () => {
    const store = createClusterStore();
    const set: string[] = [];
    boundHeap(store, (f) => set.push(f));
    expect(set).toEqual([YOUNG_GENERATION_FLAG, '--heap-growing-percent=50']);
    set.length = 0;
    dispatchChanges(store, [
      { type: 'phase', key: 'pods@a', phase: { phase: 'syncing' } },
      { type: 'phase', key: 'deployments@a', phase: { phase: 'live', since: 1 } },
    ]);
    expect(set).toEqual([]);
    dispatchChanges(store, [{ type: 'phase', key: 'pods@a', phase: { phase: 'forbidden', message: 'no' } }]);
    expect(set).toEqual(['--heap-growing-percent=25']);
    dispatchChanges(store, [{ type: 'phase', key: 'nodes@', phase: { phase: 'syncing' } }]);
    dispatchChanges(store, [{ type: 'phase', key: 'nodes@', phase: { phase: 'live', since: 2 } }]);
    expect(set).toHaveLength(1);
  });
});

describe('the young generation', () => {
  // In a child process: the flag changes the whole process's heap. Objects that survive scavenges (as
  // a first list's do) made V8 grow the young generation to 32 MB, and it stayed there.
  const youngAfterAllocating = (flag: string | undefined) =>
    Number(
      execFileSync(process.execPath, [
        '-e',
        `const v8 = require('node:v8');
${flag ? `v8.setFlagsFromString(${JSON.stringify(flag)});` : ''}
const keep = [];
for (let i = 0; i < 300000; i++) {
  keep.push(JSON.parse('{"metadata":{"name":"pod-' + i + '","labels":{"app":"web"}},"status":{"phase":"Running"}}'));
  if (keep.length > 20000) keep.splice(0, 1000);
}
process.stdout.write(String(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size));`,
      ]).toString(),
    );

  it('stays at its starting size with the flag kdash sets at run time, where it grew without it', () => {
    const MB = 2 ** 20;
    expect(youngAfterAllocating(undefined)).toBeGreaterThan(8 * MB);
    expect(youngAfterAllocating(YOUNG_GENERATION_FLAG)).toBeLessThanOrEqual(4 * MB);
  });
});
