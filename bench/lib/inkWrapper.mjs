// Ink as kdash imports it, with frame timing added to render() (see inkFrames.mjs).
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { render as inkRender } from 'ink';

export * from 'ink';

const file = process.env.KDASH_BENCH_FRAMES;
let lines = [];
const flush = () => {
  if (!lines.length || !file) return;
  appendFileSync(file, lines.join(''));
  lines = [];
};
if (file) {
  // Event-loop delay catches the React side of a frame (reconciling), which Ink's metric does not.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  setInterval(() => {
    lines.push(`${JSON.stringify({ loop: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 } })}\n`);
    loop.reset();
    flush();
  }, 1000).unref();
  process.on('exit', flush);
}

export function render(node, options = {}) {
  if (!file) return inkRender(node, options);
  const own = options.onRender;
  return inkRender(node, {
    ...options,
    onRender(m) {
      lines.push(`${JSON.stringify({ t: performance.timeOrigin + performance.now(), ms: m.renderTime })}\n`);
      own?.(m);
    },
  });
}
