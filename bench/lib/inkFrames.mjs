// `node --import ./bench/lib/inkFrames.mjs dist/cli.js …`: times every Ink frame of an unmodified
// kdash build. A resolve hook hands kdash a copy of `ink` whose render() adds Ink's own onRender
// metric (the time to lay out and serialize a frame) and writes one line per frame to the file named
// by KDASH_BENCH_FRAMES. Used only while src/app/dashboard.tsx does not call benchRenderOptions().
import { register } from 'node:module';

if (process.env.KDASH_BENCH_FRAMES) {
  register('./inkFramesHooks.mjs', import.meta.url);
}
