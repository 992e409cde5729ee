// Frame timings for the benchmark (bench/run.mjs): when KDASH_BENCH_FRAMES names a file, each Ink
// frame's render time (Ink's own metric: layout and serializing the frame) is appended to it as a
// JSON line, and once a second the event-loop delay (which also catches React's reconciling). Off,
// and free, for everyone else. Used as: render(tree, { ...options, ...benchRenderOptions() }).
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { RenderOptions } from 'ink';

export function benchRenderOptions(env: NodeJS.ProcessEnv = process.env): Pick<RenderOptions, 'onRender'> {
  const file = env.KDASH_BENCH_FRAMES;
  if (!file) return {};
  let lines: string[] = [];
  const flush = () => {
    if (lines.length === 0) return;
    try {
      appendFileSync(file, lines.join(''));
    } catch {
      // A bench file that cannot be written must never disturb the dashboard.
    }
    lines = [];
  };
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  setInterval(() => {
    const ms = (ns: number) => ns / 1e6;
    lines.push(`${JSON.stringify({ loop: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) } })}\n`);
    loop.reset();
    flush(); // written once a second, not in the frame path
  }, 1000).unref();
  process.on('exit', flush);
  return {
    onRender: ({ renderTime }) => {
      lines.push(`${JSON.stringify({ t: performance.timeOrigin + performance.now(), ms: renderTime })}\n`);
    },
  };
}
