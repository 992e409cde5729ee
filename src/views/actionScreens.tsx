// Screens that commands open: logs, metrics charts, rollout status and history, quota, the
// session's action history and the end-of-class shutdown, each as a value for the App's stack.
import React, { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { keyOf } from '../store/keys.js';
import { selectObjects } from '../store/selectors.js';
import { useClusterState, useServices, useWatch } from './context.js';
import { TextScreen } from './TextScreen.js';
import { useKeys } from './input.js';
import { LogView } from './logs/LogView.js';
import { usePodFeed } from './logs/usePodFeed.js';
import { MetricsView } from './metrics/MetricsView.js';
import { QuotaView } from './metrics/QuotaView.js';
import type { ScreenEnv, ViewScreen } from './screens.js';
import type { LogSourceSpec } from '../logs/types.js';
import type { MetricsTarget } from './metrics/MetricsView.js';
import type { TargetRef } from '../actions/targets.js';
import type { RolloutState } from '../actions/rolloutStatus.js';
import { manyPlanLines, planLines, type DownPlan, type UpPlan } from '../actions/downPlan.js';
import { TEMPLATE_HASH, type HistoryEntry } from '../actions/rolloutHistory.js';
import { diffLines, objectDiff } from '../actions/objectDiff.js';
import type { ActionResult } from '../actions/result.js';
import { fit } from './actions/fit.js';
import { Box, Text } from 'ink';
import type { KObj } from '../resources/types.js';
import { revisionOf } from '../resources/rollout.js';
import { RolloutStatusPanel } from './actions/RolloutStatusPanel.js';
import { RolloutHistoryView } from './actions/RolloutHistoryView.js';
import { DownPlanView, type DownPlanViewProps } from './actions/DownPlanView.js';
import { DoctorScreen, type DoctorTarget } from './DoctorScreen.js';

/** A screen for the stack: it handles its own keys as a text view and goes back with Esc. */
const view = (crumb: string, render: ViewScreen['render']): ViewScreen => ({ type: 'view', keys: 'text', crumb, render });

export const logsScreen = (spec: LogSourceSpec, title: string) => view(title, (env) => <LogsScreen spec={spec} {...env} />);
export const metricsScreen = (target: MetricsTarget) => view(`metrics ${target.name}`, (env) => <MetricsScreen target={target} {...env} />);
export const rolloutScreen = (ref: TargetRef) => view(`rollout ${ref.name}`, (env) => <RolloutScreen refTo={ref} {...env} />);
/** `onRolledBack`: after `u` rolled back to a chosen revision (the caller shows the rollout). */
export const rolloutHistoryScreen = (ref: TargetRef, onRolledBack?: (r: ActionResult) => void) =>
  view(`history ${ref.name}`, (env) => <RolloutHistoryScreen refTo={ref} onRolledBack={onRolledBack} {...env} />);
export const quotaScreen = (namespace: string) => view('quota', (env) => <QuotaScreen namespace={namespace} {...env} />);
export const doctorScreen = (target: DoctorTarget) =>
  view(target.object ? `doctor ${target.object.name}` : `doctor ${target.namespace}`, (env) => <DoctorScreen target={target} {...env} />);
export const actionsScreen = () => view('actions', (env) => <ActionsScreen {...env} />);
export const shutdownScreen = (namespaces: string | string[], mode: 'down' | 'up') => {
  const list = typeof namespaces === 'string' ? [namespaces] : namespaces;
  return view(`${mode} ${list.length === 1 ? list[0] : `${list.length} namespaces`}`, (env) => <ShutdownScreen namespaces={list} mode={mode} {...env} />);
};

function LogsScreen({ spec, width, height, onBack }: { spec: LogSourceSpec } & ScreenEnv) {
  const { ops } = useServices();
  // A workload's pods come from the store's pod watch (new pods join as the watcher sees them).
  const workload = spec.kind === 'workload';
  const controller = useMemo(() => ops.logs(spec, workload ? { podFeed: 'external' } : undefined), [ops, spec, workload]);
  useEffect(() => () => controller.dispose(), [controller]);
  usePodFeed(controller, spec.namespace, workload);
  return <LogView controller={controller} width={width} height={height} onBack={onBack} />;
}

function MetricsScreen({ target, width, height, onBack }: { target: MetricsTarget } & ScreenEnv) {
  const { ops, color } = useServices();
  const available = useClusterState((s) => s.metricsAvailable);
  const note = available === false ? 'the metrics API (metrics.k8s.io) is not installed on this cluster' : undefined;
  return <MetricsView target={target} history={ops.metricsHistory} width={width} height={height} onBack={onBack} note={note} color={color} />;
}

/** The quota bars in the header: requests/limits/pods used against hard, for the namespace in view. */
function QuotaScreen({ namespace, width, height, onBack }: { namespace: string } & ScreenEnv) {
  useWatch('resourcequotas', namespace);
  const quotas = useClusterState((s) => selectObjects(s, keyOf('resourcequotas', namespace)));
  return <QuotaView quotas={quotas} width={width} height={height} onBack={onBack} namespace={namespace} />;
}

function RolloutScreen({ refTo, width, height, onBack, say }: { refTo: TargetRef } & ScreenEnv) {
  const { ops } = useServices();
  const follow = useCallback((onUpdate: (s: RolloutState) => void, signal: AbortSignal) => ops.followRollout(refTo, onUpdate, signal), [ops, refTo]);
  return (
    <RolloutStatusPanel
      target={`${refTo.kind}/${refTo.name}`}
      follow={follow}
      width={width}
      height={height}
      onClose={onBack}
      onResult={(r) => say(r.message, r.ok ? 'ok' : 'error')}
    />
  );
}

function RolloutHistoryScreen({ refTo, width, height, onBack, say, onRolledBack }: { refTo: TargetRef; onRolledBack?: (r: ActionResult) => void } & ScreenEnv) {
  const ports = useServices();
  const { ops } = ports;
  const [state, setState] = useState<{ entries: HistoryEntry[]; current?: number; template?: unknown; error?: string }>({ entries: [] });
  // The chosen row (newest first), whether its template diff is open, and a pending rollback question.
  const [row, setRow] = useState(0);
  const [diffOpen, setDiffOpen] = useState(false);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    ops.rolloutHistory(refTo).then(
      (h) => live && setState({ entries: h.entries, current: revisionOf(h.object as KObj), template: h.object.spec?.template }),
      (err: Error) => live && setState({ entries: [], error: err.message.split('\n')[0] }),
    );
    return () => {
      live = false;
    };
  }, [ops, refTo]);
  const newestFirst = useMemo(() => [...state.entries].sort((a, b) => b.revision - a.revision), [state.entries]);
  const chosen = newestFirst[Math.min(row, Math.max(0, newestFirst.length - 1))];
  useKeys(
    (input, key) => {
      if (asking) {
        if (input === 'y' || input === 'Y') {
          setAsking(false);
          setBusy(true);
          // undoRollout reads the history again and rolls back to this revision as it is then.
          ops.undo(refTo, chosen.revision).then(
            (r) => (onRolledBack ? onRolledBack(r) : (say(r.message, r.ok ? 'ok' : 'error'), setBusy(false))),
            (e: Error) => (say(e.message.split('\n')[0], 'error'), setBusy(false)),
          );
        } else setAsking(false);
        return true;
      }
      if (key.escape) return diffOpen ? setDiffOpen(false) : onBack(), true;
      if (key.downArrow || input === 'j') return setRow((r) => Math.min(newestFirst.length - 1, r + 1)), true;
      if (key.upArrow || input === 'k') return setRow((r) => Math.max(0, r - 1)), true;
      if (key.return && chosen) return setDiffOpen((o) => !o), true;
      if (input === 'u' && chosen && !busy) {
        if (ports.readonly.get()) return say('u: read-only mode — rollback is off in this session', 'error'), true;
        if (!onRolledBack) return say('u: rollback is not allowed here', 'error'), true;
        setAsking(true);
        return true;
      }
      return false;
    },
    { priority: 'screen' },
  );
  const diff = chosen && state.template !== undefined ? templateDiff(state.template, chosen.template) : [];
  const extra: string[] = [];
  if (diffOpen && chosen) {
    extra.push(`revision ${chosen.revision}'s pod template against the current one:`);
    extra.push(...(diff.length ? diff.map((l) => `  ${l.sign} ${l.text}`) : ['  the same as the current template']));
  }
  if (asking && chosen) extra.push(`roll back ${refTo.kind}/${refTo.name} to revision ${chosen.revision}? [y/N]`);
  if (busy) extra.push(`rolling back to revision ${chosen?.revision}…`);
  const tableHeight = Math.max(3, height - extra.length - 1);
  return (
    <Box flexDirection="column" width={width}>
      <RolloutHistoryView
        target={`${refTo.kind}/${refTo.name}`}
        entries={state.entries}
        currentRevision={state.current}
        selected={chosen?.revision}
        now={Date.now()}
        width={width}
        height={tableHeight}
        error={state.error}
      />
      {extra.map((l, i) => (
        <Text key={i} wrap="truncate" color={l.startsWith('  +') ? 'green' : l.startsWith('  -') ? 'red' : l.startsWith('  ~') ? 'yellow' : l.startsWith('roll back') ? 'yellow' : undefined}>
          {fit(l, width)}
        </Text>
      ))}
      <Text dimColor wrap="truncate">{fit('↑/↓ choose · Enter template diff · u roll back to it · Esc back', width)}</Text>
    </Box>
  );
}

