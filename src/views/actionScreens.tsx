// Screens opened by actions and app commands: logs, metrics charts, rollout status and history,
// quota, the session's action history and the end-of-class shutdown.
import React, { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Box, Text } from 'ink';
import { keyOf } from '../store/keys.js';
import { selectObjects } from '../store/selectors.js';
import { useClusterState, useServices, useWatch } from './context.js';
import { TextScreen } from './TextScreen.js';
import { useKeys } from './input.js';
import { LogView } from './logs/LogView.js';
import { MetricsView } from './metrics/MetricsView.js';
import { QuotaBar } from './metrics/QuotaBar.js';
import { QuotaView } from './metrics/QuotaView.js';
import type { Screen } from './actionFlows.js';
import type { Flash } from './App.js';
import type { TargetRef } from '../actions/targets.js';
import type { RolloutState } from '../actions/rolloutStatus.js';
import { shortHumanDuration } from '../resources/format.js';
import { describeDownPlan } from '../actions/downPlan.js';

export interface ScreenEnv {
  width: number;
  height: number;
  onBack(): void;
  say(text: string, tone?: Flash['tone']): void;
}

export function renderActionScreen(screen: Screen, env: ScreenEnv): React.ReactNode {
  switch (screen.type) {
    case 'logs':
      return <LogsScreen spec={screen.spec} {...env} />;
    case 'metrics':
      return <MetricsScreen target={screen.target} {...env} />;
    case 'rollout':
      return <RolloutScreen refTo={screen.ref} {...env} />;
    case 'history':
      return <RolloutHistoryScreen refTo={screen.ref} {...env} />;
    case 'quota':
      return <QuotaScreen namespace={screen.namespace} {...env} />;
    case 'actions':
      return <ActionsScreen {...env} />;
    case 'shutdown':
      return <ShutdownScreen namespace={screen.namespace} mode={screen.mode} {...env} />;
  }
}

function LogsScreen({ spec, width, height, onBack }: { spec: Extract<Screen, { type: 'logs' }>['spec'] } & ScreenEnv) {
  const { ops } = useServices();
  const controller = useMemo(() => ops.logs(spec), [ops, spec]);
  useEffect(() => () => controller.dispose(), [controller]);
  return <LogView controller={controller} width={width} height={height} onBack={onBack} />;
}

function MetricsScreen({ target, width, height, onBack }: { target: Extract<Screen, { type: 'metrics' }>['target'] } & ScreenEnv) {
  const { ops, color } = useServices();
  const available = useClusterState((s) => s.metricsAvailable);
  const note = available === false ? 'the metrics API (metrics.k8s.io) is not installed on this cluster' : undefined;
  return <MetricsView target={target} history={ops.metricsHistory} width={width} height={height} onBack={onBack} note={note} color={color} />;
}

/** The quota bars in the header: requests/limits/pods used against hard, for the namespace in view. */
export function QuotaHeader({ namespace, width }: { namespace: string; width: number }) {
  useWatch(namespace ? 'resourcequotas' : undefined, namespace);
  const quotas = useClusterState((s) => (namespace ? selectObjects(s, keyOf('resourcequotas', namespace)) : undefined));
  if (!quotas || quotas.length === 0) return null;
  return <QuotaBar quotas={quotas} width={width} />;
}

function QuotaScreen({ namespace, width, height, onBack }: { namespace: string } & ScreenEnv) {
  useWatch('resourcequotas', namespace);
  const quotas = useClusterState((s) => selectObjects(s, keyOf('resourcequotas', namespace)));
  return <QuotaView quotas={quotas} width={width} height={height} onBack={onBack} namespace={namespace} />;
}

function RolloutScreen({ refTo, width, height, onBack, say }: { refTo: TargetRef } & ScreenEnv) {
  const { ops } = useServices();
  const [lines, setLines] = useState<string[]>([]);
  const [state, setState] = useState<RolloutState | undefined>();
  useEffect(() => {
    const ac = new AbortController();
    void ops
      .followRollout(
        refTo,
        (s) => {
          setState(s);
          setLines((l) => (l[l.length - 1] === s.message ? l : [...l, s.message].slice(-200)));
        },
        ac.signal,
      )
      .then((r) => !ac.signal.aborted && say(r.message, r.ok ? 'ok' : 'error'));
    return () => ac.abort();
  }, [ops, refTo, say]);
  const warnings = state?.warnings ?? [];
  const text = [...lines, ...(warnings.length ? ['', 'warnings from the new pods:', ...warnings.map((w) => `  ${w}`)] : [])].join('\n');
  const badge = !state ? 'starting' : state.failed ? 'FAILED' : state.done ? 'done' : 'in progress';
  return <TextScreen title={`rollout status ${refTo.kind}/${refTo.name} — ${badge}`} text={text || 'waiting for the first status…'} width={width} height={height} onBack={onBack} />;
}

