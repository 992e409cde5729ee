// The dashboard's diagnosis is read again on a schedule: at the screen's pace while someone looks at
// it, and for the tables' row markers no more often than their share of a core allows.
import { describe, expect, it } from 'vitest';
import { DIAGNOSIS_INTERVAL_MS, MARKER_CPU_SHARE, MARKER_INTERVAL_MS, nextDiagnosisDelay } from '../../src/app/diagnosisFeed.js';

const intervals = { screen: DIAGNOSIS_INTERVAL_MS, markers: MARKER_INTERVAL_MS };

describe('nextDiagnosisDelay', () => {
  it('keeps the screen at its pace however long a diagnosis took', () => {
    expect(nextDiagnosisDelay(true, 2000, intervals)).toBe(DIAGNOSIS_INTERVAL_MS);
  });

  it('reads the markers every interval when a diagnosis is cheap (a small namespace)', () => {
    expect(nextDiagnosisDelay(false, 5, intervals)).toBe(MARKER_INTERVAL_MS);
  });

  it('spaces the markers out when a diagnosis is costly (10k pods), so they stay within their share of a core', () => {
    const delay = nextDiagnosisDelay(false, 600, intervals);
    expect(delay).toBeGreaterThan(MARKER_INTERVAL_MS);
    expect(600 / delay).toBeLessThanOrEqual(MARKER_CPU_SHARE);
  });
});
