// The single input dispatcher. Ink's useInput is called once, at the root; components register
// key layers with useKeys(). The top-most active layer (highest priority, then most recently
// registered) sees a key first and returns true to consume it.
import React, { createContext, useContext, useLayoutEffect, useRef } from 'react';
import { useInput, type Key } from 'ink';

export type { Key };
export type KeyHandler = (input: string, key: Key) => boolean | void;

/** global: app-wide keys (q, :, ?); screen: the current screen; dialog: prompts and confirmations. */
export type LayerPriority = 'global' | 'screen' | 'dialog';
const rank: Record<LayerPriority, number> = { global: 0, screen: 1, dialog: 2 };

interface Layer {
  seq: number;
  priority: number;
  handler: React.RefObject<KeyHandler>;
}

export class KeyDispatcher {
  private layers: Layer[] = [];
  private seq = 0;

  register(handler: React.RefObject<KeyHandler>, priority: LayerPriority): () => void {
    const layer: Layer = { seq: ++this.seq, priority: rank[priority], handler };
    this.layers.push(layer);
    this.layers.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
    return () => {
      this.layers = this.layers.filter((l) => l !== layer);
    };
  }

  dispatch(input: string, key: Key): boolean {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      if (this.layers[i].handler.current?.(input, key) === true) return true;
    }
    return false;
  }
}

const DispatcherContext = createContext<KeyDispatcher | null>(null);

export function InputRoot({ children, active = true }: { children: React.ReactNode; active?: boolean }) {
  const dispatcher = useRef(new KeyDispatcher()).current;
  const queue = useRef<Array<[string, Key]>>([]);
  useInput(
    (input, key) => {
      // Keys of one chunk are handled one per tick, so a key that opens an input line (`:`, `/`)
      // is committed to the screen before the next key of the same chunk arrives.
      const wasIdle = queue.current.length === 0;
      queue.current.push(...splitChunk(input, key));
      if (!wasIdle) return;
      const next = () => {
        const item = queue.current.shift();
        if (item) dispatcher.dispatch(item[0], item[1]);
        if (queue.current.length) setTimeout(next, 0);
      };
      next();
    },
    { isActive: active },
  );
  return <DispatcherContext.Provider value={dispatcher}>{children}</DispatcherContext.Provider>;
}

/** Registers a key layer while mounted and active. The handler may change every render. */
export function useKeys(handler: KeyHandler, options: { priority?: LayerPriority; active?: boolean } = {}): void {
  const dispatcher = useContext(DispatcherContext);
  const ref = useRef<KeyHandler>(handler);
  ref.current = handler;
  const { priority = 'screen', active = true } = options;
  // A layout effect registers the layer in the same commit that shows it, so a key typed right
  // after `:` or `/` already reaches the new input line (a passive effect would run too late).
  useLayoutEffect(() => {
    if (!dispatcher || !active) return;
    return dispatcher.register(ref, priority);
  }, [dispatcher, priority, active]);
}

const noKey: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/**
 * A terminal may deliver several keys in one chunk (fast typing, paste, tmux send-keys): Ink then
 * hands over "deploy\r" as one input. Split plain chunks into one key each, so Enter still submits.
 */
export function splitChunk(input: string, key: Key): Array<[string, Key]> {
  const plain = !key.ctrl && !key.meta && !key.escape && input.length > 1 && !input.includes('\x1b');
  if (!plain) return [[input, key]];
  return [...input].map((ch): [string, Key] => {
    if (ch === '\r' || ch === '\n') return ['', { ...noKey, return: true }];
    if (ch === '\t') return ['', { ...noKey, tab: true }];
    if (ch === '\x7f' || ch === '\b') return ['', { ...noKey, backspace: true }];
    return [ch, { ...noKey, shift: ch !== ch.toLowerCase() }];
  });
}
