// What each action key does, as a small flow: check permission → plan → confirm (naming what will
// change) → run → one-line result in the footer and in :history. The watcher shows the effect.
import React, { useState } from 'react';
import type { KObj, ResourceKind } from '../resources/types.js';
import type { TargetRef } from '../actions/targets.js';
import type { LogSourceSpec } from '../logs/types.js';
import { logSpecFor } from '../logs/logSpec.js';
import type { MetricsTarget } from './metrics/MetricsView.js';
import type { CommandId } from './keymap.js';
import { useReadonly, useServices } from './context.js';
import { ScaleFlow } from './actions/ScaleFlow.js';
import { ConfirmDialog } from './actions/ConfirmDialog.js';
import type { Flash } from './App.js';

export type Screen =
  | { type: 'logs'; spec: LogSourceSpec; title: string }
  | { type: 'metrics'; target: MetricsTarget }
  | { type: 'rollout'; ref: TargetRef }
  | { type: 'history'; ref: TargetRef }
  | { type: 'quota'; namespace: string }
  | { type: 'actions' }
  | { type: 'shutdown'; namespace: string; mode: 'down' | 'up' };

type Dialog =
  | { type: 'scale'; kind: ResourceKind; targets: KObj[]; current: number }
  | { type: 'confirm'; lines: string[]; question: string; expect?: string; danger?: boolean; onYes(): void };

const verbs: Partial<Record<CommandId, string>> = {
  scale: 'update',
  scaleUp: 'update',
  scaleDown: 'update',
  restart: 'patch',
  undo: 'patch',
  pause: 'patch',
  delete: 'delete',
  kill: 'delete',
};

export function refOf(kind: ResourceKind, o: KObj): TargetRef {
  return { kind: kind.id, namespace: o.metadata.namespace ?? '', name: o.metadata.name };
}

