// The root: header, the screen stack (Esc goes back, with breadcrumbs), the dialog layer, the
// command bar and the footer (hints or the last action's one-line result).
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import type { KObj, ResourceKind } from '../resources/types.js';
import { findKind, kindById } from '../resources/registry.js';
import { InputRoot, useKeys } from './input.js';
import { activeBindings, commandFor, hintsLine, keyName, type CommandId } from './keymap.js';
import { useReadonly, useServices } from './context.js';
import { Header } from './Header.js';
import { TableScreen, type TableMemory, type TableSpec } from './TableScreen.js';
import { TextScreen } from './TextScreen.js';
import { LineInput } from './LineInput.js';
import { completeCommand, parseCommand } from './commands.js';
import { ObjectTextScreen } from './ObjectTextScreen.js';
import { helpText } from './help.js';
import { explainKey, FLASH_ERROR_MS, FLASH_MS, type Flash } from './keyFeedback.js';
import { useActionFlows, type Screen as ActionScreen } from './actionFlows.js';
import { renderActionScreen } from './actionScreens.js';

export type Screen =
  | TableSpec
  | { type: 'text'; mode: 'describe' | 'yaml'; kind: ResourceKind; namespace: string; uid: string; name: string }
  | { type: 'help' }
  | ActionScreen;

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;
/** From this width the wide columns show without `o`. */
export const WIDE_COLUMNS = 160;

/** The "terminal too small" message in what fits: the longest wording that is not cut, always the minimum size. */
export function tooSmallText(columns: number, rows: number): string {
  const need = `${MIN_COLUMNS}×${MIN_ROWS}`;
  const wordings = [
    `terminal too small: ${columns}×${rows}, kdash needs at least ${need}`,
    `too small: ${columns}×${rows}, needs ${need}`,
    `too small, needs ${need}`,
    `needs ${need}`,
    need,
  ];
  return wordings.find((w) => stringWidth(w) <= columns) ?? need.slice(0, Math.max(0, columns));
}

export interface AppProps {
  columns: number;
  rows: number;
  initial: TableSpec;
}

export function App(props: AppProps) {
  return (
    <InputRoot>
      <Shell {...props} />
    </InputRoot>
  );
}

