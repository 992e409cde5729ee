import { describe, expect, it } from 'vitest';
// @ts-expect-error the benchmark is plain JavaScript
import { receivedMs } from '../../bench/lib/realTarget.mjs';

describe("the real bench's audit order", () => {
  it('orders requests received in the same millisecond by their microseconds, not by when they ended', () => {
    // As the audit log has them: the short read completed (and was logged) before the watch.
    const logged = [
      { requestURI: '/version', requestReceivedTimestamp: '2026-12-07T07:05:12.352731Z' },
      { requestURI: '/api/v1/namespaces/x/pods?watch=1', requestReceivedTimestamp: '2026-12-07T07:05:12.352104Z' },
    ];
    const order = [...logged].sort((a, b) => receivedMs(a) - receivedMs(b)).map((e) => e.requestURI);
    expect(order).toEqual(['/api/v1/namespaces/x/pods?watch=1', '/version']);
    expect(receivedMs({ requestReceivedTimestamp: '2026-12-07T07:05:12.352Z' })).toBe(Date.parse('2026-12-07T07:05:12.352Z'));
  });
});