function RolloutHistoryScreen({ refTo, width, height, onBack }: { refTo: TargetRef } & ScreenEnv) {
  const { ops } = useServices();
  const [text, setText] = useState('loading…');
  useEffect(() => {
    let live = true;
    ops.rolloutHistory(refTo).then(
      (h) => {
        if (!live) return;
        const rows = [['REVISION', 'IMAGES', 'CHANGE-CAUSE', 'AGE']];
        const now = Date.now();
        for (const e of h.entries) {
          rows.push([
            String(e.revision),
            e.images.join(', '),
            e.changeCause ?? '<none>',
            e.created ? shortHumanDuration(now - e.created) : '',
          ]);
        }
        const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
        setText(rows.map((r) => r.map((c, i) => c.padEnd(w[i])).join('   ')).join('\n'));
      },
      (err: Error) => live && setText(err.message.split('\n')[0]),
    );
    return () => {
      live = false;
    };
  }, [ops, refTo]);
  return <TextScreen title={`rollout history ${refTo.kind}/${refTo.name}`} text={text} width={width} height={height} onBack={onBack} />;
}

function ActionsScreen({ width, height, onBack }: ScreenEnv) {
  const { ops } = useServices();
  const entries = useSyncExternalStore(ops.history.subscribe, ops.history.getSnapshot, ops.history.getSnapshot);
  const text = entries.length
    ? entries.map((e) => `${new Date(e.at).toLocaleTimeString()}  ${e.ok ? 'ok  ' : 'FAIL'}  ${e.action} ${e.target}: ${e.message}`).join('\n')
    : 'nothing done yet in this session';
  return <TextScreen title="history — actions of this session" text={text} width={width} height={height} onBack={onBack} />;
}

function ShutdownScreen({ namespace, mode, width, height, onBack, say }: { namespace: string; mode: 'down' | 'up' } & ScreenEnv) {
  const { ops } = useServices();
  const [planText, setPlanText] = useState('planning…');
  const [plan, setPlan] = useState<Awaited<ReturnType<typeof ops.planDown>> | undefined>();
  const [progress, setProgress] = useState<string[]>([]);
  const [phase, setPhase] = useState<'plan' | 'running' | 'done'>('plan');
  const [bare, setBare] = useState(false);
  useEffect(() => {
    let live = true;
    const load = mode === 'down' ? ops.planDown(namespace) : ops.planUp(namespace);
    load.then(
      (p) => {
        if (!live) return;
        if ('barePods' in p) {
          setPlan(p);
          setPlanText(describeDownPlan(p, false).join('\n'));
        } else {
          setPlanText(p.steps.length ? p.steps.map((s) => s.line).join('\n') : `nothing to restore in ${namespace}`);
        }
      },
      (err: Error) => live && setPlanText(err.message.split('\n')[0]),
    );
    return () => {
      live = false;
    };
  }, [ops, namespace, mode]);
  const hasBare = (plan?.barePods.length ?? 0) > 0;
  useKeys(
    (input) => {
      if (phase !== 'plan') return false;
      if (input === 'b' && hasBare) return setBare((b) => !b), true;
      if (input !== 'y') return false;
      setPhase('running');
      const onProgress = (line: string) => setProgress((l) => [...l, line].slice(-500));
      const run = mode === 'down' && plan ? ops.executeDown(plan, { deleteBarePods: bare, onProgress }) : ops.executeUp(namespace, onProgress);
      void run.then((r) => {
        setPhase('done');
        say(r.message, r.ok ? 'ok' : 'error');
      });
      return true;
    },
    { priority: 'screen' },
  );
  const footer =
    phase === 'plan'
      ? `press y to ${mode === 'down' ? 'shut down' : 'restore'} ${namespace}${hasBare ? `, b to ${bare ? 'keep' : 'also delete'} the bare pods (now: ${bare ? 'DELETE' : 'keep'})` : ''}, Esc to cancel`
      : phase === 'running'
        ? 'working…'
        : 'done — Esc to go back';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <TextScreen
        title={`${mode === 'down' ? 'end-of-class shutdown' : 'restore'} of ${namespace}`}
        text={[planText, ...(progress.length ? ['', ...progress] : [])].join('\n')}
        width={width}
        height={height - 1}
        onBack={onBack}
      />
      <Text wrap="truncate" color="yellow" bold>
        {footer}
      </Text>
    </Box>
  );
}
