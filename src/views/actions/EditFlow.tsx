// The whole edit as one screen: the editor (kdash's screen handed over), the text read back (a YAML
// error reopens the editor with the error on top and the person's text kept; no change cancels), the
// server's dry run shown as a diff by field path with its warnings and kdash's quota projection, then
// y to send, e to edit again, Esc to cancel. A conflict shows the other change and offers to edit again
// on top of the current version. The parent binds the ports; no API calls in here.
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { Obj } from '../../kube/objects.js';
import type { ResourceKind } from '../../resources/types.js';
import type { TargetRef } from '../../actions/targets.js';
import type { DiffLine } from '../../actions/objectDiff.js';
import { editText, ownChanges, readEdited, rebaseText, withError, type EditPlan } from '../../actions/editObject.js';
import type { EditorPort, Operations } from '../ports.js';
import { useKeys } from '../input.js';
import { fit } from './fit.js';
import { ColoredLines } from './ColoredLines.js';

export const NOTHING_CHANGED = 'edit cancelled, nothing changed';

type Phase =
  | { at: 'editing' }
  | { at: 'checking' }
  | { at: 'review'; plan: EditPlan; error?: string }
  | { at: 'sending'; plan: EditPlan }
  | { at: 'conflict'; theirs: DiffLine[]; message: string; current: Obj; edited: Obj };

export interface EditFlowProps {
  refTo: TargetRef;
  kind: ResourceKind;
  base: Obj;
  fileName: string;
  ops: Pick<Operations, 'planEdit' | 'applyEdit'>;
  editor: EditorPort;
  width: number;
  height: number;
  /** The edit ended: applied (the object as stored) or not (undefined), with the line to show. */
  onDone(result: { ok: boolean; message: string; applied?: Obj }): void;
}

export const SIGN_COLOR: Record<DiffLine['sign'], string> = { '+': 'green', '-': 'red', '~': 'yellow' };

export function EditFlow(props: EditFlowProps) {
  const { refTo, kind, width, height, ops, editor, onDone } = props;
  const [phase, setPhase] = useState<Phase>({ at: 'editing' });
  const text = useRef(editText(props.base, kind));
  const base = useRef(props.base);
  const edited = useRef<Obj | undefined>(undefined);
  const live = useRef(true);
  useEffect(() => () => void (live.current = false), []);

  const edit = useCallback(async () => {
    setPhase({ at: 'editing' });
    try {
      for (;;) {
        const saved = await editor.edit(text.current, props.fileName);
        if (!live.current) return;
        const back = readEdited(saved, base.current, kind);
        if (back.kind === 'cancel') return onDone({ ok: true, message: NOTHING_CHANGED });
        if (back.kind === 'error') {
          text.current = withError(saved, back.message);
          continue;
        }
        text.current = saved;
        if (ownChanges(base.current, back.object, kind).length === 0) return onDone({ ok: true, message: NOTHING_CHANGED });
        edited.current = back.object;
        setPhase({ at: 'checking' });
        const plan = await ops.planEdit(refTo, base.current, back.object);
        if (live.current) setPhase({ at: 'review', plan });
        return;
      }
    } catch (e) {
      if (live.current) onDone({ ok: false, message: String((e as Error)?.message ?? e).split('\n')[0] });
    }
  }, [editor, kind, onDone, ops, props.fileName, refTo]);

  useEffect(() => {
    void edit();
    // Once, when the screen opens; later rounds start from keys.
  }, []);

  const send = (plan: EditPlan) => {
    setPhase({ at: 'sending', plan });
    ops.applyEdit(plan).then(
      (out) => {
        if (!live.current) return;
        if (out.kind === 'applied') onDone({ ok: true, message: out.message, applied: out.object });
        else if (out.kind === 'conflict') setPhase({ at: 'conflict', theirs: out.theirs, message: out.message, current: out.current, edited: edited.current! });
        else setPhase({ at: 'review', plan, error: out.message });
      },
      (e: Error) => live.current && setPhase({ at: 'review', plan, error: e.message.split('\n')[0] }),
    );
  };

  useKeys(
    (input, key) => {
      if (phase.at === 'review') {
        if (key.escape || input === 'n') return onDone({ ok: true, message: NOTHING_CHANGED }), true;
        if (input === 'e') return void edit(), true;
        if (input === 'y' && !phase.plan.refused && phase.plan.changes.length) return send(phase.plan), true;
        return true;
      }
      if (phase.at === 'conflict') {
        if (key.escape || input === 'n') return onDone({ ok: false, message: `${phase.message}; your edit was not sent` }), true;
        if (input === 'e') {
          text.current = rebaseText(base.current, phase.edited, phase.current, kind, phase.theirs);
          base.current = phase.current;
          void edit();
        }
        return true;
      }
      // Editing, checking, sending: keys wait (Esc while the server answers changes nothing already sent).
      return true;
    },
    { priority: 'dialog' },
  );

  const title = `edit ${kind.kind.toLowerCase()}/${refTo.name}${kind.namespaced ? ` in ${refTo.namespace}` : ''}`;
  if (phase.at === 'editing' || phase.at === 'checking') {
    return (
      <Box flexDirection="column" width={width}>
        <Text bold wrap="truncate">{fit(title, width)}</Text>
        <Text wrap="truncate">{fit(phase.at === 'editing' ? 'waiting for the editor to close…' : 'asking the server for a dry run of the change…', width)}</Text>
      </Box>
    );
  }
  if (phase.at === 'conflict') {
    const lines = phase.theirs.map((l) => ({ color: SIGN_COLOR[l.sign], text: `  ${l.sign} ${l.text}` }));
    return (
      <Box flexDirection="column" width={width}>
        <Text bold wrap="truncate">{fit(`${title} — conflict`, width)}</Text>
        <Text color="red" wrap="truncate">{fit(phase.message, width)}</Text>
        <Text wrap="truncate">{fit('their change:', width)}</Text>
        <ColoredLines lines={lines} width={width} rows={Math.max(1, height - 4)} />
        <Text bold wrap="truncate">{fit('e edit again on top of the current version · Esc cancel', width)}</Text>
      </Box>
    );
  }
  const { plan } = phase;
  const lines: Array<{ color?: string; text: string }> = plan.lines.map((l) => ({ color: SIGN_COLOR[l.sign], text: `  ${l.sign} ${l.text}` }));
  if (plan.lines.length === 0 && !plan.refused) lines.push({ text: '  the server would store it unchanged (your change matches what it has, or it drops it)' });
  for (const w of plan.warnings) lines.push({ color: 'yellow', text: `warning from the server: ${w}` });
  if (plan.quota) lines.push({ color: 'red', text: `quota: ${plan.quota} — the server would accept the change and then refuse the pods` });
  if (plan.refused) lines.push({ color: 'red', text: `the server refuses it: ${plan.refused}` });
  const error = phase.at === 'review' ? phase.error : undefined;
  if (error) lines.push({ color: 'red', text: `not sent: ${error}` });
  const canSend = !plan.refused && plan.changes.length > 0;
  const keys = phase.at === 'sending' ? 'sending…' : `${canSend ? 'y apply · ' : ''}e edit again · Esc cancel`;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate">{fit(`${title} — what the server would change (dry run)`, width)}</Text>
      <ColoredLines lines={lines} width={width} rows={Math.max(1, height - 2)} />
      <Text bold wrap="truncate">{fit(keys, width)}</Text>
    </Box>
  );
}
