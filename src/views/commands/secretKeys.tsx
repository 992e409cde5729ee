// `x` on a secret (k9s's decode key): its keys screen. The keys and sizes come from the store, which
// holds no values; Enter (or x) on one key reads that key from the server, shown masked until `v`.
// Refused in read-only mode unless kdash was started with --allow-reveal. The value lives in this
// screen's state only: never in the footer, the history, a log or a dump, and gone when the screen
// closes, when another key is revealed, or when the secret changes.
import React, { useEffect, useState } from 'react';
import { Box, Text } from 'ink';
import type { KObj } from '../../resources/types.js';
import { secretKeys, secretSize, type SecretValue } from '../../resources/secretData.js';
import { keyOf } from '../../store/keys.js';
import { selectObjects } from '../../store/selectors.js';
import { sanitizeCell, sanitizeLine } from '../../text/sanitize.js';
import { useClusterState, useReadonly, useServices, useWatch } from '../context.js';
import { PickList } from '../PickList.js';
import type { ScreenEnv, ViewScreen } from '../screens.js';
import type { Command } from './types.js';

/** Why a reveal is refused here, if it is. */
export function revealRefusal(readonly: boolean, allowReveal: boolean): string | undefined {
  if (readonly && !allowReveal) return 'read-only: values stay hidden (start kdash with --allow-reveal)';
  return undefined;
}

const MASK = '•'.repeat(8);

interface Revealed {
  key: string;
  /** The secret's resourceVersion it was read at: a change clears it. */
  version: string | undefined;
  value: SecretValue;
  shown: boolean;
}

function SecretKeysScreen({ namespace, name, uid, width, height, onBack, say }: { namespace: string; name: string; uid: string } & ScreenEnv) {
  const ports = useServices();
  const readonly = useReadonly();
  useWatch('secrets', namespace);
  const secret: KObj | undefined = useClusterState((s) => selectObjects(s, keyOf('secrets', namespace)).find((o) => o.metadata.uid === uid));
  const [revealed, setRevealed] = useState<Revealed | undefined>();
  const [busy, setBusy] = useState(false);
  const version = secret?.metadata.resourceVersion;
  // A value read before the secret changed (or went) is not what it holds now: drop it.
  useEffect(() => {
    if (revealed && revealed.version !== version) {
      setRevealed(undefined);
      say(secret ? 'the secret changed: the value shown was cleared — reveal again' : 'the secret was deleted: the value shown was cleared');
    }
  }, [version, revealed, secret, say]);
  useEffect(() => () => setRevealed(undefined), []);

  const keys = secret ? secretKeys(secret) : [];
  const textLines = revealed?.value.type === 'text' ? revealed.value.text.replace(/\r?\n$/, '').split(/\r?\n/) : [];
  const lineCount = textLines.length;
  const multiLine = lineCount > 1;
  const rows = keys.map((k) => {
    const cell =
      revealed?.key !== k
        ? '(hidden)'
        : revealed.value.type === 'binary'
          ? revealed.value.description
          : !revealed.shown
            ? `${MASK}  (v to show)`
            : multiLine
              ? `(${lineCount} lines, below)`
              : sanitizeCell(revealed.value.text);
    return { id: k, cells: [sanitizeCell(k), `${secretSize(secret!, k).toLocaleString('en-US')} bytes`, cell] };
  });

  function reveal(key: string) {
    const refused = revealRefusal(readonly, ports.allowReveal === true);
    if (refused) return say(refused, 'error');
    const may = ports.can({ verb: 'get', resource: 'secrets', group: '' }, namespace);
    if (!may.allowed) return say(`forbidden: you may not get secrets in ${namespace}${may.reason ? ` (${may.reason})` : ''}`, 'error');
    setBusy(true);
    setRevealed(undefined);
    void ports.ops.revealSecret({ kind: 'secrets', namespace, name, uid }, key).then((r) => {
      setBusy(false);
      if (!r.ok) return say(r.message, 'error');
      setRevealed({ key, version, value: r.value, shown: false });
    });
  }

  const panel: string[] = [];
  if (revealed?.shown && multiLine) panel.push(`${sanitizeCell(revealed.key)}:`, ...textLines.map((l) => sanitizeLine(l)));
  const listHeight = Math.max(3, height - Math.min(panel.length, Math.floor(height / 2)));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <PickList
        title={secret ? `secret ${sanitizeCell(namespace)}/${sanitizeCell(name)} · ${sanitizeCell(String(secret.type ?? ''))}` : `secret ${sanitizeCell(name)} no longer exists — Esc to go back`}
        headers={['KEY', 'SIZE', 'VALUE']}
        rows={rows}
        width={width}
        height={listHeight}
        emptyText={secret ? 'this secret has no keys' : ''}
        note={busy ? 'reading the key from the server…' : '<enter> reveal this key  <v> show/mask  <esc> back (forgets it)'}
        onKey={(key, row) => {
          if (key === 'esc') {
            setRevealed(undefined);
            onBack();
            return true;
          }
          if ((key === 'enter' || key === 'x') && row) {
            reveal(row.id);
            return true;
          }
          if (key === 'v') {
            if (!revealed) say('nothing revealed: Enter on a key first');
            else if (revealed.value.type === 'binary') say('binary values are described, never shown');
            else setRevealed({ ...revealed, shown: !revealed.shown });
            return true;
          }
          return false;
        }}
      />
      {panel.slice(0, height - listHeight).map((l, i) => (
        <Text key={i} wrap="truncate">
          {l || ' '}
        </Text>
      ))}
    </Box>
  );
}

export const secretKeysCommand: Command = {
  id: 'secretKeys',
  keys: ['x'],
  title: "a secret's keys (reveal one value on request)",
  views: ['table'],
  action: 'secretKeys',
  hint: true,
  run: ({ app, table }) => {
    const o = table?.selected;
    if (!o) return;
    const namespace = o.metadata.namespace ?? table.spec.namespace;
    const screen: ViewScreen = {
      type: 'view',
      keys: 'text',
      crumb: `keys ${o.metadata.name}`,
      render: (env) => <SecretKeysScreen namespace={namespace} name={o.metadata.name} uid={o.metadata.uid} {...env} />,
    };
    app.push(screen);
  },
};
