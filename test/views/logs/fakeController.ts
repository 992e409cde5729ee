// A LogController without a cluster: lines are pushed by the test. Used to drive LogView.
import { RingBuffer } from '../../../src/logs/ringBuffer.js';
import type { LogController, LogSnapshot, SaveResult } from '../../../src/logs/logController.js';
import type { LogLine } from '../../../src/logs/types.js';
import type { KObj } from '../../../src/resources/types.js';
import { sanitizeLine, stripSgr } from '../../../src/text/sanitize.js';

export class FakeController implements LogController {
  buffer = new RingBuffer<LogLine>(5_000);
  listeners = new Set<() => void>();
  calls: string[] = [];
  snap: LogSnapshot;
  constructor(private readonly title = 'pod demo/web-1', private containers = ['app', 'sidecar']) {
    this.snap = this.build(1);
  }
  private build(version: number): LogSnapshot {
    return {
      version,
      title: this.title,
      namespace: 'demo',
      container: 'app',
      containers: this.containers,
      previous: false,
      follow: true,
      status: { phase: 'following' },
      first: this.buffer.firstIndex,
      end: this.buffer.endIndex,
      dropped: this.buffer.dropped,
      streams: { active: 1, pending: 0, total: 1 },
      multi: false,
      gaps: 0,
      restarts: 0,
    };
  }
  push(raw: string, ts?: string) {
    const text = sanitizeLine(raw, { keepColors: true });
    this.buffer.push({ kind: 'log', text, plain: stripSgr(text), ts });
  }
  publish(patch: Partial<LogSnapshot> = {}) {
    this.snap = { ...this.build(this.snap.version + 1), ...patch };
    for (const l of this.listeners) l();
  }
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getSnapshot = () => this.snap;
  lines(from: number, to: number) {
    return this.buffer.slice(from, to);
  }
  setContainer(c: string) {
    this.calls.push(`container:${c}`);
  }
  setPrevious(p: boolean) {
    this.calls.push(`previous:${p}`);
  }
  togglePrevious() {
    this.calls.push('togglePrevious');
  }
  setPods(_pods: KObj[]) {}
  async save(): Promise<SaveResult> {
    this.calls.push('save');
    return { ok: true, path: '/tmp/demo-web-1.log', lines: this.buffer.size };
  }
  dispose() {}
}
