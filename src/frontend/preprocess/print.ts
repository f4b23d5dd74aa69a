// `jitcc -E` output: preprocessed tokens as text, with gcc-style line
// markers, that lexes back into the same tokens.
//
// Input: the tokens `preprocess` returned. Output: text. Each token is
// placed on the line of its outermost macro invocation (or its own line);
// small line gaps become blank lines and bigger ones or a change of file a
// marker `# <line> "<file>" [flags]` (flag 1: entering an include, 2:
// returning to a file, as cpp documents). A space separates two tokens
// when the source had one or when they would otherwise lex as one token
// (`+ +`, `x y`, `1 .e`), as gcc's avoid_paste does.

import type { CToken } from '../lex/tokens.js';
import type { PpToken } from '../lex/lexer.js';
import { rootLoc, type IncludeEvent } from './preprocessor.js';

/** Two-character prefixes of punctuators and comment openers: these pairs must not touch. */
const pastingPairs = new Set([
  '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '*=', '/=', '%=', '+=', '-=', '&=', '^=', '|=',
  '##', '..', '<:', ':>', '<%', '%>', '%:', '//', '/*',
]);

const identChar = /[A-Za-z0-9_$]/;

/** Would `a` immediately followed by `b` lex differently? */
export function needsSpace(a: string, b: string): boolean {
  const last = a[a.length - 1]!;
  const first = b[0]!;
  if (identChar.test(last) && (identChar.test(first) || first === '"' || first === "'")) return true;
  // pp-numbers absorb `.`, and signs after an exponent letter (6.4.8).
  if (/^\.?[0-9]/.test(a) && (first === '.' || ((first === '+' || first === '-') && /[eEpP]$/.test(a)))) return true;
  if (last === '.' && /[0-9]/.test(first)) return true;
  return pastingPairs.has(last + first);
}

/**
 * `mainFile` names the translation unit's file. `includes` (the
 * preprocessor's IncludeEvents for this token list) give the include
 * structure exactly; without them it is inferred from the tokens' files,
 * which misses a header that includes another before any token of its own.
 */
export function printPreprocessed(tokens: readonly CToken[], mainFile?: string, includes: readonly IncludeEvent[] = []): string {
  const out: string[] = [];
  const last = tokens[tokens.length - 1];
  const main = mainFile ?? (last !== undefined ? rootLoc(last.loc).file : null);
  /** The files being read, outermost first, each with the line after its #include (where reading resumes). */
  const fileStack: { name: string; resumeLine: number }[] = [];
  let file: string | null = null;
  /** The source line the output is on, and whether anything has been printed on it yet. */
  let line = 0;
  let atLineStart = true;
  let prev = '';
  const marker = (at: number, name: string, flag: string) => {
    out.push(`${atLineStart ? '' : '\n'}# ${at} "${name}"${flag}\n`);
    file = name;
    line = at;
    atLineStart = true;
  };
  if (main !== null) {
    fileStack.push({ name: main, resumeLine: 0 });
    marker(1, main, '');
  }
  let nextEvent = 0;
  const playEvents = (upTo: number) => {
    for (; nextEvent < includes.length && includes[nextEvent]!.at <= upTo; nextEvent++) {
      const e = includes[nextEvent]!;
      if (e.kind === 'enter') {
        fileStack.push({ name: e.path, resumeLine: e.includedAtLine + 1 });
        marker(1, e.path, ' 1');
      } else if (fileStack.length > 1) {
        const left = fileStack.pop()!;
        marker(left.resumeLine, fileStack[fileStack.length - 1]!.name, ' 2');
      }
    }
  };
  tokens.forEach((tok, index) => {
    playEvents(index);
    const t = tok as PpToken;
    const where = rootLoc(t.loc);
    if (where.file !== file) {
      let flag = '';
      const back = fileStack.map((f) => f.name).lastIndexOf(where.file);
      if (includes.length > 0 || file === null) {
        // The include structure is known exactly (this is a #line rename or a macro from another file): only say where we are.
      } else if (back >= 0) {
        fileStack.length = back + 1;
        flag = ' 2';
      } else {
        fileStack.push({ name: where.file, resumeLine: line + 1 });
        flag = ' 1';
      }
      marker(where.line, where.file, flag);
    } else if (where.line > line) {
      const gap = where.line - line;
      if (gap > 8) marker(where.line, where.file, '');
      else {
        out.push('\n'.repeat(gap));
        line = where.line;
        atLineStart = true;
      }
    }
    if (atLineStart) {
      // Indent the first token of a line as its column says, like gcc, so the output reads like the source.
      if (where.col > 1 && t.loc.expandedFrom === undefined) out.push(' '.repeat(Math.min(where.col - 1, 80)));
    } else if (t.hasSpace || t.atLineStart || needsSpace(prev, t.image)) out.push(' ');
    out.push(t.image);
    prev = t.image;
    atLineStart = false;
  });
  playEvents(tokens.length);
  if (!atLineStart) out.push('\n');
  return out.join('');
}
