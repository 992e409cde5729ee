// The root: header, the screen stack (Esc goes back, with breadcrumbs), the dialog layer, the
// command bar and the footer (hints or the last action's one-line result).
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { InputRoot, useKeys } from './input.js';
import { commandFor, hintsLine, keyName } from './keymap.js';
import { useReadonly, useServices } from './context.js';
import { Header } from './Header.js';
import { TableScreen } from './TableScreen.js';
import type { TableMemory } from './tableCursor.js';
import { LineInput } from './LineInput.js';
import { completeCommandLine, noSuchKind, parseCommandLine } from './commandLine.js';
import { categoryScreen } from './CategoryScreen.js';
import { explainKey, FLASH_ERROR_MS, FLASH_MS } from './keyFeedback.js';
import { useDialogs } from './dialogs.js';
import { crumbOf, type Flash, type Screen, type TableSpec } from './screens.js';
import { commands } from './commands/index.js';
import { argumentsFor, namespacePicker, switchNamespace } from './commands/contexts.js';
import { runCommand } from './commands/dispatch.js';
import type { AppControls, TableControls } from './commands/types.js';

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
  /** The footer's first notice (e.g. after switching context). */
  flash?: Flash;
}

export function App(props: AppProps) {
  return (
    <InputRoot>
      <Shell {...props} />
    </InputRoot>
  );
}

