// The shell's grammar, as much of POSIX sh as a student types into a container: words with '…',
// "…" and \ quoting, $VAR / ${VAR} / ${VAR:-x} / $? / $$ / $(…) / `…` expansions, pipelines, `;`,
// `&&`, `||`, `&` and newlines, and the redirections > >> < 2> 2>&1 &>.

/** A piece of a word: literal text, or something expanded when the command runs. */
export type Segment =
  | { kind: 'text'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; op?: string; arg?: string; quoted: boolean }
  | { kind: 'subst'; script: string; quoted: boolean };

export type Word = Segment[];

export interface Redirect {
  fd: 1 | 2 | 0 | 'both';
  op: '>' | '>>' | '<' | '>&1' | '>&2';
  target: Word;
}

export interface Simple {
  words: Word[];
  redirects: Redirect[];
}

/** Commands joined by `|`. */
export type Pipeline = Simple[];

/** Pipelines joined by `&&` / `||`; each item says how it follows the previous one. */
export interface AndOr {
  items: Array<{ op: '&&' | '||' | ';'; pipeline: Pipeline }>;
}

export class ParseError extends Error {}

const OPERATORS = ['&&', '||', ';;', '2>&1', '1>&2', '>&2', '>&1', '2>>', '&>', '>>', '1>', '2>', '>', '<', '|', ';', '&', '\n'];

interface Token {
  op?: string;
  word?: Word;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let word: Word | undefined;
  const text = (t: string, quoted: boolean) => {
    word ??= [];
    const last = word.at(-1);
    if (last?.kind === 'text' && last.quoted === quoted) last.text += t;
    else word.push({ kind: 'text', text: t, quoted });
  };
  const end = () => {
    if (word) out.push({ word });
    word = undefined;
  };
  /** Reads $… at src[i] (i points after the $) and pushes the segment. */
  const dollar = (quoted: boolean) => {
    const c = src[i];
    if (c === '{') {
      const close = src.indexOf('}', i);
      if (close < 0) throw new ParseError('Syntax error: Missing }');
      const inner = src.slice(i + 1, close);
      i = close + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?$#])(?:(:?[-=+?])(.*))?$/.exec(inner);
      if (!m) throw new ParseError(`\${${inner}}: bad substitution`);
      (word ??= []).push({ kind: 'var', name: m[1], op: m[2], arg: m[3], quoted });
      return;
    }
    if (c === '(') {
      let depth = 1;
      let j = i + 1;
      for (; j < src.length && depth; j++) {
        if (src[j] === '(') depth++;
        else if (src[j] === ')') depth--;
      }
      if (depth) throw new ParseError("Syntax error: end of file unexpected (expecting \")\")");
      (word ??= []).push({ kind: 'subst', script: src.slice(i + 1, j - 1), quoted });
      i = j;
      return;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?$#!@*])/.exec(src.slice(i));
    if (!m) {
      text('$', quoted);
      return;
    }
    i += m[1].length;
    (word ??= []).push({ kind: 'var', name: m[1], quoted });
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '#' && !word) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      end();
      i++;
      continue;
    }
    if (c === '\\') {
      if (src[i + 1] === '\n') i += 2;
      else {
        text(src[i + 1] ?? '', true);
        i += 2;
      }
      continue;
    }
    if (c === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) throw new ParseError('Syntax error: Unterminated quoted string');
      text(src.slice(i + 1, close), true);
      if (close === i + 1) (word ??= []).push({ kind: 'text', text: '', quoted: true });
      i = close + 1;
      continue;
    }
    if (c === '"') {
      i++;
      let any = false;
      while (i < src.length && src[i] !== '"') {
        any = true;
        if (src[i] === '\\' && '"\\$`\n'.includes(src[i + 1] ?? '')) {
          if (src[i + 1] !== '\n') text(src[i + 1], true);
          i += 2;
        } else if (src[i] === '$') {
          i++;
          dollar(true);
        } else if (src[i] === '`') {
          const close = src.indexOf('`', i + 1);
          if (close < 0) throw new ParseError('Syntax error: Unterminated quoted string');
          (word ??= []).push({ kind: 'subst', script: src.slice(i + 1, close), quoted: true });
          i = close + 1;
        } else text(src[i++], true);
      }
      if (i >= src.length) throw new ParseError('Syntax error: Unterminated quoted string');
      if (!any) (word ??= []).push({ kind: 'text', text: '', quoted: true });
      i++;
      continue;
    }
    if (c === '$') {
      i++;
      dollar(false);
      continue;
    }
    if (c === '`') {
      const close = src.indexOf('`', i + 1);
      if (close < 0) throw new ParseError('Syntax error: Unterminated quoted string');
      (word ??= []).push({ kind: 'subst', script: src.slice(i + 1, close), quoted: false });
      i = close + 1;
      continue;
    }
    // `2>` only at a word start; a digit inside a word is text.
    const op = OPERATORS.find((o) => src.startsWith(o, i) && !(/^[12]/.test(o) && word));
    if (op) {
      end();
      out.push({ op });
      i += op.length;
      continue;
    }
    text(c, false);
    i++;
  }
  end();
  return out;
}

/** Parses a script into and-or lists (one per `;`/newline-separated command line). */
export function parse(src: string): AndOr[] {
  const tokens = tokenize(src);
  const lists: AndOr[] = [];
  let list: AndOr = { items: [] };
  let pipeline: Pipeline = [];
  let cmd: Simple = { words: [], redirects: [] };
  let joiner: '&&' | '||' | ';' = ';';
  const unexpected = (t: string) => new ParseError(`Syntax error: "${t === '\n' ? 'newline' : t}" unexpected`);
  const endCmd = (op: string) => {
    if (!cmd.words.length && !cmd.redirects.length) throw unexpected(op);
    pipeline.push(cmd);
    cmd = { words: [], redirects: [] };
  };
  const endPipeline = (op: string) => {
    endCmd(op);
    list.items.push({ op: joiner, pipeline });
    pipeline = [];
  };
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.word) {
      cmd.words.push(t.word);
      continue;
    }
    const op = t.op!;
    if (op === '|') endCmd(op);
    else if (op === '&&' || op === '||') {
      endPipeline(op);
      joiner = op;
    } else if (op === ';' || op === '\n' || op === '&') {
      if (!cmd.words.length && !cmd.redirects.length && !pipeline.length) {
        if (op === '\n') continue;
        throw unexpected(op);
      }
      endPipeline(op);
      lists.push(list);
      list = { items: [] };
      joiner = ';';
    } else if (op === ';;') throw unexpected(op);
    else if (op === '2>&1' || op === '>&1') cmd.redirects.push({ fd: 2, op: '>&1', target: [] });
    else if (op === '>&2' || op === '1>&2') cmd.redirects.push({ fd: 1, op: '>&2', target: [] });
    else {
      const target = tokens[k + 1]?.word;
      if (!target) throw unexpected(tokens[k + 1]?.op ?? 'newline');
      k++;
      const fd = op === '&>' ? 'both' : op.startsWith('2') ? 2 : op === '<' ? 0 : 1;
      cmd.redirects.push({ fd, op: op === '<' ? '<' : op.endsWith('>>') ? '>>' : '>', target });
    }
  }
  if (cmd.words.length || cmd.redirects.length) endPipeline('newline');
  else if (pipeline.length || list.items.length && joiner !== ';') throw unexpected('end of file');
  if (list.items.length) lists.push(list);
  return lists;
}
