import { describe, expect, it } from 'vitest';
import { escapeInvisible, sanitizeCell, sanitizeLine, stripSgr } from '../../src/text/sanitize.js';

const ESC = '\x1b';
/** Nothing a terminal could interpret may remain (besides kept SGR). */
function assertInert(out: string, allowSgr = false) {
  const rest = allowSgr ? out.replace(/\x1b\[[0-9;]*m/g, '') : out;
  expect(rest).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
}

describe('sanitizeLine', () => {
  it('returns plain text unchanged', () => {
    const s = 'GET /index.html 200 12ms — ünïcödé 日本';
    expect(sanitizeLine(s)).toBe(s);
  });

  it('neutralizes cursor moves and clear screen, keeping them visible', () => {
    const out = sanitizeLine(`a${ESC}[2J${ESC}[H${ESC}[10;5Hb${ESC}[3Ac`);
    assertInert(out);
    expect(out).toBe('a␛[2J␛[H␛[10;5Hb␛[3Ac');
  });

  it('neutralizes the alternate screen, scroll regions and bracketed paste', () => {
    const out = sanitizeLine(`${ESC}[?1049h${ESC}[1;5r${ESC}[?2004h${ESC}[?25l`);
    assertInert(out);
    expect(out).toBe('␛[?1049h␛[1;5r␛[?2004h␛[?25l');
  });

  it('neutralizes OSC title with BEL and ST terminators', () => {
    const bel = sanitizeLine(`${ESC}]0;pwned\x07after`);
    const st = sanitizeLine(`${ESC}]2;pwned${ESC}\\after`);
    assertInert(bel);
    assertInert(st);
    expect(bel).toBe('␛]0;pwned␇after');
    expect(st).toBe('␛]2;pwned␛\\after');
  });

  it('neutralizes OSC 52 clipboard writes and OSC 8 hyperlinks', () => {
    const clip = sanitizeLine(`${ESC}]52;c;cm0gLXJmIH4=\x07`);
    const link = sanitizeLine(`${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`);
    assertInert(clip);
    assertInert(link);
    expect(clip).toContain('␛]52;c;');
    expect(link).toContain('click');
  });

  it('neutralizes DCS, APC, PM and SOS strings', () => {
    const out = sanitizeLine(`${ESC}Pq#0${ESC}\\${ESC}_apc${ESC}\\${ESC}^pm${ESC}\\${ESC}Xsos${ESC}\\`);
    assertInert(out);
  });

  it('neutralizes 8-bit C1 controls including CSI 0x9B', () => {
    const out = sanitizeLine('x\x9b2Jy\x9d0;t\x07z\x85');
    assertInert(out);
    expect(out).toBe('x␛[2Jy␛]0;t␇z␛E');
  });

  it('shows a lone ESC, DEL and NUL visibly', () => {
    expect(sanitizeLine(`a${ESC}b\x7fc\x00`)).toBe('a␛b␡c␀');
    expect(sanitizeLine(ESC)).toBe('␛');
  });

  it('does not let backspace or carriage return overwrite the line', () => {
    const out = sanitizeLine('password: hunter2\r          \rok\b\b\bxx');
    assertInert(out);
    expect(out).toContain('hunter2');
    expect(out).toBe('password: hunter2␍          ␍ok␈␈␈xx');
  });

  it('expands tabs to the next 8-column stop', () => {
    expect(sanitizeLine('a\tb')).toBe('a       b');
    expect(sanitizeLine('abcdefgh\tc')).toBe('abcdefgh        c');
    expect(sanitizeLine(`${ESC}[31mab${ESC}[0m\tc`)).toBe('ab      c');
  });

  it('drops SGR colours by default and keeps numeric SGR only with keepColors', () => {
    const s = `${ESC}[1;31mERROR${ESC}[0m done`;
    expect(sanitizeLine(s)).toBe('ERROR done');
    const kept = sanitizeLine(s, { keepColors: true });
    expect(kept).toBe(`${ESC}[1;31mERROR${ESC}[0m done${ESC}[0m`);
    assertInert(kept, true);
    // A non-numeric "SGR" is not a colour: shown inert even with keepColors.
    expect(sanitizeLine(`${ESC}[?5m`, { keepColors: true })).toBe('␛[?5m');
    expect(sanitizeLine(`${ESC}[38:2:1:2:3m`, { keepColors: true })).toBe('␛[38:2:1:2:3m');
  });

  it('handles an unterminated CSI at the end of the text', () => {
    const out = sanitizeLine(`tail${ESC}[12`, { keepColors: true });
    assertInert(out);
    expect(out).toBe('tail␛[12');
  });

  it('is fast enough for 10k lines/s with room to spare', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) =>
      i % 10 === 0 ? `${ESC}[32mINFO${ESC}[0m\trequest ${i} ${ESC}]0;x\x07` : `plain request line number ${i} GET /api/v1 200`,
    );
    const t0 = performance.now();
    for (const l of lines) sanitizeLine(l, { keepColors: true });
    expect(performance.now() - t0).toBeLessThan(500); // 20k lines; generous bound for a loaded CI box
  });
});

describe('sanitizeCell', () => {
  it('turns newlines and tabs into spaces and drops colours', () => {
    expect(sanitizeCell(`a\nb\tc ${ESC}[31mred${ESC}[0m ${ESC}[2J`)).toBe('a b c red ␛[2J');
  });
});

describe('stripSgr', () => {
  it('removes colours from sanitized text', () => {
    expect(stripSgr(sanitizeLine(`${ESC}[31mred${ESC}[0m`, { keepColors: true }))).toBe('red');
  });
});

describe('invisible characters (bidi overrides, zero-width, other format characters)', () => {
  it('are shown escaped in log lines and cells, so a name cannot read as another', () => {
    expect(sanitizeLine('report\u202Efdp.exe')).toBe('report\\u202efdp.exe');
    expect(sanitizeCell('a\u2066b\u2069c\u200Bd\u200Ce\u200Df\uFEFFg\u00ADh')).toBe('a\\u2066b\\u2069c\\u200bd\\u200ce\\u200df\\ufeffg\\u00adh');
    expect(sanitizeLine('line\u2028sep')).toBe('line\\u2028sep');
    expect(sanitizeLine('tag\u{E0041}')).toBe('tag\\u{e0041}');
  });

  it('keep tab stops counting the escape as what is shown', () => {
    expect(sanitizeLine('\u202E\tx')).toBe('\\u202e  x');
  });

  it('leave visible text alone: accents, CJK, emoji', () => {
    const s = 'café 日本 🎉 ok';
    expect(sanitizeLine(s)).toBe(s);
    expect(escapeInvisible(s)).toBe(s);
  });

  it('escapeInvisible escapes them in text that has no control characters', () => {
    expect(escapeInvisible('x\u202Ey\u{E0001}')).toBe('x\\u202ey\\u{e0001}');
  });
});
