// Feeds a workload log controller (created with podFeed: 'external') from the store's pod watch,
// so pods that appear later join the stream as soon as the watcher sees them, without polling.
import { useEffect } from 'react';
import type { LogController } from '../../logs/logController.js';
import { keyOf } from '../../store/keys.js';
import { useClusterState, useWatch } from '../context.js';

export function usePodFeed(controller: LogController, namespace: string, enabled = true): void {
  useWatch(enabled ? 'pods' : undefined, namespace);
  const pods = useClusterState((s) => s.kinds[keyOf('pods', namespace)]?.objects);
  useEffect(() => {
    if (enabled && pods) controller.setPods(pods);
  }, [controller, pods, enabled]);
}
