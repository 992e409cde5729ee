// The log screen: a title line (source, container, state), the visible log rows, and a hint /
// search / message line. The controller (src/logs) owns streams and the ring buffer and notifies at
// most ~20 times a second; this component renders only the rows that fit, never more than `height`.
import React, { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Box, Text } from 'ink';
import type { LogController, LogSnapshot } from '../../logs/logController.js';
import { layout, type LayoutOptions, type PrefixMode } from '../../logs/logLayout.js';
import { countMatches, findLine } from '../../logs/logSearch.js';
import { shortPath } from '../../logs/saveLogs.js';
import { truncateColumns } from '../../text/ansiText.js';
import { sanitizeCell } from '../../text/sanitize.js';
import { useKeys } from '../input.js';
import { keyName } from '../keymap.js';
import { ContainerPicker, pickerChoices } from './ContainerPicker.js';

export interface LogViewProps {
  controller: LogController;
  width: number;
  height: number;
  onBack(): void;
  /** Start with wrapping / timestamps on. */
  wrap?: boolean;
  timestamps?: boolean;
}

export const LOG_HINTS =
  '<c> container  <p> previous  <t> timestamps  <w> wrap  <s> autoscroll  </> search  <n/N> next/prev  <ctrl-s> save  <esc> back';

export function LogView({ controller, width, height, onBack, wrap: wrap0 = false, timestamps: ts0 = false }: LogViewProps) {
  const snap = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const [wrap, setWrap] = useState(wrap0);
  const [timestamps, setTimestamps] = useState(ts0);
  /** undefined: autoscroll (follow the newest line); a number: the absolute index of the top line. */
  const [top, setTop, topRef] = useRefState<number | undefined>(undefined);
  // Prompt text and picker choice live in refs too: keys typed faster than a render (or pasted)
  // must see the previous key's effect, not the last render's state.
  const [searching, setSearching, searchingRef] = useRefState<string | undefined>(undefined);
  const [needle, setNeedle] = useState('');
  const [current, setCurrent] = useState<number | undefined>(undefined);
  const [message, setMessage] = useState<{ text: string; tone: 'ok' | 'error' } | undefined>(undefined);
  /** Index of the highlighted choice while the container picker is open. */
  const [picking, setPicking, pickingRef] = useRefState<number | undefined>(undefined);

  const bodyHeight = Math.max(0, height - 2);
  const opts: LayoutOptions = {
    width: Math.max(1, width),
    height: bodyHeight,
    wrap,
    timestamps,
    prefix: prefixMode(snap),
    needle: needle || undefined,
  };
  const getLines = (a: number, b: number) => controller.lines(a, b);
  const view = layout(getLines, snap.first, snap.end, top, opts);
  const matches = useMemo(
    () => (needle ? countMatches(getLines, snap.first, snap.end, needle) : 0),
    // Recounted when the buffer changes (snap.version), not on every render.
    [needle, snap.version],
  );

  // Scrolling down stops where the last page is full (the top the follow layout would use).
  const pauseAt = (t: number) => {
    const lastTop = layout(getLines, snap.first, snap.end, undefined, opts).top;
    setTop(Math.max(snap.first, Math.min(t, lastTop)));
  };
  const jumpTo = (idx: number) => {
    setCurrent(idx);
    pauseAt(idx - Math.floor(bodyHeight / 3));
  };
  const search = (dir: 1 | -1, from: number, n = needle) => {
    const idx = findLine(getLines, snap.first, snap.end, from, dir, n);
    if (idx === undefined) setMessage({ text: `not found: ${n}`, tone: 'error' });
    else {
      setMessage(undefined);
      jumpTo(idx);
    }
  };
  const save = () => {
    setMessage({ text: 'saving…', tone: 'ok' });
    void controller.save({ timestamps }).then((r) =>
      setMessage(r.ok ? { text: `saved ${r.lines} lines to ${shortPath(r.path)}`, tone: 'ok' } : { text: r.message, tone: 'error' }),
    );
  };

  const pick = (c: string) => {
    setPicking(undefined);
    setTop(undefined);
    setCurrent(undefined);
    controller.setContainer(c);
  };
  const submitSearch = (v: string) => {
    setSearching(undefined);
    setNeedle(v);
    if (v) search(-1, snap.end, v); // the newest match first
  };

  // One key layer for the whole screen, including its search prompt and picker: a layer that mounts
  // or unmounts registers in an effect, and keys typed in between would be lost.
  useKeys(
    (input, key) => {
      const name = keyName(input, key);
      const typed = searchingRef.current;
      if (typed !== undefined) {
        if (name === 'enter') submitSearch(typed);
        else if (name === 'esc' || name === 'ctrl+c') setSearching(undefined);
        else if (name === 'backspace') setSearching(typed.slice(0, -1));
        else if (name === 'ctrl+u') setSearching('');
        else if (input && !key.ctrl && !key.meta) setSearching(typed + input.replace(/[\u0000-\u001f\u007f-\u009f]/g, ''));
        return true;
      }
      const picking = pickingRef.current;
      if (picking !== undefined) {
        const choices = pickerChoices(snap.containers);
        if (name === 'esc' || name === 'c') setPicking(undefined);
        else if (name === 'enter') pick(choices[picking]);
        else if (name === 'j' || name === 'down') setPicking(Math.min(choices.length - 1, picking + 1));
        else if (name === 'k' || name === 'up') setPicking(Math.max(0, picking - 1));
        else if (/^[1-9]$/.test(name) && Number(name) <= choices.length) pick(choices[Number(name) - 1]);
        return true;
      }
      // The latest scroll position, even if several keys arrive before the next render.
      const cur = topRef.current ?? view.top;
      switch (name) {
        case 'esc':
          onBack();
          return true;
        case 'k':
        case 'up':
          pauseAt(cur - 1);
          return true;
        case 'j':
        case 'down':
          if (topRef.current !== undefined) pauseAt(cur + 1);
          return true;
        case 'pgup':
        case 'ctrl+b':
          pauseAt(cur - Math.max(1, bodyHeight - 1));
          return true;
        case 'pgdown':
        case 'ctrl+f':
          if (topRef.current !== undefined) pauseAt(cur + Math.max(1, bodyHeight - 1));
          return true;
        case 'g':
        case 'home':
          pauseAt(snap.first);
          return true;
        case 'G':
        case 'end':
          setTop(undefined);
          return true;
        case 's':
          setTop(topRef.current === undefined ? view.top : undefined);
          return true;
        case 'w':
          setWrap(!wrap);
          return true;
        case 't':
          setTimestamps(!timestamps);
          return true;
        case 'p':
          setTop(undefined);
          setCurrent(undefined);
          controller.togglePrevious();
          return true;
        case 'c':
          setPicking(Math.max(0, pickerChoices(snap.containers).indexOf(snap.container ?? '')));
          return true;
        case '/':
          setSearching('');
          return true;
        case 'n':
          if (needle) search(1, current ?? view.top);
          return true;
        case 'N':
          if (needle) search(-1, current ?? view.end);
          return true;
        case 'ctrl+s':
          save();
          return true;
        default:
          return false;
      }
    },
    { priority: 'screen' },
  );

  const rows = view.rows;
  const paused = top !== undefined;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {height >= 1 && <Title snap={snap} paused={paused} width={width} wrap={wrap} timestamps={timestamps} needle={needle} matches={matches} />}
      {picking !== undefined ? (
        <ContainerPicker containers={snap.containers} current={snap.container} selected={picking} height={bodyHeight} width={width} />
      ) : (
        // One Text for all rows (already fitted to the width): far fewer nodes for Ink to lay out per frame.
        <Box height={bodyHeight} overflow="hidden">
          <Text>{rows.join('\n')}</Text>
        </Box>
      )}
      {height >= 2 &&
        (searching !== undefined ? (
          <Text wrap="truncate" color="cyan">
            {truncateColumns(`/${sanitizeCell(searching)}█  (enter: find, esc: cancel)`, width)}
          </Text>
        ) : message ? (
          <Text wrap="truncate" color={message.tone === 'error' ? 'red' : 'green'}>
            {truncateColumns(sanitizeCell(message.text), width)}
          </Text>
        ) : (
          <Text wrap="truncate" color="gray">
            {truncateColumns(LOG_HINTS, width)}
          </Text>
        ))}
    </Box>
  );
}

