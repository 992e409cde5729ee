// A scrollable text view (describe, YAML, help): j/k, PgUp/PgDn, g/G, `/` to find with n/N, Esc back.
// Long lines wrap under their value instead of being cut at the screen edge. The YAML view adds a
// cursor (›), syntax colours and folding (z / Enter / space on a line; Z for all top-level sections).
// Every line is sanitized: describe and YAML show untrusted text from the cluster.
import React, { useMemo, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { HIGHLIGHT_ON, findMatches } from '../text/ansiText.js';
import { sanitizeLine } from '../text/sanitize.js';
import { describeIndent, yamlIndent } from '../text/wrap.js';
import { foldEnds, tokenizeYaml } from '../text/yamlOutline.js';
import { useKeys } from './input.js';
import { commandFor, keyName } from './keymap.js';
import { screenKeys } from './commands/navigation.js';
import { LineInput } from './LineInput.js';
import { buildRows, foldsHiding, visibleLines, type Row, type SegStyle } from './textRows.js';

export interface TextScreenProps {
  title: string;
  text: string;
  width: number;
  height: number;
  onBack(): void;
  /** 'help' uses the help view's keys; 'text' the describe/YAML keys. */
  view?: 'text' | 'help';
  /** YAML: colours, a cursor and folding. */
  yaml?: boolean;
  /** false for --no-color / NO_COLOR: no colour codes at all. */
  color?: boolean;
}

// Colours as SGR codes, written only when colours are on (services.color: --no-color, NO_COLOR).
const COLORS: Record<SegStyle, string | undefined> = {
  key: '\x1b[36m', // cyan
  string: '\x1b[32m', // green
  number: '\x1b[35m', // magenta
  bool: '\x1b[33m', // yellow
  null: '\x1b[90m', // gray
  comment: '\x1b[90m',
  punct: undefined,
  plain: undefined,
  marker: '\x1b[33m',
};
const RESET = '\x1b[0m';

export function TextScreen({ title, text, width, height, onBack, view = 'text', yaml = false, color = true }: TextScreenProps) {
  const lines = useMemo(() => text.replace(/\n$/, '').split('\n').map((l) => sanitizeLine(l)), [text]);
  const tokens = useMemo(() => (yaml ? tokenizeYaml(lines) : undefined), [yaml, lines]);
  const ends = useMemo(() => (yaml ? foldEnds(lines) : undefined), [yaml, lines]);
  const [folded, setFolded] = useState<ReadonlySet<number>>(() => new Set());
  const [cursor, setCursor] = useState(0);
  const [top, setTop] = useState(0);
  /** YAML scrolls to follow the cursor from where the last frame was. */
  const lastTop = useRef(0);
  const [search, setSearch] = useState<string | undefined>();
  const [needle, setNeedle] = useState('');
  const [noMatch, setNoMatch] = useState(false);

  const gutter = yaml ? 2 : 0;
  const textWidth = Math.max(1, width - gutter);
  const rows = useMemo(
    () => buildRows({ lines, tokens, ends, folded, needle, width: textWidth, indent: yaml ? yamlIndent : (l) => describeIndent(l, textWidth) }),
    [lines, tokens, ends, folded, needle, textWidth, yaml],
  );
  const vis = useMemo(() => visibleLines(lines.length, ends, folded), [lines.length, ends, folded]);
  const body = Math.max(1, height - 1);
  const maxTop = Math.max(0, rows.length - body);
  const clamp = (n: number) => Math.max(0, Math.min(maxTop, n));
  // YAML: the cursor's line is always on screen (a folded line takes the cursor out of its block).
  const cur = yaml ? visibleCursor(cursor, ends, folded) : 0;
  const viewTop = yaml ? follow(lastTop.current, rows, cur, body, clamp) : clamp(top);
  lastTop.current = viewTop;

  const moveCursor = (by: number) => {
    const at = Math.max(0, vis.indexOf(cur));
    setCursor(vis[Math.max(0, Math.min(vis.length - 1, at + by))] ?? 0);
  };
  const toggleFold = () => {
    if (!ends) return;
    const next = new Set(folded);
    if (folded.has(cur)) next.delete(cur);
    else {
      // On a line with nothing under it, fold the block it belongs to.
      let at = cur;
      while (at >= 0 && !(ends[at] > cur + (at === cur ? 1 : 0))) at--;
      if (at < 0) return;
      next.add(at);
      setCursor(at);
    }
    setFolded(next);
  };
  const toggleAll = () => {
    if (!ends) return;
    if (folded.size) return setFolded(new Set());
    setFolded(new Set(lines.map((_, i) => i).filter((i) => lines[i] !== '' && !lines[i].startsWith(' ') && ends[i] > i + 1)));
  };
  const find = (from: number, dir: 1 | -1, s = needle) => {
    if (!s) return;
    for (let k = 1; k <= lines.length; k++) {
      const at = (((from + dir * k) % lines.length) + lines.length) % lines.length;
      if (findMatches(lines[at], s, 1).length === 0) continue;
      setNoMatch(false);
      if (yaml && ends) {
        const hiding = foldsHiding(at, ends, folded);
        if (hiding.length) setFolded(new Set([...folded].filter((f) => !hiding.includes(f))));
        setCursor(at);
      } else {
        setTop(clamp(rows.findIndex((r) => r.line === at)));
      }
      return;
    }
    setNoMatch(true);
  };
  const here = yaml ? cur : (rows[viewTop]?.line ?? 0);

  useKeys(
    (input, key) => {
      if (search !== undefined) return false;
      const cmd = commandFor(screenKeys, keyName(input, key), { view, readonly: true })?.id;
      const step = (n: number) => (yaml ? moveCursor(n) : setTop(clamp(viewTop + n)));
      switch (cmd) {
        case 'up':
          return step(-1), true;
        case 'down':
          return step(1), true;
        case 'pageUp':
          return step(-body), true;
        case 'pageDown':
          return step(body), true;
        case 'top':
          return step(-Infinity), true;
        case 'bottom':
          return step(Infinity), true;
        case 'find':
          return setSearch(''), true;
        case 'findNext':
          return needle ? (find(here, 1), true) : false;
        case 'findPrev':
          return needle ? (find(here, -1), true) : false;
        case 'fold':
          return yaml ? (toggleFold(), true) : false;
        case 'foldAll':
          return yaml ? (toggleAll(), true) : false;
        case 'back':
          onBack();
          return true;
        default:
          return false;
      }
    },
    { priority: 'screen' },
  );

  const shown = rows.slice(viewTop, viewTop + body);
  const pos = rows.length > body ? ` ${viewTop + 1}-${viewTop + shown.length}/${rows.length}` : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      {search !== undefined ? (
        <LineInput
          prompt="find: "
          value={search}
          width={width}
          onChange={setSearch}
          onSubmit={(v) => {
            setSearch(undefined);
            setNeedle(v);
            setNoMatch(false);
            find(here - 1, 1, v);
          }}
          onCancel={() => setSearch(undefined)}
        />
      ) : (
        <Text wrap="truncate">
          <Text color="cyan" bold>
            {title + pos}
          </Text>
          {needle && (noMatch ? <Text color={color ? 'red' : undefined}>{`  /${needle}: no match`}</Text> : `  /${needle} (n/N)`)}
        </Text>
      )}
      {shown.map((r, i) => (
        <RowText key={i} row={r} cursor={yaml && r.line === cur && (i === 0 || shown[i - 1].line !== cur)} gutter={gutter} color={color} />
      ))}
    </Box>
  );
}

