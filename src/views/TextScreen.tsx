// A scrollable text view (describe, YAML, help): j/k, PgUp/PgDn, g/G, `/` to find, Esc back.
// Every line is sanitized: describe and YAML show untrusted text from the cluster.
import React, { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import { sanitizeLine } from '../text/sanitize.js';
import { truncateToWidth } from '../text/width.js';
import { useKeys } from './input.js';
import { commandFor, keyName } from './keymap.js';
import { LineInput } from './LineInput.js';

export interface TextScreenProps {
  title: string;
  text: string;
  width: number;
  height: number;
  onBack(): void;
  /** 'help' uses the help view's keys; 'text' the describe/YAML keys. */
  view?: 'text' | 'help';
}

export function TextScreen({ title, text, width, height, onBack, view = 'text' }: TextScreenProps) {
  const lines = useMemo(() => text.split('\n').map((l) => sanitizeLine(l)), [text]);
  const [top, setTop] = useState(0);
  const [search, setSearch] = useState<string | undefined>();
  const [needle, setNeedle] = useState('');
  const body = Math.max(1, height - 1);
  const maxTop = Math.max(0, lines.length - body);
  const clamp = (n: number) => Math.max(0, Math.min(maxTop, n));
  const findFrom = (from: number, dir: 1 | -1, s = needle) => {
    if (!s) return;
    const lower = s.toLowerCase();
    for (let i = 1; i <= lines.length; i++) {
      const at = (from + dir * i + lines.length) % lines.length;
      if (lines[at].toLowerCase().includes(lower)) return setTop(clamp(at));
    }
  };

  useKeys(
    (input, key) => {
      if (search !== undefined) return false;
      const name = keyName(input, key);
      if (name === '/' ) {
        setSearch('');
        return true;
      }
      if (name === 'n' && needle) return findFrom(top, 1), true;
      if (name === 'N' && needle) return findFrom(top, -1), true;
      switch (commandFor(name, { view, readonly: true })) {
        case 'up':
          setTop(clamp(top - 1));
          return true;
        case 'down':
          setTop(clamp(top + 1));
          return true;
        case 'pageUp':
          setTop(clamp(top - body));
          return true;
        case 'pageDown':
          setTop(clamp(top + body));
          return true;
        case 'top':
          setTop(0);
          return true;
        case 'bottom':
          setTop(maxTop);
          return true;
        case 'back':
          onBack();
          return true;
        default:
          return false;
      }
    },
    { priority: 'screen' },
  );

  const shown = lines.slice(clamp(top), clamp(top) + body);
  const pos = lines.length > body ? ` ${clamp(top) + 1}-${clamp(top) + shown.length}/${lines.length}` : '';
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
            findFrom(top - 1, 1, v);
          }}
          onCancel={() => setSearch(undefined)}
        />
      ) : (
        <Text wrap="truncate" color="cyan" bold>
          {title + pos + (needle ? `  /${needle} (n/N)` : '')}
        </Text>
      )}
      {shown.map((l, i) => (
        <Text key={i} wrap="truncate" inverse={!!needle && l.toLowerCase().includes(needle.toLowerCase())}>
          {fit(l, width)}
        </Text>
      ))}
    </Box>
  );
}

function fit(s: string, width: number): string {
  return truncateToWidth(s, width) || ' ';
}