function Shell({ columns, rows, initial, flash: firstFlash }: AppProps) {
  const services = useServices();
  const readonly = useReadonly();
  const [stack, setStack] = useState<Screen[]>([initial]);
  const [command, setCommand] = useState<string | undefined>();
  const [flash, setFlash] = useState<Flash | undefined>(firstFlash);
  // undefined: wide columns when the terminal has room for them (160 columns and up); `o` decides after.
  const [wideChoice, setWideChoice] = useState<boolean | undefined>();
  const wide = wideChoice ?? columns >= WIDE_COLUMNS;
  const screen = stack[stack.length - 1];
  // The table on screen hands over its rows and cursor after each render, for the commands run on it.
  const table = useRef<TableControls | undefined>(undefined);

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
  const replaceTop = (s: Screen) => setStack((st) => [...st.slice(0, -1), s]);
  const say = useCallback((text: string, tone: Flash['tone'] = 'info') => setFlash({ text, tone }), []);
  const dialogs = useDialogs({ say, width: columns });

  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;

  // The root view is remembered per context (the state file), for the next start.
  const rootKind = stack[0].type === 'table' ? stack[0].kind.id : undefined;
  useEffect(() => {
    if (rootKind) services.rememberView?.(rootKind);
  }, [rootKind, services]);

  // A notice lasts a few seconds (an error a little longer), so an old result never sits next to a newer state.
  useEffect(() => {
    if (!flash) return;
    const t = setTimeout(() => setFlash((f) => (f === flash ? undefined : f)), flash.tone === 'error' ? FLASH_ERROR_MS : FLASH_MS);
    return () => clearTimeout(t);
  }, [flash]);

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

  const app: AppControls = {
    ports: services,
    commands,
    readonly,
    screen,
    atTop: stack.length === 1,
    namespace: (screen.type === 'table' && screen.namespace) || services.info.namespace,
    push,
    back,
    replaceTop,
    replaceRoot,
    say,
    report: dialogs.report,
    guard: (run) =>
      void run().catch((err: Error) => say(err.message.split('\n')[0], 'error')),
    openCommandLine: () => setCommand(''),
    wide,
    setWide: setWideChoice,
    confirm: dialogs.confirm,
    scalePrompt: dialogs.scalePrompt,
    prompt: dialogs.prompt,
    pick: dialogs.pick,
  };
  const view = screen.type === 'table' ? 'table' : screen.keys;

  // The one place a key becomes a command: screens above took theirs (scrolling a text, typing in a
  // line); what is left is looked up in the registry and run, or answered with why it does nothing.
  useKeys(
    (input, key) => {
      if (command !== undefined) return false;
      const name = keyName(input, key);
      if (!name) return false;
      const on = screen.type === 'table' ? table.current : undefined;
      const cmd = commandFor(commands, name, { view, readonly, actions: on?.kind.actions });
      if (!cmd) {
        const why = explainKey(commands, name, { view, readonly, kind: on?.kind, selected: on?.selected });
        say(why.text, why.refused ? 'error' : 'info');
        return true;
      }
      return runCommand(cmd, { app, table: on, key: name });
    },
    { priority: 'global' },
  );

  // Discovery after the first view asked for its list (children's effects run first): the pod list
  // never waits for it, and `:ingress` or Tab completion usually find it read already.
  useEffect(() => {
    void services.kinds.load().catch(() => undefined);
  }, [services]);

  function runLine(line: string, looked = false) {
    const parsed = parseCommandLine(line, commands);
    if (!parsed) return;
    const current = screen.type === 'table' ? screen : undefined;
    switch (parsed.type) {
      case 'kind': {
        // A student may not list namespaces: `:ns` offers the ones known to work instead.
        if (parsed.kind.id === 'namespaces' && services.namespaces) {
          const picker = namespacePicker(current?.kind.namespaced ? current.kind : undefined)(app);
          const table = { type: 'table' as const, kind: parsed.kind, namespace: '' };
          void services.namespaces.listable().then((may) => (may ? replaceRoot(table) : push(picker)));
          return;
        }
        const ns = parsed.allNamespaces ? '' : (parsed.namespace ?? current?.namespace ?? services.info.namespace);
        replaceRoot({ type: 'table', kind: parsed.kind, namespace: parsed.kind.namespaced ? ns : '' });
        if (parsed.kind.namespaced) services.focusNamespace(ns);
        return;
      }
      case 'namespace':
        switchNamespace(app, parsed.name, current?.kind);
        return;
      case 'command':
        runCommand(parsed.command, { app, key: '', line: parsed.name, args: parsed.args });
        return;
      case 'category':
        push(categoryScreen(parsed.name, parsed.kinds, parsed.namespace ?? (current?.namespace || services.info.namespace)));
        return;
      case 'unknown':
        // A name kdash does not know yet: the server's discovery may (a CRD installed a moment ago).
        if (looked) {
          say(noSuchKind(parsed.name), 'error');
          return;
        }
        void services.kinds
          .resolve(parsed.name)
          .catch(() => undefined)
          .then(() => runLine(line, true));
        return;
      case 'error':
        say(parsed.message, 'error');
        return;
    }
  }

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
  const bodyHeight = height - headerHeight - (showCrumbs ? 1 : 0) - Math.max(1, dialogs.height); // crumbs + footer/dialog
  const crumbs = stack.map(crumbOf).join(' › ');
  const footer = flash ? flash.text : hintsLine(commands, { view, readonly, actions: screen.type === 'table' ? screen.kind.actions : [] }, columns);

  let body: React.ReactNode;
  if (screen.type === 'table') {
    body = (
      <TableScreen
        key={`${stack.length}:${screen.kind.id}:${screen.namespace}:${screen.labelSelector ?? ''}:${screen.fieldSelector ?? ''}`}
        spec={screen}
        memory={memory.current.get(stack.length - 1)}
        onRemember={(m) => memory.current.set(stack.length - 1, m)}
        onNotice={say}
        onControls={(c) => {
          table.current = c;
        }}
        width={columns}
        height={bodyHeight}
        wide={wide}
        preferWide={wideChoice === true}
        onFilterChange={(filter) => replaceTop({ ...screen, filter })}
      />
    );
  } else {
    body = <React.Fragment key={stack.length}>{screen.render({ width: columns, height: bodyHeight, onBack: pop, say })}</React.Fragment>;
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
      {dialogs.node ? (
        dialogs.node
      ) : command !== undefined ? (
        <LineInput
          prompt=":"
          value={command}
          width={columns}
          onChange={setCommand}
          onSubmit={(v) => {
            setCommand(undefined);
            runLine(v);
          }}
          onCancel={() => setCommand(undefined)}
          complete={(v) => completeCommandLine(v, commands, (word) => argumentsFor(services, word))}
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