export function useActionFlows({ push, say, width }: { push(s: Screen): void; say(text: string, tone?: Flash['tone']): void; width: number }) {
  const services = useServices();
  const readonly = useReadonly();
  const { ops } = services;
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const close = () => setDialog(undefined);
  const report = (r: { ok: boolean; message: string }) => say(r.message, r.ok ? 'ok' : 'error');
  const guard = async (run: () => Promise<void>) => {
    try {
      await run();
    } catch (err) {
      say((err as Error).message.split('\n')[0], 'error');
    }
  };

  function scaleTo(kind: ResourceKind, targets: KObj[], replicas: number) {
    void guard(async () => {
      const refs = targets.map((o) => refOf(kind, o));
      const plans = await Promise.all(refs.map((r) => ops.planScale(r, replicas)));
      const warning = plans.map((p) => p.quota?.warning).find(Boolean);
      const apply = () =>
        void guard(async () => {
          say(`scaling ${refs.map((r) => r.name).join(', ')} to ${replicas}…`);
          const results = await Promise.all(refs.map((r) => ops.scale(r, replicas)));
          const bad = results.find((r) => !r.ok);
          report(bad ?? (results.length === 1 ? results[0] : { ok: true, message: `scaled ${results.length} objects to ${replicas}` }));
        });
      if (warning) setDialog({ type: 'confirm', lines: [warning], question: 'scale anyway?', onYes: apply });
      else apply();
    });
  }

  function onTableCommand(id: CommandId, kind: ResourceKind, targets: KObj[], selected: KObj | undefined): boolean {
    const verb = verbs[id];
    if (verb) {
      if (readonly) return say('read-only mode: nothing can be changed in this session', 'error'), true;
      const ns = selected?.metadata.namespace;
      const p = services.can(verb, kind, ns);
      if (!p.allowed) return say(`not allowed: ${p.reason ?? `you cannot ${verb} ${kind.id} here`}`, 'error'), true;
    }
    if (!selected) return false;
    const ref = refOf(kind, selected);
    switch (id) {
      case 'scale':
        setDialog({ type: 'scale', kind, targets, current: selected.spec?.replicas ?? 0 });
        return true;
      case 'scaleUp':
      case 'scaleDown': {
        const next = (selected.spec?.replicas ?? 0) + (id === 'scaleUp' ? 1 : -1);
        if (next < 0) return say(`${ref.name} is already at 0 replicas`, 'error'), true;
        scaleTo(kind, [selected], next);
        return true;
      }
      case 'restart':
        setDialog({
          type: 'confirm',
          lines: [`restart ${kind.kind.toLowerCase()} ${ref.name}: every pod is replaced by a rolling update`],
          question: 'restart?',
          onYes: () =>
            void guard(async () => {
              const r = await ops.restart(ref);
              report(r);
              if (r.ok) push({ type: 'rollout', ref });
            }),
        });
        return true;
      case 'undo':
        void guard(async () => {
          const plan = await ops.planUndo(ref);
          const images = plan.fromImages.join(', ') === plan.toImages.join(', ') ? '' : `; image ${plan.fromImages.join(', ')} → ${plan.toImages.join(', ')}`;
          setDialog({
            type: 'confirm',
            lines: [`undo ${kind.kind.toLowerCase()} ${ref.name}: revision ${plan.fromRevision} → ${plan.toRevision}${images}`],
            question: 'roll back?',
            onYes: () =>
              void guard(async () => {
                const r = await ops.undo(ref, plan.toRevision);
                report(r);
                if (r.ok) push({ type: 'rollout', ref });
              }),
          });
        });
        return true;
      case 'pause': {
        const paused = selected.spec?.paused === true;
        void guard(async () => report(await ops.setPaused(ref, !paused)));
        return true;
      }
      case 'rolloutStatus':
        push({ type: 'rollout', ref });
        return true;
      case 'history':
        push({ type: 'history', ref });
        return true;
      case 'delete':
      case 'kill': {
        const refs = targets.map((o) => refOf(kind, o));
        const force = id === 'kill';
        void guard(async () => {
          const plan = await ops.planDelete(refs);
          setDialog({
            type: 'confirm',
            lines: [...(force ? ['FORCE (grace period 0): containers are killed at once, nothing shuts down cleanly'] : []), ...plan.lines],
            question: force ? `type ${refs.length === 1 ? refs[0].name : 'yes'} to force-delete:` : 'delete?',
            expect: force ? (refs.length === 1 ? refs[0].name : 'yes') : undefined,
            danger: true,
            onYes: () => void guard(async () => report(await ops.delete(refs, force))),
          });
        });
        return true;
      }
      case 'logs': {
        const spec = logSpecFor(kind.id, selected, { tail: services.logTail });
        if ('error' in spec) return say(spec.error, 'error'), true;
        push({ type: 'logs', spec: { ...spec, follow: true }, title: `logs ${kind.id}/${ref.name}` });
        return true;
      }
      case 'metrics': {
        const target: MetricsTarget =
          kind.id === 'pods'
            ? { kind: 'pod', namespace: ref.namespace, name: ref.name }
            : kind.id === 'nodes'
              ? { kind: 'node', name: ref.name }
              : { kind: 'workload', namespace: ref.namespace, name: ref.name };
        push({ type: 'metrics', target });
        return true;
      }
      default:
        return false;
    }
  }

  function appCommand(type: string, namespace: string) {
    switch (type) {
      case 'quota':
        return push({ type: 'quota', namespace });
      case 'metrics':
        return push({ type: 'metrics', target: { kind: 'namespace', namespace, name: namespace } });
      case 'history':
        return push({ type: 'actions' });
      case 'down':
      case 'up':
        if (readonly) return say('read-only mode: :down and :up are off', 'error');
        return push({ type: 'shutdown', namespace, mode: type });
    }
  }

  const node = dialog ? <DialogView dialog={dialog} onClose={close} say={say} width={width} report={report} /> : undefined;
  const dialogHeight = dialog?.type === 'confirm' ? Math.min(dialog.lines.length, 6) + 2 : dialog ? 3 : 0;
  return { dialog: node, dialogHeight, onTableCommand, appCommand };
}

interface DialogViewProps {
  dialog: Dialog;
  onClose(): void;
  say(t: string, tone?: Flash['tone']): void;
  report(r: { ok: boolean; message: string }): void;
  width: number;
}

function DialogView({ dialog, onClose, say, report, width }: DialogViewProps) {
  const { ops } = useServices();
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
          const warning = plans.map((p) => p.quota?.warning).find(Boolean);
          return warning ? { quota: { warning } } : {};
        }}
        apply={async (n) => {
          const results = await Promise.all(refs.map((r) => ops.scale(r, n)));
          return results.find((r) => !r.ok) ?? (results.length === 1 ? results[0] : { ok: true, message: `scaled ${results.length} ${dialog.kind.id} to ${n}` });
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
