// `:apply FILE` in the dashboard: each object's server dry run (new, its changes by field path,
// warnings, refusals, conflicts with other managers), then y to apply as field manager kdash, f to
// take conflicting fields (--force-conflicts, dry-run again first), Esc to cancel.
import React, { useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { ApplyPlanItem } from '../../actions/applyObjects.js';
import { targetName } from '../../actions/applyObjects.js';
import type { ActionResult } from '../../actions/result.js';
import type { Operations } from '../ports.js';
import { useKeys } from '../input.js';
import { SIGN_COLOR } from './EditFlow.js';
import { fit } from './fit.js';
import { ColoredLines } from './ColoredLines.js';

export interface ApplyReviewProps {
  path: string;
  ops: Pick<Operations, 'planApply' | 'apply'>;
  width: number;
  height: number;
  onDone(result: ActionResult): void;
}

const STATE: Record<ApplyPlanItem['state'], string> = { new: 'will be created', changed: 'changes', unchanged: 'unchanged', refused: 'refused by the server', conflict: 'conflict with another field manager' };

export function ApplyReview({ path, ops, width, height, onDone }: ApplyReviewProps) {
  const [force, setForce] = useState(false);
  const [items, setItems] = useState<ApplyPlanItem[] | undefined>();
  const [busy, setBusy] = useState(true);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    let live = true;
    setBusy(true);
    ops.planApply(path, force).then(
      (it) => live && (setItems(it), setBusy(false)),
      (e: Error) => live && done.current({ ok: false, message: `:apply ${path}: ${e.message.split('\n')[0]}` }),
    );
    return () => {
      live = false;
    };
  }, [ops, path, force]);
  const blocked = items?.some((i) => i.state === 'refused' || i.state === 'conflict') ?? true;
  const conflicts = items?.some((i) => i.state === 'conflict') ?? false;
  const changes = items?.some((i) => i.state !== 'unchanged') ?? false;
  useKeys(
    (input, key) => {
      if (busy) return true;
      if (key.escape || input === 'n') return onDone({ ok: true, message: `:apply ${path}: nothing was changed` }), true;
      if (input === 'f' && conflicts && !force) return setForce(true), true;
      if (input === 'y' && items && !blocked && changes) {
        setBusy(true);
        ops.apply(items, force).then(onDone, (e: Error) => onDone({ ok: false, message: e.message.split('\n')[0] }));
      }
      return true;
    },
    { priority: 'dialog' },
  );
  const lines: Array<{ color?: string; text: string }> = [];
  for (const it of items ?? []) {
    const t = it.target;
    lines.push({ text: `${targetName(t)}${t.kind.namespaced ? ` in ${t.namespace}` : ''}: ${STATE[it.state]}` });
    for (const l of it.lines) lines.push({ color: SIGN_COLOR[l.sign], text: `  ${l.sign} ${l.text}` });
    for (const w of it.warnings) lines.push({ color: 'yellow', text: `  warning from the server: ${w}` });
    if (it.message) lines.push({ color: 'red', text: `  ${it.message}` });
  }
  const keys = busy
    ? items ? 'working…' : 'asking the server for a dry run…'
    : [!blocked && changes ? 'y apply as field manager kdash' : '', conflicts && !force ? 'f take the conflicting fields (force)' : '', 'Esc cancel'].filter(Boolean).join(' · ');
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate">{fit(`apply ${path}${force ? ' --force-conflicts' : ''} — what the server would change (dry run)`, width)}</Text>
      <ColoredLines lines={lines} width={width} rows={Math.max(1, height - 2)} />
      <Text bold wrap="truncate">{fit(keys, width)}</Text>
    </Box>
  );
}