function Shell({ columns, rows, initial }: AppProps) {
  const services = useServices();
  const readonly = useReadonly();
  const [stack, setStack] = useState<Screen[]>([initial]);
  const [command, setCommand] = useState<string | undefined>();
  const [flash, setFlash] = useState<Flash | undefined>();
  // undefined: wide columns when the terminal has room for them (160 columns and up); `o` decides after.
  const [wideChoice, setWideChoice] = useState<boolean | undefined>();
  const wide = wideChoice ?? columns >= WIDE_COLUMNS;
  const screen = stack[stack.length - 1];

  // Each table's cursor, sort and marks by its place in the stack: a table is unmounted while a screen
  // is on top of it, and comes back on the same object.
  const memory = useRef(new Map<number, TableMemory>());
  const push = useCallback(
    (s: Screen) =>
      setStack((st) => {
        memory.current.delete(st.length);
        return [...st, s];
      }),
    [],
  );
  const pop = useCallback(() => setStack((st) => (st.length > 1 ? st.slice(0, -1) : st)), []);
  const replaceRoot = useCallback((s: Screen) => {
    memory.current.clear();
    setStack([s]);
  }, []);
  const say = useCallback((text: string, tone: Flash['tone'] = 'info') => setFlash({ text, tone }), []);
  const flows = useActionFlows({ push, say, width: columns });

  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;

  // A notice lasts a few seconds (an error a little longer), so an old result never sits next to a newer state.
  useEffect(() => {
    if (!flash) return;
    const t = setTimeout(() => setFlash((f) => (f === flash ? undefined : f)), flash.tone === 'error' ? FLASH_ERROR_MS : FLASH_MS);
    return () => clearTimeout(t);
  }, [flash]);

  useKeys(
    (input, key) => {
      if (command !== undefined) return false;
      const name = keyName(input, key);
      const view = screen.type === 'table' ? 'table' : screen.type === 'help' ? 'help' : 'text';
      const id = commandFor(name, { view, readonly });
      if (!id) {
        // No layer took the key: say so, never nothing (unknown here, or refused by read-only mode).
        if (!name) return false;
        const why = explainKey(name, { view, readonly });
        say(why.text, why.refused ? 'error' : 'info');
        return true;
      }
      switch (id) {
        case 'quit':
          if (stack.length > 1) return back(), true;
          services.exit(0);
          return true;
        case 'quitNow':
          services.exit(0);
          return true;
        case 'command':
          setCommand('');
          return true;
        case 'help':
          push({ type: 'help' });
          return true;
        case 'back':
          back();
          return true;
        case 'toggleWide': {
          if (screen.type !== 'table') return true;
          const extra = screen.kind.columns.filter((c) => c.wide && !c.glance).map((c) => c.header);
          if (extra.length === 0) {
            say(`o: ${screen.kind.id} have no wide columns (kubectl -o wide adds none)`);
            return true;
          }
          setWideChoice(!wide);
          say(wide ? 'wide columns off' : `wide columns on: ${extra.join(', ')}`);
          return true;
        }
        case 'toggleReadonly':
          services.readonly.enable();
          say('read-only for the rest of this session: every mutating key is off');
          return true;
        case 'allNamespaces':
          if (screen.type === 'table' && screen.kind.namespaced) {
            const all = screen.namespace === '';
            replaceTop({ ...screen, namespace: all ? services.info.namespace : '' });
            services.focusNamespace(all ? services.info.namespace : '');
          }
          return true;
        default:
          return false;
      }
    },
    { priority: 'global' },
  );

  /** Esc (and q in a sub-view): a filtered table drops its filter first, then the screen goes back. */
  function back() {
    if (flash) setFlash(undefined);
    if (screen.type === 'table' && screen.filter) {
      replaceTop({ ...screen, filter: '' });
      say(`filter /${screen.filter} cleared — Esc again to go back`);
      return;
    }
    pop();
  }

  function replaceTop(s: Screen) {
    setStack((st) => [...st.slice(0, -1), s]);
  }

  function runCommand(line: string) {
    const cmd = parseCommand(line);
    if (!cmd) return;
    const current = screen.type === 'table' ? screen : undefined;
    switch (cmd.type) {
      case 'kind': {
        const ns = cmd.allNamespaces ? '' : (cmd.namespace ?? current?.namespace ?? services.info.namespace);
        replaceRoot({ type: 'table', kind: cmd.kind, namespace: cmd.kind.namespaced ? ns : '' });
        if (cmd.kind.namespaced) services.focusNamespace(ns);
        return;
      }
      case 'namespace': {
        const kind = current?.kind.namespaced ? current.kind : (kindById('pods') as ResourceKind);
        replaceRoot({ type: 'table', kind, namespace: cmd.name });
        services.focusNamespace(cmd.name);
        say(`namespace ${cmd.name}`);
        return;
      }
      case 'quit':
        services.exit(0);
        return;
      case 'help':
        push({ type: 'help' });
        return;
      case 'readonly':
        services.readonly.enable();
        say('read-only for the rest of this session');
        return;
      case 'error':
        say(cmd.message, 'error');
        return;
      default:
        flows.appCommand(cmd.type, current?.namespace || services.info.namespace);
    }
  }

  const onCommand = (id: CommandId, targets: KObj[], selected: KObj | undefined): boolean => {
    if (screen.type !== 'table') return false;
    const kind = screen.kind;
    const ns = selected?.metadata.namespace ?? screen.namespace;
    switch (id) {
      case 'enter': {
        if (!selected) return true;
        const dd = kind.drillDown?.(selected);
        if (!dd) return flows.onTableCommand('describe', kind, targets, selected) || true;
        const child = findKind(dd.kind);
        if (!child) return true;
        push({
          type: 'table',
          kind: child,
          namespace: dd.namespace ?? (child.namespaced ? (selected.metadata.namespace ?? screen.namespace) : ''),
          labelSelector: dd.labelSelector,
          fieldSelector: dd.fieldSelector,
          ownerUid: dd.owned?.uid,
          title: dd.title,
        });
        return true;
      }
      case 'describe':
      case 'yaml':
        if (!selected) return true;
        push({
          type: 'text',
          mode: id,
          kind,
          namespace: ns ?? '',
          uid: selected.metadata.uid,
          name: selected.metadata.name,
        });
        return true;
      default:
        return flows.onTableCommand(id, kind, targets, selected);
    }
  };

  if (tooSmall) {
    return (
      <Box width={columns} height={Math.max(1, rows - 1)}>
        <Text wrap="truncate">{tooSmallText(columns, rows)}</Text>
      </Box>
    );
  }

  const height = rows - 1; // below the terminal height: Ink redraws the whole screen otherwise
  const headerHeight = 2 + (services.info.notes.length > 0 ? 1 : 0);
  const showCrumbs = stack.length > 1;
  const bodyHeight = height - headerHeight - (showCrumbs ? 1 : 0) - Math.max(1, flows.dialogHeight); // crumbs + footer/dialog
  const crumbs = stack.map(crumb).join(' › ');
  const view = screen.type === 'table' ? 'table' : screen.type === 'help' ? 'help' : 'text';
  const footer = flash
    ? flash.text
    : hintsLine({ view, readonly, actions: screen.type === 'table' ? screen.kind.actions : [] }, columns);

  let body: React.ReactNode;
  if (screen.type === 'table') {
    body = (
      <TableScreen
        key={`${stack.length}:${screen.kind.id}:${screen.namespace}:${screen.labelSelector ?? ''}:${screen.fieldSelector ?? ''}`}
        spec={screen}
        memory={memory.current.get(stack.length - 1)}
        onRemember={(m) => memory.current.set(stack.length - 1, m)}
        onNotice={say}
        width={columns}
        height={bodyHeight}
        wide={wide}
        preferWide={wideChoice === true}
        onCommand={onCommand}
        onFilterChange={(filter) => replaceTop({ ...screen, filter })}
      />
    );
  } else if (screen.type === 'text') {
    body = <ObjectTextScreen {...screen} width={columns} height={bodyHeight} onBack={pop} />;
  } else if (screen.type === 'help') {
    body = (
      <TextScreen
        title="help — keys for this session (Esc to go back)"
        text={helpText(activeBindings({ view: 'table', readonly, actions: allActions }), readonly)}
        width={columns}
        height={bodyHeight}
        onBack={pop}
        view="help"
      />
    );
  } else {
    body = renderActionScreen(screen, { width: columns, height: bodyHeight, onBack: pop, say });
  }

  return (
    <Box flexDirection="column" width={columns} height={height}>
      <Header width={columns} namespace={screen.type === 'table' ? screen.namespace : services.info.namespace} />
      {showCrumbs && (
        <Text wrap="truncate" color="gray">
          {crumbs + '   (Esc back)'}
        </Text>
      )}
      <Box height={bodyHeight} flexDirection="column">
        {body}
      </Box>
      {flows.dialog ? (
        flows.dialog
      ) : command !== undefined ? (
        <LineInput
          prompt=":"
          value={command}
          width={columns}
          onChange={setCommand}
          onSubmit={(v) => {
            setCommand(undefined);
            runCommand(v);
          }}
          onCancel={() => setCommand(undefined)}
          complete={completeCommand}
        />
      ) : (
        <Text
          wrap="truncate"
          color={flash?.tone === 'error' ? 'red' : flash?.tone === 'ok' ? 'green' : flash ? 'cyan' : 'gray'}
        >
          {footer || ' '}
        </Text>
      )}
    </Box>
  );
}

const allActions = [
  'scale',
  'restart',
  'undo',
  'history',
  'pause',
  'resume',
  'rolloutStatus',
  'logs',
  'delete',
  'kill',
  'describe',
  'yaml',
  'metrics',
] as const;

function crumb(s: Screen): string {
  switch (s.type) {
    case 'table':
      return (s.kind.namespaced ? `${s.kind.id}(${s.namespace || 'all'})` : s.kind.id) + (s.title ? ` ${s.title}` : '');
    case 'text':
      return `${s.mode} ${s.name}`;
    case 'help':
      return 'help';
    case 'logs':
      return s.title;
    case 'metrics':
      return `metrics ${s.target.name}`;
    case 'rollout':
      return `rollout ${s.ref.name}`;
    case 'history':
      return `history ${s.ref.name}`;
    case 'shutdown':
      return `${s.mode} ${s.namespace}`;
    default:
      return s.type;
  }
}