/** useState whose latest value is also readable synchronously through a ref. */
function useRefState<T>(initial: T): [T, (v: T) => void, React.RefObject<T>] {
  const [value, setValue] = useState(initial);
  const ref = useRef(initial);
  const set = useCallback((v: T) => {
    ref.current = v;
    setValue(v);
  }, []);
  return [value, set, ref];
}

function prefixMode(snap: LogSnapshot): PrefixMode {
  if (!snap.multi) return 'none';
  if (snap.title.startsWith('pod ')) return 'container';
  return snap.container === '*' ? 'pod/container' : 'pod';
}

const PHASE_COLOR: Record<string, string> = {
  following: 'green',
  reading: 'green',
  reconnecting: 'yellow',
  waiting: 'yellow',
  connecting: 'yellow',
  ended: 'gray',
  error: 'red',
};

function Title(p: { snap: LogSnapshot; paused: boolean; width: number; wrap: boolean; timestamps: boolean; needle: string; matches: number }) {
  const { snap } = p;
  const container = snap.container === '*' ? 'all containers' : snap.container;
  const head = `Logs ${snap.title}${container ? ` [${container}]` : ''}${snap.previous ? ' (previous)' : ''}`;
  const phase = snap.status.phase === 'following' && p.paused ? 'paused' : snap.status.phase;
  const detail = snap.status.detail ? `: ${snap.status.detail}` : '';
  const lines = snap.end - snap.first;
  const flags = [
    `${lines} lines${snap.dropped ? ` (${snap.dropped} dropped)` : ''}`,
    snap.streams.total > 1 ? `${snap.streams.active}/${snap.streams.total} streams` : '',
    snap.gaps ? `${snap.gaps} ${snap.gaps === 1 ? 'gap' : 'gaps'}` : '',
    snap.restarts ? `${snap.restarts} ${snap.restarts === 1 ? 'restart' : 'restarts'}` : '',
    p.wrap ? 'wrap' : '',
    p.timestamps ? 'timestamps' : '',
    p.needle ? `/${p.needle}: ${p.matches} ${p.matches === 1 ? 'match' : 'matches'}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const text = `${head} · ${phase}${detail} · ${flags}`;
  const headW = Math.min(head.length, p.width);
  const clipped = truncateColumns(sanitizeCell(text), p.width);
  return (
    <Text wrap="truncate">
      <Text color="cyan" bold>
        {clipped.slice(0, headW)}
      </Text>
      <Text color={phase === 'paused' ? 'yellow' : PHASE_COLOR[phase] ?? 'white'}>{clipped.slice(headW)}</Text>
    </Text>
  );
}