function RowText({ row, cursor, gutter, color }: { row: Row; cursor: boolean; gutter: number; color: boolean }) {
  let out = (gutter ? (cursor ? '› ' : '  ') : '') + ' '.repeat(row.indent);
  for (const s of row.segs) {
    const code = color ? (s.match ? HIGHLIGHT_ON : COLORS[s.style]) : undefined;
    out += code ? code + s.text + RESET : s.text;
  }
  return <Text wrap="truncate">{out || ' '}</Text>;
}

/** The cursor's line, or the outermost folded line hiding it. */
function visibleCursor(cursor: number, ends: number[] | undefined, folded: ReadonlySet<number>): number {
  if (!ends) return cursor;
  return foldsHiding(cursor, ends, folded)[0] ?? Math.min(cursor, Math.max(0, ends.length - 1));
}

/** The scroll position that keeps the cursor line's rows on screen, moving as little as possible. */
function follow(top: number, rows: Row[], line: number, body: number, clamp: (n: number) => number): number {
  const first = rows.findIndex((r) => r.line === line);
  if (first < 0) return clamp(top);
  let last = first;
  while (last + 1 < rows.length && rows[last + 1].line === line) last++;
  if (first < top) return clamp(first);
  if (last >= top + body) return clamp(Math.min(first, last - body + 1));
  return clamp(top);
}
