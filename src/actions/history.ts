// The session's action log for `:history`: every action's one-line result, newest last.
// Not cluster state (the store is for that); views read it with useSyncExternalStore(subscribe, getSnapshot).
import { clean } from './result.js';

export interface ActionRecord {
  /** ms since epoch */
  at: number;
  /** 'scale', 'restart', 'delete', 'down', ... */
  action: string;
  /** 'deployment.apps/webnodb in vgauthier', or a namespace for down/up */
  target: string;
  ok: boolean;
  message: string;
}

export interface ActionHistory {
  record(entry: Omit<ActionRecord, 'at'> & { at?: number }): ActionRecord;
  /** The same array instance until something is recorded (safe as a getSnapshot). */
  getSnapshot(): readonly ActionRecord[];
  subscribe(listener: () => void): () => void;
  clear(): void;
}

export function createActionHistory(limit = 500, now: () => number = Date.now): ActionHistory {
  let entries: readonly ActionRecord[] = [];
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((l) => l());
  return {
    record(entry) {
      const rec: ActionRecord = {
        at: entry.at ?? now(),
        action: entry.action,
        target: clean(entry.target),
        ok: entry.ok,
        message: clean(entry.message),
      };
      entries = [...entries, rec].slice(-limit);
      emit();
      return rec;
    },
    getSnapshot: () => entries,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear() {
      entries = [];
      emit();
    },
  };
}

/** The process-wide session log. */
export const sessionHistory = createActionHistory();

export function recordAction(
  action: string,
  target: string,
  result: { ok: boolean; message: string },
  history: ActionHistory = sessionHistory,
): ActionRecord {
  return history.record({ action, target, ok: result.ok, message: result.message });
}
