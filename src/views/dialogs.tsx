// The footer dialogs commands open: the scale prompt (it reads the objects again on Enter and applies
// from the counts read then) and a confirmation naming what will change.
import React, { useRef, useState } from 'react';
import type { KObj, ResourceKind } from '../resources/types.js';
import type { TargetRef } from '../actions/targets.js';
import { summarize } from '../actions/result.js';
import { useServices } from './context.js';
import { ScaleFlow } from './actions/ScaleFlow.js';
import { ConfirmDialog } from './actions/ConfirmDialog.js';
import type { Flash } from './screens.js';
import type { ConfirmSpec } from './commands/types.js';

/** The object the person chose, by uid: an action on it refuses a namesake created since. */
export function refOf(kind: ResourceKind, o: KObj): TargetRef {
  return { kind: kind.id, namespace: o.metadata.namespace ?? '', name: o.metadata.name, uid: o.metadata.uid };
}

type Dialog = { type: 'scale'; kind: ResourceKind; targets: KObj[]; current: number } | ({ type: 'confirm' } & ConfirmSpec);

type Say = (text: string, tone?: Flash['tone']) => void;

export function useDialogs({ say, width }: { say: Say; width: number }) {
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const report = (r: { ok: boolean; message: string }) => say(r.message, r.ok ? 'ok' : 'error');
  const node = dialog ? <DialogView dialog={dialog} onClose={() => setDialog(undefined)} say={say} width={width} report={report} /> : undefined;
  const height = dialog?.type === 'confirm' ? Math.min(dialog.lines.length, 6) + 2 : dialog ? 3 : 0;
  return {
    node,
    height,
    report,
    confirm: (spec: ConfirmSpec) => setDialog({ type: 'confirm', ...spec }),
    scalePrompt: (kind: ResourceKind, targets: KObj[], current: number) => setDialog({ type: 'scale', kind, targets, current }),
  };
}

interface DialogViewProps {
  dialog: Dialog;
  onClose(): void;
  say: Say;
  report(r: { ok: boolean; message: string }): void;
  width: number;
}

function DialogView({ dialog, onClose, say, report, width }: DialogViewProps) {
  const { ops } = useServices();
  // The counts read when the person pressed Enter: the scale applies from those, or is refused.
  const read = useRef<number[]>([]);
  if (dialog.type === 'scale') {
    const refs = dialog.targets.map((o) => refOf(dialog.kind, o));
    const label = refs.length > 1 ? `${refs.length} ${dialog.kind.id}` : `${dialog.kind.kind.toLowerCase()} ${refs[0].name}`;
    return (
      <ScaleFlow
        target={label}
        current={dialog.current}
        width={width}
        plan={async (n) => {
          const plans = await Promise.all(refs.map((r) => ops.planScale(r, n)));
          read.current = plans.map((p) => p.current);
          const warning = plans.map((p) => p.quota?.warning).find(Boolean);
          const moved = plans.filter((p, i) => p.current !== (dialog.targets[i].spec?.replicas ?? 0)).map((p, i) => `${refs[i].name} ${p.current}`);
          const alike = plans.every((p) => p.current === plans[0].current);
          return {
            current: alike ? plans[0].current : undefined,
            changed: refs.length > 1 && moved.length ? `now ${moved.join(', ')} replicas` : undefined,
            quota: warning ? { warning } : undefined,
          };
        }}
        apply={async (n) => {
          const results = await Promise.all(refs.map((r, i) => ops.scale(r, n, read.current[i])));
          return summarize(results, `scaled to ${n}`);
        }}
        onDone={(r) => {
          onClose();
          if (r) report(r);
          else say('cancelled');
        }}
      />
    );
  }
  return (
    <ConfirmDialog
      question={dialog.question}
      lines={dialog.lines}
      width={width}
      height={Math.min(dialog.lines.length, 6) + 2}
      expect={dialog.expect}
      danger={dialog.danger}
      onConfirm={() => {
        onClose();
        dialog.onYes();
      }}
      onCancel={() => {
        onClose();
        say(dialog.expect ? 'not confirmed: nothing was changed' : 'cancelled');
      }}
    />
  );
}
