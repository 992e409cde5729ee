// The whole scale interaction as one component: prompt → plan (quota check) → confirm if the quota is
// short → apply → one result. The parent binds plan/apply to the session (no API calls in here).
import React, { useState } from 'react';
import type { ActionResult } from '../../actions/result.js';
import { ScalePrompt } from './ScalePrompt.js';

export interface ScaleFlowProps {
  target: string;
  current: number;
  width: number;
  /** planScale bound to the target(s): resolves with a quota warning when the new pods would not fit. */
  plan(replicas: number): Promise<{ quota?: { warning: string } }>;
  /** scaleWorkload bound to the target(s). */
  apply(replicas: number): Promise<ActionResult>;
  /** The final result, or undefined when the user cancelled. */
  onDone(result: ActionResult | undefined): void;
}

export function ScaleFlow({ target, current, width, plan, apply, onDone }: ScaleFlowProps) {
  const [busy, setBusy] = useState(false);
  const [warning, setWarning] = useState<{ replicas: number; text: string } | undefined>();
  const run = (replicas: number) => {
    setBusy(true);
    apply(replicas).then(onDone, (e: Error) => onDone({ ok: false, message: String(e?.message ?? e).split('\n')[0] }));
  };
  return (
    <ScalePrompt
      target={target}
      current={current}
      width={width}
      busy={busy}
      warning={warning?.text}
      pending={warning?.replicas}
      onSubmit={(replicas) => {
        if (replicas === current) return onDone({ ok: true, message: `${target} already has ${current} replicas` });
        setBusy(true);
        plan(replicas).then(
          (p) => {
            if (p.quota?.warning) {
              setBusy(false);
              setWarning({ replicas, text: p.quota.warning });
            } else run(replicas);
          },
          (e: Error) => onDone({ ok: false, message: String(e?.message ?? e).split('\n')[0] }),
        );
      }}
      onConfirm={run}
      onEdit={() => setWarning(undefined)}
      onCancel={() => onDone(undefined)}
    />
  );
}
