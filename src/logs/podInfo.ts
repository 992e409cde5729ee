// What the log layer needs to know about a pod: its containers, their states and restart counts.
// Pure functions over pod JSON, plus one read that classifies failures.
import type { Api } from '../kube/api.js';
import { describeError, statusCodeOf } from '../kube/errors.js';
import { pod as podKind } from '../resources/pod.js';

export { containerNames, defaultContainer } from '../resources/podSelection.js';

export type PodRead =
  | { kind: 'pod'; pod: any }
  | { kind: 'gone'; message: string }
  | { kind: 'forbidden'; message: string }
  /** network / server error: worth retrying */
  | { kind: 'error'; message: string };

export async function readPod(api: Api, namespace: string, name: string): Promise<PodRead> {
  try {
    return { kind: 'pod', pod: await api.objects.get(podKind, namespace, name) };
  } catch (err) {
    const code = statusCodeOf(err);
    if (code === 404) return { kind: 'gone', message: `pod "${name}" not found in namespace "${namespace}"` };
    if (code === 403 || code === 401) return { kind: 'forbidden', message: describeError(err) };
    return { kind: 'error', message: describeError(err) };
  }
}

export function containerStatus(pod: any, container: string): any | undefined {
  const all = [
    ...(pod?.status?.containerStatuses ?? []),
    ...(pod?.status?.initContainerStatuses ?? []),
    ...(pod?.status?.ephemeralContainerStatuses ?? []),
  ];
  return all.find((s: any) => s?.name === container);
}

/** Whether the kubelet will start the container again after it terminated (restartPolicy). */
export function willRestart(pod: any, status: any): boolean {
  const phase = pod?.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (pod?.metadata?.deletionTimestamp) return false;
  const policy = pod?.spec?.restartPolicy ?? 'Always';
  if (policy === 'Always') return true;
  if (policy === 'OnFailure') return (status?.state?.terminated?.exitCode ?? 1) !== 0;
  return false;
}

/** "waiting: CrashLoopBackOff", "terminated: Error (exit code 1)", "running". */
export function describeContainerState(status: any): string {
  const st = status?.state ?? {};
  if (st.running) return 'running';
  if (st.waiting) return `waiting: ${st.waiting.reason ?? 'unknown'}`;
  if (st.terminated) return `terminated: ${st.terminated.reason ?? 'Completed'} (exit code ${st.terminated.exitCode ?? '?'})`;
  return 'unknown state';
}
