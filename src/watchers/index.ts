// The watch layer: list+watch per kind and scope, batched into the store.
export { createWatchManager, kindPath, type KindRef, type WatchManager, type WatchManagerOptions } from './manager.js';
export { startWatcher, type Watcher, type WatcherSink, type WatchTarget } from './watcher.js';
export { createBatcher, type Batcher, type BatcherOptions } from './batcher.js';
export { DEFAULT_TIMINGS, type WatcherTimings } from './timing.js';
