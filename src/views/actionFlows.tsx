// What each action key does, as a small flow: check permission → plan → confirm (naming what will
// change) → run → one-line result in the footer and in :history. The watcher shows the effect.
import React, { useRef, useState } from 'react';
import type { KObj, ResourceKind } from '../resources/types.js';
import type { TargetRef } from '../actions/targets.js';
import type { DeletePlan } from '../actions/deleteObject.js';
import type { UndoPlan } from '../actions/undoRollout.js';
import { summarize } from '../actions/result.js';
import type { LogSourceSpec } from '../logs/types.js';
import { logSpecFor } from '../logs/logSpec.js';
import type { MetricsTarget } from './metrics/MetricsView.js';
import type { CommandId } from './keymap.js';
import { useReadonly, useServices } from './context.js';
import { ScaleFlow } from './actions/ScaleFlow.js';
import { ConfirmDialog } from './actions/ConfirmDialog.js';
import type { Flash } from './keyFeedback.js';

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

// The request each command sends, as the server's authorizer sees it (resource and group: the kind's).
const requests: Partial<Record<CommandId, { verb: string; subresource?: string }>> = {
  scale: { verb: 'update', subresource: 'scale' },
  scaleUp: { verb: 'update', subresource: 'scale' },
  scaleDown: { verb: 'update', subresource: 'scale' },
  restart: { verb: 'patch' },
  undo: { verb: 'patch' },
  pause: { verb: 'patch' },
  delete: { verb: 'delete' },
  kill: { verb: 'delete' },
};

/** The object the person chose, by uid: an action on it refuses a namesake created since. */
export function refOf(kind: ResourceKind, o: KObj): TargetRef {
  return { kind: kind.id, namespace: o.metadata.namespace ?? '', name: o.metadata.name, uid: o.metadata.uid };
}

const CHANGED = 'changed since you chose it — as it is now:';

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
          // From the count the row showed: a change meanwhile is refused, in words.
          const results = await Promise.all(refs.map((r, i) => ops.scale(r, replicas, targets[i].spec?.replicas ?? 0)));
          const bad = results.find((r) => !r.ok);
          report(bad ?? (results.length === 1 ? results[0] : { ok: true, message: `scaled ${results.length} objects to ${replicas}` }));
        });
      if (warning) setDialog({ type: 'confirm', lines: [warning], question: 'scale anyway?', onYes: apply });
      else apply();
    });
  }

  function onTableCommand(id: CommandId, kind: ResourceKind, targets: KObj[], selected: KObj | undefined): boolean {
    const request = requests[id];
    if (request) {
      if (readonly) return say('read-only mode: nothing can be changed in this session', 'error'), true;
      const ns = selected?.metadata.namespace;
      const p = services.can({ ...request, resource: kind.plural, group: kind.group }, ns);
      if (!p.allowed) return say(`not allowed: ${p.reason ?? `you cannot ${request.verb} ${kind.id} here`}`, 'error'), true;
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
      case 'undo': {
        const line = (plan: UndoPlan) => {
          const images = plan.fromImages.join(', ') === plan.toImages.join(', ') ? '' : `; image ${plan.fromImages.join(', ')} → ${plan.toImages.join(', ')}`;
          return `undo ${kind.kind.toLowerCase()} ${ref.name}: revision ${plan.fromRevision} → ${plan.toRevision}${images}`;
        };
        const ask = (plan: UndoPlan, changed: boolean) =>
          setDialog({
            type: 'confirm',
            lines: [...(changed ? [CHANGED] : []), line(plan)],
            question: 'roll back?',
            onYes: () =>
              void guard(async () => {
                // Confirmed against the rollout as it is now: a new revision meanwhile is shown and asked again.
                const fresh = await ops.planUndo(ref);
                if (line(fresh) !== line(plan)) return ask(fresh, true);
                const r = await ops.undo(ref, plan.toRevision);
                report(r);
                if (r.ok) push({ type: 'rollout', ref });
              }),
          });
        void guard(async () => ask(await ops.planUndo(ref), false));
        return true;
      }
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
        const ask = (plan: DeletePlan, changed: boolean) =>
          setDialog({
            type: 'confirm',
            lines: [...(changed ? [CHANGED] : []), ...(force ? ['FORCE (grace period 0): containers are killed at once, nothing shuts down cleanly'] : []), ...plan.lines],
            question: force ? 'force-delete?' : 'delete?',
            expect: force ? (refs.length === 1 ? refs[0].name : 'yes') : undefined,
            danger: true,
            onYes: () =>
              void guard(async () => {
                // Confirmed against the objects as they are now (by uid): what changed is shown and asked
                // again; what is gone is said in words and sent no request.
                const fresh = await ops.planDelete(refs);
                const gone = fresh.gone.map((g) => g.message);
                const present = refs.filter((r) => !fresh.gone.some((g) => g.ref === r));
                if (present.length === 0) return report({ ok: false, message: gone.join('; ') });
                if (fresh.lines.join('\n') !== plan.lines.join('\n')) return ask(fresh, true);
                const r = await ops.delete(present, force);
                report(gone.length ? { ok: false, message: `${r.message}; ${gone.join('; ')}` } : r);
              }),
          });
        void guard(async () => ask(await ops.planDelete(refs), false));
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
