// kdash's side of the tables it shares with the embedded cluster (parity/): the sim has its own
// implementations and runs the same tables (packages/sim/test/parityTables.test.ts).
import { describe, expect, it } from 'vitest';
import { humanDurationCases } from '../../parity/humanDuration.js';
import { labelSelectorCases } from '../../parity/labelSelectors.js';
import { PARITY_NOW, podRowCases } from '../../parity/podRows.js';
import { humanDuration, translateTimestampSince } from '../../src/resources/format.js';
import { labelsMatch, parseSelector, SelectorError } from '../../src/resources/labels.js';
import { podRow, restartsText } from '../../src/resources/podStatus.js';

describe('kdash reads ages, selectors and pod rows as kubectl does (tables shared with the sim)', () => {
  it.each(humanDurationCases)('an age of %d ms reads %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it.each(labelSelectorCases)('label selector $selector', ({ selector, matches, rejects, invalid }) => {
    if (invalid) {
      expect(() => parseSelector(selector)).toThrow(SelectorError);
      return;
    }
    for (const labels of matches ?? []) expect(labelsMatch(selector, labels), JSON.stringify(labels)).toBe(true);
    for (const labels of rejects ?? []) expect(labelsMatch(selector, labels), JSON.stringify(labels)).toBe(false);
  });

  it.each(podRowCases)('pod row: $name', ({ pod, row }) => {
    const r = podRow(pod);
    expect({ ready: r.ready, status: r.status, restarts: restartsText(r, PARITY_NOW), age: translateTimestampSince(pod.metadata.creationTimestamp, PARITY_NOW) }).toEqual(row);
  });
});
