// The embedded cluster's side of the tables it shares with kdash (parity/ at the repository root):
// kdash has its own implementations and runs the same tables (test/resources/parityTables.test.ts).
import { describe, expect, it } from 'vitest';
import { humanDurationCases } from '../../../parity/humanDuration.js';
import { labelSelectorCases } from '../../../parity/labelSelectors.js';
import { PARITY_NOW, podRowCases } from '../../../parity/podRows.js';
import { parseLabelSelector } from '../src/selectors.js';
import { humanDuration } from '../src/tables/format.js';
import { podRow } from '../src/tables/printPod.js';

describe('the sim prints ages and pod rows and reads selectors as kube-apiserver does (tables shared with kdash)', () => {
  it.each(humanDurationCases)('an age of %d ms reads %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it.each(labelSelectorCases)('label selector $selector', ({ selector, matches, rejects, invalid }) => {
    if (invalid) {
      expect(() => parseLabelSelector(selector)).toThrow(/./);
      return;
    }
    const matcher = parseLabelSelector(selector);
    const matchesLabels = (labels: Record<string, string>) => (matcher ? matcher({ metadata: { labels } } as any) : true);
    for (const labels of matches ?? []) expect(matchesLabels(labels), JSON.stringify(labels)).toBe(true);
    for (const labels of rejects ?? []) expect(matchesLabels(labels), JSON.stringify(labels)).toBe(false);
  });

  it.each(podRowCases)('pod row: $name', ({ pod, row }) => {
    const [, ready, status, restarts, age] = podRow(pod, PARITY_NOW) as string[];
    expect({ ready, status, restarts, age }).toEqual(row);
  });
});
