// The YAML view's reading aids, line by line over sanitized text: what each piece of a line is (key,
// string, number, boolean, null, comment) for colouring, and which lines make up the block under a
// line, for folding. Written for the block style kubectl prints (sequences not indented under their
// key, quoted or block scalars that continue over several lines), not as a general YAML parser.

export type TokenKind = 'key' | 'string' | 'number' | 'bool' | 'null' | 'comment' | 'punct' | 'plain';

export interface Token {
  text: string;
  kind: TokenKind;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s'"#\-?:,[\]{}][^#]*?|-[^\s#][^#]*?)(:)(?= |$)/;
const NUMBER = /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.Inf|\.nan|\.NaN)$/;

const indentOf = (s: string) => s.length - s.trimStart().length;

/** A scalar as written after `key: ` or `- `, split from a trailing ` # comment`. */
function scalarTokens(v: string, out: Token[]): 'open' | 'block' | undefined {
  if (v === '') return undefined;
  if (v[0] === "'" || v[0] === '"') {
    const q = v[0];
    const close = q === "'" ? /^'(?:[^']|'')*'/.exec(v) : /^"(?:[^"\\]|\\.)*"/.exec(v);
    if (!close) {
      out.push({ text: v, kind: 'string' });
      return 'open'; // continues on the next lines
    }
    out.push({ text: close[0], kind: 'string' });
    const rest = v.slice(close[0].length);
    if (rest) out.push({ text: rest, kind: rest.trimStart().startsWith('#') ? 'comment' : 'plain' });
    return undefined;
  }
  const hash = v.search(/(^| )#/);
  const body = hash >= 0 ? v.slice(0, hash) : v;
  const trimmed = body.trimEnd();
  if (/^[|>][-+0-9]*$/.test(trimmed)) {
    out.push({ text: body, kind: 'punct' });
    if (hash >= 0) out.push({ text: v.slice(hash), kind: 'comment' });
    return 'block';
  }
  if (trimmed) out.push({ text: body, kind: kindOfPlain(trimmed) });
  if (hash >= 0) out.push({ text: v.slice(hash), kind: 'comment' });
  return undefined;
}

function kindOfPlain(s: string): TokenKind {
  if (s === 'null' || s === '~' || s === 'Null' || s === 'NULL') return 'null';
  if (/^(?:true|false|True|False|TRUE|FALSE)$/.test(s)) return 'bool';
  if (NUMBER.test(s)) return 'number';
  if (s === '{}' || s === '[]') return 'punct';
  return 'string';
}

/**
 * Tokens of every line. A line inside a multi-line scalar (the rest of a quoted string, the body of
 * a `|` block) is all string, whatever it looks like.
 */
export function tokenizeYaml(lines: string[]): Token[][] {
  let inScalarAbove = -1; // indentation of the key whose scalar continues, or -1
  return lines.map((line) => {
    const out: Token[] = [];
    const ind = indentOf(line);
    if (inScalarAbove >= 0 && (line.trim() === '' || ind > inScalarAbove)) {
      out.push({ text: line, kind: 'string' });
      return out;
    }
    inScalarAbove = -1;
    if (ind) out.push({ text: line.slice(0, ind), kind: 'plain' });
    let rest = line.slice(ind);
    const dash = /^(?:- |-$)+/.exec(rest);
    if (dash) {
      out.push({ text: dash[0], kind: 'punct' });
      rest = rest.slice(dash[0].length);
    }
    if (rest.startsWith('#')) {
      out.push({ text: rest, kind: 'comment' });
      return out;
    }
    const key = KEY.exec(rest);
    let state: 'open' | 'block' | undefined;
    if (key) {
      out.push({ text: key[1], kind: 'key' }, { text: ':', kind: 'punct' });
      const after = rest.slice(key[0].length);
      const sp = /^ */.exec(after)![0];
      if (sp) out.push({ text: sp, kind: 'plain' });
      state = scalarTokens(after.slice(sp.length), out);
    } else {
      state = scalarTokens(rest, out);
    }
    if (state) inScalarAbove = ind;
    return out;
  });
}

/**
 * For each line, the end (exclusive) of the block under it: the lines indented deeper, and under a
 * bare `key:` also a sequence at the key's own indentation (kubectl does not indent sequences).
 * A line with nothing under it ends at itself + 1.
 */
export function foldEnds(lines: string[]): number[] {
  const ends = new Array<number>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    ends[i] = i + 1;
    const line = lines[i];
    if (line.trim() === '') continue;
    const ind = indentOf(line);
    const bareKey = /:$/.test(line) && !line.trimStart().startsWith('#');
    let last = i;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j];
      if (l.trim() === '') continue;
      const lj = indentOf(l);
      const inside = lj > ind || (bareKey && lj === ind && /^- |^-$/.test(l.slice(lj)));
      if (!inside) break;
      last = j;
    }
    ends[i] = last + 1; // trailing blank lines stay outside
  }
  return ends;
}
