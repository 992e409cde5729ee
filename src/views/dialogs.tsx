// The footer dialogs commands open: the scale prompt (it reads the objects again on Enter and applies
// from the counts read then), a confirmation naming what will change, a one-line prompt (the port-forward
// mapping) and a picker (which container).
import React, { useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { KObj, ResourceKind } from '../resources/types.js';
import type { TargetRef } from '../actions/targets.js';
import { summarize } from '../actions/result.js';
import { useServices } from './context.js';
import { ScaleFlow } from './actions/ScaleFlow.js';
import { ConfirmDialog } from './actions/ConfirmDialog.js';
import type { Flash } from './screens.js';
import type { ConfirmSpec, PickSpec, PromptSpec } from './commands/types.js';
import { LineInput } from './LineInput.js';
import { useKeys } from './input.js';
import { sanitizeCell } from '../text/sanitize.js';
import { truncateColumns } from '../text/ansiText.js';

/** The object the person chose, by uid: an action on it refuses a namesake created since. */
export function refOf(kind: ResourceKind, o: KObj): TargetRef {
  return { kind: kind.id, namespace: o.metadata.namespace ?? '', name: o.metadata.name, uid: o.metadata.uid };
}

type Dialog =
  | { type: 'scale'; kind: ResourceKind; targets: KObj[]; current: number }
  | ({ type: 'confirm' } & ConfirmSpec)
  | ({ type: 'prompt' } & PromptSpec)
  | ({ type: 'pick' } & PickSpec);

type Say = (text: string, tone?: Flash['tone']) => void;

export function useDialogs({ say, width }: { say: Say; width: number }) {
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const report = (r: { ok: boolean; message: string }) => say(r.message, r.ok ? 'ok' : 'error');
  const node = dialog ? <DialogView dialog={dialog} onClose={() => setDialog(undefined)} say={say} width={width} report={report} /> : undefined;
  const height =
    dialog?.type === 'confirm' ? Math.min(dialog.lines.length, 6) + 2 : dialog?.type === 'pick' ? Math.min(dialog.choices.length, 9) + 1 : dialog ? 3 : 0;
  return {
    node,
    height,
    report,
    confirm: (spec: ConfirmSpec) => setDialog({ type: 'confirm', ...spec }),
    scalePrompt: (kind: ResourceKind, targets: KObj[], current: number) => setDialog({ type: 'scale', kind, targets, current }),
    prompt: (spec: PromptSpec) => setDialog({ type: 'prompt', ...spec }),
    pick: (spec: PickSpec) => setDialog({ type: 'pick', ...spec }),
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
  if (dialog.type === 'prompt') return <PromptDialog spec={dialog} width={width} onClose={onClose} say={say} />;
  if (dialog.type === 'pick') return <PickDialog spec={dialog} width={width} onClose={onClose} say={say} />;
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

/** One line of text, prefilled; Enter hands it over (an error keeps the prompt open and says why). */
function PromptDialog({ spec, width, onClose, say }: { spec: PromptSpec; width: number; onClose(): void; say: Say }) {
  const [value, setValue] = useState(spec.initial);
  const [error, setError] = useState<string | undefined>();
  return (
    <Box flexDirection="column" height={3}>
      <Text wrap="truncate">{truncateColumns(spec.title, width)}</Text>
      <LineInput
        prompt={spec.label}
        value={value}
        width={width}
        onChange={(v) => {
          setValue(v);
          setError(undefined);
        }}
        onSubmit={(v) => {
          const err = spec.onSubmit(v);
          if (err) setError(err);
          else onClose();
        }}
        onCancel={() => {
          onClose();
          say('cancelled');
        }}
      />
      <Text wrap="truncate" color={error ? 'red' : 'gray'}>
        {truncateColumns(error ?? spec.hint ?? 'enter: start · esc: cancel', width)}
      </Text>
    </Box>
  );
}

/** A short list to choose from: j/k or arrows, enter, 1-9, esc. */
function PickDialog({ spec, width, onClose, say }: { spec: PickSpec; width: number; onClose(): void; say: Say }) {
  const [selected, setSelected] = useState(0);
  const n = spec.choices.length;
  useKeys(
    (input, key) => {
      if (key.escape || (key.ctrl && input === 'c')) {
        onClose();
        say('cancelled');
      } else if (key.downArrow || input === 'j') setSelected((i) => Math.min(n - 1, i + 1));
      else if (key.upArrow || input === 'k') setSelected((i) => Math.max(0, i - 1));
      else if (key.return || /^[1-9]$/.test(input)) {
        const i = key.return ? selected : Number(input) - 1;
        if (i < n) {
          onClose();
          spec.onPick(i);
        }
      }
      return true;
    },
    { priority: 'dialog' },
  );
  const rows = [spec.title, ...spec.choices.map((c, i) => `${i === selected ? '▶' : ' '} ${i + 1}. ${sanitizeCell(c)}`)].slice(0, 10);
  return (
    <Box flexDirection="column" height={rows.length}>
      {rows.map((r, i) => (
        <Text key={i} wrap="truncate" bold={i === 0} color={i === selected + 1 ? 'cyan' : undefined}>
          {truncateColumns(r, width)}
        </Text>
      ))}
    </Box>
  );
}
