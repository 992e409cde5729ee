// The whole scale interaction as one component: prompt → plan (the object as it is now, and the quota
// check) → confirm if the count changed since the prompt opened or the quota is short → apply → one
// result. The parent binds plan/apply to the session (no API calls in here).
import React, { useState } from 'react';
import type { ActionResult } from '../../actions/result.js';
import { ScalePrompt } from './ScalePrompt.js';

/** What the plan found when the person pressed Enter. */
export interface ScaleCheck {
  /** The count now (one target, or all targets alike). */
  current?: number;
  /** Said when it differs from what the prompt showed, e.g. "now 0 replicas". */
  changed?: string;
  /** Set when the new pods would not fit in the namespace's quota. */
  quota?: { warning: string };
}

export interface ScaleFlowProps {
  target: string;
  current: number;
  width: number;
  /** planScale bound to the target(s): re-reads them; rejects in words when one no longer exists. */
  plan(replicas: number): Promise<ScaleCheck>;
  /** scaleWorkload bound to the target(s), from the counts the plan read. */
  apply(replicas: number): Promise<ActionResult>;
  /** The final result, or undefined when the user cancelled. */
  onDone(result: ActionResult | undefined): void;
}

export function ScaleFlow({ target, current, width, plan, apply, onDone }: ScaleFlowProps) {
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<{ replicas: number; warning?: string; changed?: string } | undefined>();
  const failed = (e: Error) => onDone({ ok: false, message: String(e?.message ?? e).split('\n')[0] });
  const run = (replicas: number) => {
    setBusy(true);
    apply(replicas).then(onDone, failed);
  };
  return (
    <ScalePrompt
      target={target}
      current={current}
      width={width}
      busy={busy}
      warning={confirm?.warning}
      changed={confirm?.changed}
      pending={confirm?.replicas}
      onSubmit={(replicas) => {
        setBusy(true);
        // Judged on the object as it is now, not as it was when the prompt opened.
        plan(replicas).then((p) => {
          const now = p.current;
          if (now === replicas) return onDone({ ok: true, message: `${target} already has ${now} replicas; nothing was changed` });
          const changed = p.changed ?? (now !== undefined && now !== current ? `${target} now has ${now} replicas` : undefined);
          if (changed || p.quota?.warning) {
            setBusy(false);
            setConfirm({ replicas, warning: p.quota?.warning, changed });
          } else run(replicas);
        }, failed);
      }}
      onConfirm={run}
      onEdit={() => setConfirm(undefined)}
      onCancel={() => onDone(undefined)}
    />
  );
}