/** A revision's template against the current one, without the controller's pod-template-hash label. */
function templateDiff(current: unknown, revision: unknown) {
  const strip = (t: any) => {
    const c = structuredClone(t ?? {});
    if (c.metadata?.labels) delete c.metadata.labels[TEMPLATE_HASH];
    return c;
  };
  return diffLines(objectDiff(strip(current), strip(revision)));
}

function ActionsScreen({ width, height, onBack }: ScreenEnv) {
  const { ops } = useServices();
  const entries = useSyncExternalStore(ops.history.subscribe, ops.history.getSnapshot, ops.history.getSnapshot);
  const text = entries.length
    ? entries.map((e) => `${new Date(e.at).toLocaleTimeString()}  ${e.ok ? 'ok  ' : 'FAIL'}  ${e.action} ${e.target}: ${e.message}`).join('\n')
    : 'nothing done yet in this session';
  return <TextScreen title="history — actions of this session" text={text} width={width} height={height} onBack={onBack} />;
}

function ShutdownScreen({ namespaces, mode, width, height, onBack, say }: { namespaces: string[]; mode: 'down' | 'up' } & ScreenEnv) {
  const { ops } = useServices();
  // One plan per namespace (the class view's D shuts several down at once; :down one).
  const [plans, setPlans] = useState<Array<DownPlan | UpPlan> | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [progress, setProgress] = useState<string[]>([]);
  const [phase, setPhase] = useState<DownPlanViewProps['phase']>('planning');
  const [summary, setSummary] = useState<{ ok: boolean; message: string } | undefined>();
  const [bare, setBare] = useState(false);
  const live = useRef(true);
  useEffect(() => () => void (live.current = false), []);
  const failed = useCallback((err: Error) => {
    if (!live.current) return;
    setSummary({ ok: false, message: err.message.split('\n')[0] });
    setPhase('done');
  }, []);
  const several = namespaces.length > 1;
  const readPlans = useCallback(
    () => Promise.all(namespaces.map((ns): Promise<DownPlan | UpPlan> => (mode === 'down' ? ops.planDown(ns) : ops.planUp(ns)))),
    [ops, namespaces, mode],
  );
  useEffect(() => {
    readPlans().then((p) => {
      if (!live.current) return;
      setPlans(p);
      setPhase('plan');
    }, failed);
  }, [readPlans, failed]);
  const linesOf = (ps: Array<DownPlan | UpPlan> | undefined) => (several ? manyPlanLines(ps ?? [], bare, mode) : (ps ?? []).flatMap((p) => planLines(p, bare)));
  const shown = linesOf(plans);
  const run = async (now: Array<DownPlan | UpPlan>) => {
    setPhase('running');
    const results: Array<{ namespace: string; ok: boolean; message: string }> = [];
    for (const plan of now) {
      const onProgress = (line: string) => setProgress((l) => [...l, several ? `${plan.namespace}: ${line}` : line].slice(-500));
      const r = await ('barePods' in plan ? ops.executeDown(plan, { deleteBarePods: bare, onProgress }) : ops.executeUp(plan, onProgress));
      results.push({ namespace: plan.namespace, ...r });
      if (several) onProgress(`${r.ok ? '✓' : '✗'} ${r.message}`);
    }
    const bad = results.filter((r) => !r.ok);
    const r = several
      ? {
          ok: bad.length === 0,
          message: `${mode} ${results.length} namespaces: ${results.length - bad.length} done${bad.length ? `, ${bad.length} not (${bad.map((b) => b.namespace).join(', ')}): see above` : ''}`,
        }
      : results[0];
    if (!live.current) return;
    setSummary(r);
    setPhase('done');
    say(r.message, r.ok ? 'ok' : 'error');
  };
  const barePods = (plans ?? []).reduce((n, p) => n + ('barePods' in p ? p.barePods.length : 0), 0);
  return (
    <DownPlanView
      namespace={several ? `${namespaces.length} namespaces (${namespaces.join(', ')})` : namespaces[0]}
      mode={mode}
      lines={shown}
      notice={notice}
      phase={phase}
      progress={progress}
      summary={summary}
      barePods={barePods}
      deleteBarePods={bare}
      width={width}
      height={height}
      onToggleBarePods={() => setBare((b) => !b)}
      onClose={onBack}
      onConfirm={() => {
        // The namespaces are read again when the person says yes: what runs is what they saw, and a
        // plan that changed meanwhile is shown and asked about again.
        setPhase('checking');
        readPlans().then((now) => {
          if (!live.current) return;
          const same = linesOf(now).join('\n') === shown.join('\n');
          setPlans(now);
          if (same) return void run(now);
          setNotice(several ? 'a namespace changed while you read the plan; as they are now:' : 'the namespace changed while you read the plan; as it is now:');
          setPhase('plan');
        }, failed);
      }}
    />
  );
}
