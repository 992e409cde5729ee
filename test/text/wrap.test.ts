import { describe, expect, it } from 'vitest';
import { describeIndent, wrapRanges, yamlIndent } from '../../src/text/wrap.js';
import { foldEnds, tokenizeYaml } from '../../src/text/yamlOutline.js';

const cut = (line: string, width: number, rule = describeIndent) =>
  wrapRanges(line, width, rule).map((r) => ' '.repeat(r.indent) + line.slice(r.start, r.end));

describe('wrapRanges', () => {
  it('breaks at spaces and hangs a "Key:  value" line under its value', () => {
    const line = 'Message:  alpha bravo charlie delta echo foxtrot golf hotel india';
    expect(cut(line, 40)).toEqual(['Message:  alpha bravo charlie delta echo', '          foxtrot golf hotel india']);
  });

  it('goes left when the value column leaves too little room', () => {
    expect(cut('A-very-long-key-name-here:  one two three four five six seven', 40)[1]).toBe('    three four five six seven');
  });

  it('cuts a word longer than the row where it must, losing nothing', () => {
    const rows = cut('Image:  ' + 'a'.repeat(50), 30);
    expect(rows.join('').replace(/\s/g, '')).toBe('Image:' + 'a'.repeat(50));
    for (const r of rows) expect(r.length).toBeLessThanOrEqual(30);
  });

  it('measures wide characters as two columns', () => {
    expect(cut('名前名前名前名前', 6)).toEqual(['名前名', '前名前', '名前']);
  });

  it('indents YAML continuation rows two columns right of the key, counting "- "', () => {
    expect(yamlIndent('  - name: x')).toBe(6);
    expect(yamlIndent('    note: x')).toBe(6);
  });
});

describe('YAML outline', () => {
  it('reads a block scalar and the rest of a quoted string as strings, whatever they look like', () => {
    const t = tokenizeYaml(['data:', '  script: |', '    key: not a key', "  msg: 'a long", "    text: still'", 'next: 1']);
    expect(t[2]).toEqual([{ text: '    key: not a key', kind: 'string' }]);
    expect(t[4]).toEqual([{ text: "    text: still'", kind: 'string' }]);
    expect(t[5].find((x) => x.kind === 'number')?.text).toBe('1');
  });

  it('puts an unindented sequence inside its key block, and trailing blank lines outside', () => {
    const lines = ['spec:', '  containers:', '  - name: a', '    image: x', '  - name: b', '  dns: y', '', 'status: {}'];
    expect(foldEnds(lines)).toEqual([6, 5, 4, 4, 5, 6, 7, 8]);
  });
});
