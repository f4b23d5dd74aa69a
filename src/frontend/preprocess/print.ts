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
import { rootLoc } from './preprocessor.js';

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
 * `mainFile` names the translation unit's file, so a leading include gets
 * flag 1; by default it is the file of the last token, which is the main
 * file unless the main file ends inside an include.
 */
export function printPreprocessed(tokens: readonly CToken[], mainFile?: string): string {
  const out: string[] = [];
  const last = tokens[tokens.length - 1];
  const main = mainFile ?? (last !== undefined ? rootLoc(last.loc).file : null);
  const fileStack: string[] = [];
  let file: string | null = null;
  let line = 0;
  let prev: string | null = null;
  if (main !== null) {
    out.push(`# 1 "${main}"`);
    fileStack.push(main);
    file = main;
    line = 1;
  }
  for (const tok of tokens) {
    const t = tok as PpToken;
    const where = rootLoc(t.loc);
    if (where.file !== file) {
      let flag = '';
      const back = fileStack.lastIndexOf(where.file);
      if (file !== null) {
        if (back >= 0) {
          fileStack.length = back + 1;
          flag = ' 2';
        } else {
          fileStack.push(where.file);
          flag = ' 1';
        }
      } else fileStack.push(where.file);
      out.push(`\n# ${where.line} "${where.file}"${flag}\n`);
      file = where.file;
      line = where.line;
      prev = null;
    } else if (where.line > line || prev === null) {
      const gap = where.line - line;
      if (gap > 8) out.push(`\n# ${where.line} "${where.file}"\n`);
      else out.push('\n'.repeat(Math.max(gap, 1)));
      line = where.line;
      prev = null;
    }
    if (prev === null) {
      // Indent the first token of a line as its column says, like gcc, so the output reads like the source.
      if (where.col > 1 && t.loc.expandedFrom === undefined) out.push(' '.repeat(Math.min(where.col - 1, 80)));
    } else if (t.hasSpace || t.atLineStart || needsSpace(prev, t.image)) out.push(' ');
    out.push(t.image);
    prev = t.image;
  }
  if (out.length > 0) out.push('\n');
  return out.join('');
}
