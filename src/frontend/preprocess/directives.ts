// Preprocessing directives (C11 6.10.1–6.10.9 and the GNU ones glibc uses).
//
// Input: the preprocessor and the file frame positioned just after a `#` at
// a line start. Effect: the directive is run and the
// frame is left at the line's Newline (or, after a false condition, at the
// next `#elif`/`#else`/`#endif` of the same conditional).
//
// An error in a directive is reported and the line skipped; it never stops
// the file. Groups that are skipped are scanned for conditional directives
// only (6.10.1p6): nothing else in them is looked at, so apostrophes in
// `#if 0` prose are harmless.

import { posix } from 'node:path';
import type { SourceLoc } from '../../diagnostics.js';
import { note } from '../../diagnostics.js';
import { isIdentifierLike, type PpToken } from '../lex/lexer.js';
import { Bang, Hash, LParen, Newline, Number as NumberToken, RParen, StringLiteral } from '../lex/tokens.js';
import { LIMIT_FLAGS } from '../options.js';
import { evaluateIfExpression } from './if-expr.js';
import { tooLarge } from './read-file.js';
import { isSameDefinition, parseDefine } from './macro.js';
import { headerName, type Conditional, type FileFrame, type Preprocessor } from './preprocessor.js';

export function runDirective(pp: Preprocessor, f: FileFrame): void {
  const line = pp.takeLine(f);
  const nameTok = line[0];
  if (nameTok === undefined) return; // the null directive (6.10.7)
  const rest = line.slice(1);
  if (nameTok.tokenType === NumberToken) {
    // GNU line marker `# 33 "file" flags`, as -E output contains.
    lineDirective(pp, f, nameTok, line);
    return;
  }
  switch (nameTok.image) {
    case 'define': return defineDirective(pp, rest, nameTok);
    case 'undef': return undefDirective(pp, rest, nameTok);
    case 'include': return includeDirective(pp, f, nameTok, rest, false, false);
    case 'include_next':
      if (pp.includeDepth <= 1) pp.sink.warning(nameTok.loc, '#include_next in primary source file');
      return includeDirective(pp, f, nameTok, rest, pp.includeDepth > 1, false);
    case 'import': return includeDirective(pp, f, nameTok, rest, false, true);
    case 'if': return ifDirective(pp, f, nameTok, rest);
    case 'ifdef':
    case 'ifndef': return ifdefDirective(pp, f, nameTok, rest);
    case 'elif':
    case 'elifdef':
    case 'elifndef': return elifDirective(pp, f, nameTok, rest);
    case 'else': return elseDirective(pp, f, nameTok, rest);
    case 'endif': return endifDirective(pp, f, nameTok, rest);
    case 'line': return lineDirective(pp, f, nameTok, pp.expandArg(rest));
    case 'error': pp.sink.error(nameTok.loc, `#error ${spell(rest)}`.trimEnd()); return;
    case 'warning': pp.sink.warning(nameTok.loc, `#warning ${spell(rest)}`.trimEnd(), [], 'cpp'); return;
    case 'pragma': return runPragma(pp, rest, nameTok);
    case 'ident':
    case 'sccs':
    case 'assert':
    case 'unassert':
      return; // GNU: #ident strings go to the object's .comment; assertions are obsolete
    default:
      pp.sink.error({ loc: nameTok.loc, length: nameTok.image.length }, `invalid preprocessing directive #${nameTok.image}`);
  }
}

/** Token spellings with single spaces where white space was: the text of #error and friends. */
export function spell(tokens: readonly PpToken[]): string {
  let s = '';
  tokens.forEach((t, i) => {
    if (i > 0 && (t.hasSpace || t.atLineStart)) s += ' ';
    s += t.image;
  });
  return s;
}

function extraTokens(pp: Preprocessor, rest: readonly PpToken[], directive: string): void {
  const t = rest[0];
  if (t !== undefined) pp.sink.warning(t.loc, `extra tokens at end of #${directive} directive`);
}

// ------------------------------------------------------------ macros (6.10.3, 6.10.5)

function defineDirective(pp: Preprocessor, rest: readonly PpToken[], nameTok: PpToken): void {
  const m = parseDefine(rest, nameTok, pp.sink);
  if (m === null) return;
  const old = pp.macros.get(m.name);
  if (old !== undefined) {
    if (old.dynamic !== undefined) {
      pp.sink.warning(m.defined!.loc, `redefining builtin macro '${m.name}'`);
    } else if (!isSameDefinition(old, m)) {
      const notes = old.defined !== null ? [note(old.defined.loc, 'this is the location of the previous definition')] : [];
      pp.sink.warning({ loc: m.defined!.loc, length: m.name.length }, `'${m.name}' redefined`, notes);
    }
  }
  pp.macros.set(m.name, m);
}

function undefDirective(pp: Preprocessor, rest: readonly PpToken[], nameTok: PpToken): void {
  const t = rest[0];
  if (t === undefined) {
    pp.sink.error(nameTok.loc, 'no macro name given in #undef directive');
    return;
  }
  if (!isIdentifierLike(t)) {
    pp.sink.error(t.loc, 'macro names must be identifiers');
    return;
  }
  if (t.image === 'defined') {
    pp.sink.error(t.loc, "'defined' cannot be used as a macro name");
    return;
  }
  extraTokens(pp, rest.slice(1), 'undef');
  pp.macros.delete(t.image);
}

// ------------------------------------------------------------ source file inclusion (6.10.2)

/**
 * The identity of a file for `#pragma once` and include guards: its path
 * with `.` and `..` resolved, so `./a.h`, `a.h` and `sub/../a.h` are one
 * file (gcc compares inodes; paths are what a virtual file system has).
 */
function fileKey(path: string): string {
  return posix.normalize(path);
}

function includeDirective(pp: Preprocessor, f: FileFrame, nameTok: PpToken, rest: readonly PpToken[], isNext: boolean, isImport: boolean): void {
  const directive = nameTok.image;
  // 6.10.2p4: a form other than "…" or <…> is macro-expanded and must then match one.
  const first = rest[0];
  const direct = first !== undefined && (first.tokenType === StringLiteral || first.image === '<');
  const header = headerName(direct ? rest : pp.expandArg(rest));
  if (header === null) {
    pp.sink.error(first?.loc ?? nameTok.loc, `#${directive} expects "FILENAME" or <FILENAME>`);
    return;
  }
  if (direct) extraTokens(pp, header.rest, directive);
  if (header.name === '') {
    pp.sink.error(nameTok.loc, `empty filename in #${directive}`);
    return;
  }
  const found = pp.search.find(header.name, header.isQuoted, f.path, isNext && f.dirIndex >= 0, f.dirIndex);
  const nameRange = { loc: (first ?? nameTok).loc, length: header.name.length + 2 };
  if (found === null) {
    pp.sink.error(nameRange, `'${header.name}' file not found`);
    return;
  }
  if (found.refusal !== undefined) {
    pp.sink.error(nameRange, `cannot include '${found.path}': ${found.refusal}`);
    return;
  }
  pp.noteInclude(found, f.path, header.name.startsWith('/'));
  const key = fileKey(found.path);
  if (pp.onceFiles.has(key)) return;
  const guard = pp.guards.get(key);
  if (guard !== undefined && pp.macros.has(guard)) return;
  if (isImport) pp.onceFiles.add(key);
  // Deeper nesting is almost surely a file including itself (gcc's limit and wording).
  const { includeDepth, includeBytes, sourceBytes } = pp.limits;
  if (pp.includeDepth >= includeDepth) {
    pp.sink.error(nameTok.loc, `#include nested depth ${pp.includeDepth} exceeds maximum of ${includeDepth} (use ${LIMIT_FLAGS.includeDepth}=DEPTH to increase the maximum)`);
    return;
  }
  // A reader other than ours (options.readFile) may hand back anything.
  if (found.text.length > sourceBytes) {
    pp.sink.error(nameRange, `cannot include '${found.path}': ${tooLarge(`${found.text.length} bytes`, sourceBytes)}`);
    return;
  }
  pp.includedBytes += found.text.length;
  if (pp.includedBytes > includeBytes) {
    pp.stop(nameTok.loc, `the files included by this translation unit exceed ${includeBytes} bytes (${LIMIT_FLAGS.includeBytes}=N raises the limit)`);
    return;
  }
  pp.pushFile(found.path, found.text, found.dirIndex, nameTok.loc.line);
}

// ------------------------------------------------------------ conditional inclusion (6.10.1)

function ifDirective(pp: Preprocessor, f: FileFrame, nameTok: PpToken, rest: readonly PpToken[]): void {
  const guardName = f.hasContent ? null : notDefinedName(rest);
  const cond: Conditional = { opener: nameTok, wasTaken: false, hasElse: false, guardName };
  f.conds.push(cond);
  enterGroup(pp, f, cond, evaluate(pp, nameTok, rest));
}

/** `X` for `!defined X` / `!defined(X)`: the other spelling of an include guard. */
function notDefinedName(rest: readonly PpToken[]): string | null {
  if (rest[0]?.tokenType !== Bang || rest[1]?.image !== 'defined') return null;
  const r = rest.slice(2);
  if (r.length === 1 && isIdentifierLike(r[0]!)) return r[0]!.image;
  if (r.length === 3 && r[0]!.tokenType === LParen && isIdentifierLike(r[1]!) && r[2]!.tokenType === RParen) return r[1]!.image;
  return null;
}

function ifdefDirective(pp: Preprocessor, f: FileFrame, nameTok: PpToken, rest: readonly PpToken[]): void {
  const isNot = nameTok.image === 'ifndef';
  const name = macroNameOperand(pp, nameTok, rest);
  const guardName = isNot && !f.hasContent && name !== null ? name : null;
  const cond: Conditional = { opener: nameTok, wasTaken: false, hasElse: false, guardName };
  f.conds.push(cond);
  enterGroup(pp, f, cond, name === null ? false : pp.macros.has(name) !== isNot);
}

function macroNameOperand(pp: Preprocessor, nameTok: PpToken, rest: readonly PpToken[]): string | null {
  const t = rest[0];
  if (t === undefined) {
    pp.sink.error(nameTok.loc, `no macro name given in #${nameTok.image} directive`);
    return null;
  }
  if (!isIdentifierLike(t)) {
    pp.sink.error(t.loc, 'macro names must be identifiers');
    return null;
  }
  extraTokens(pp, rest.slice(1), nameTok.image);
  return t.image;
}

function evaluate(pp: Preprocessor, nameTok: PpToken, rest: readonly PpToken[]): boolean {
  const expanded = pp.expandIfLine(rest);
  return evaluateIfExpression(expanded, nameTok, pp.sink, pp.isCharSigned) ?? false;
}

function elifDirective(pp: Preprocessor, f: FileFrame, nameTok: PpToken, rest: readonly PpToken[]): void {
  const cond = f.conds[f.conds.length - 1];
  if (cond === undefined) {
    pp.sink.error(nameTok.loc, `#${nameTok.image} without #if`);
    return;
  }
  if (cond.hasElse) pp.sink.error(nameTok.loc, `#${nameTok.image} after #else`);
  cond.guardName = null;
  if (cond.wasTaken) {
    skipGroup(pp, f);
    return;
  }
  let isTrue: boolean;
  if (nameTok.image === 'elif') isTrue = evaluate(pp, nameTok, rest);
  else {
    const name = macroNameOperand(pp, nameTok, rest);
    isTrue = name === null ? false : pp.macros.has(name) !== (nameTok.image === 'elifndef');
  }
  enterGroup(pp, f, cond, isTrue);
}

function elseDirective(pp: Preprocessor, f: FileFrame, nameTok: PpToken, rest: readonly PpToken[]): void {
  const cond = f.conds[f.conds.length - 1];
  if (cond === undefined) {
    pp.sink.error(nameTok.loc, '#else without #if');
    return;
  }
  if (cond.hasElse) pp.sink.error(nameTok.loc, '#else after #else');
  extraTokens(pp, rest, 'else');
  cond.hasElse = true;
  cond.guardName = null;
  enterGroup(pp, f, cond, !cond.wasTaken);
}

function endifDirective(pp: Preprocessor, f: FileFrame, nameTok: PpToken, rest: readonly PpToken[]): void {
  const cond = f.conds.pop();
  if (cond === undefined) {
    pp.sink.error(nameTok.loc, '#endif without #if');
    return;
  }
  extraTokens(pp, rest, 'endif');
  if (cond.guardName !== null && f.conds.length === 0 && isRestEmpty(f)) pp.guards.set(fileKey(f.path), cond.guardName);
}

function isRestEmpty(f: FileFrame): boolean {
  for (let i = f.pos; i < f.tokens.length; i++) if (f.tokens[i]!.tokenType !== Newline) return false;
  return true;
}

function enterGroup(pp: Preprocessor, f: FileFrame, cond: Conditional, isTrue: boolean): void {
  if (isTrue) cond.wasTaken = true;
  else skipGroup(pp, f);
}

/**
 * Skips a false group: advances to the `#` of the next `#elif`/`#else`/
 * `#endif` of the same conditional (nested conditionals are skipped whole),
 * or to the end of the file (where the unterminated #if is reported).
 */
function skipGroup(_pp: Preprocessor, f: FileFrame): void {
  const toks = f.tokens;
  let depth = 0;
  let i = f.pos;
  while (i < toks.length) {
    const t = toks[i]!;
    if (t.atLineStart && t.tokenType === Hash) {
      const d = toks[i + 1];
      if (d !== undefined && d.tokenType !== Newline) {
        const name = d.image;
        if (name === 'if' || name === 'ifdef' || name === 'ifndef') depth++;
        else if (name === 'endif') {
          if (depth === 0) {
            f.pos = i;
            return;
          }
          depth--;
        } else if (depth === 0 && (name === 'else' || name === 'elif' || name === 'elifdef' || name === 'elifndef')) {
          f.pos = i;
          return;
        }
      }
    }
    i++;
  }
  f.pos = toks.length;
}

// ------------------------------------------------------------ line control (6.10.4)

function lineDirective(pp: Preprocessor, f: FileFrame, nameTok: PpToken, tokens: readonly PpToken[]): void {
  const num = tokens[0];
  if (num === undefined || num.tokenType !== NumberToken || !/^[0-9]+$/.test(num.image)) {
    pp.sink.error((num ?? nameTok).loc, `"${num?.image ?? ''}" after #line is not a positive integer`);
    return;
  }
  const file = tokens[1];
  if (file !== undefined) {
    if (file.tokenType !== StringLiteral || !file.image.startsWith('"')) {
      pp.sink.error(file.loc, `invalid filename "${file.image}"`);
      return;
    }
    f.presumedName = file.image.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  // The line after this directive gets the number (6.10.4p3).
  const newline = f.tokens[f.pos];
  const physicalNext = (newline?.loc.line ?? num.loc.line) + 1;
  f.lineDelta = Number(num.image) - physicalNext;
}

// ------------------------------------------------------------ pragmas (6.10.6, 6.10.9)

/** Runs a pragma's tokens (from `#pragma` or `_Pragma`); unknown pragmas are ignored (6.10.6p1). */
export function runPragma(pp: Preprocessor, tokens: readonly PpToken[], at: PpToken): void {
  const [a, b] = tokens;
  if (a === undefined) return;
  if (a.image === 'once') {
    const f = pp.currentFile();
    if (f !== null) pp.onceFiles.add(fileKey(f.path));
    return;
  }
  if (a.image === 'push_macro' || a.image === 'pop_macro') {
    const name = tokens[2]?.tokenType === StringLiteral ? tokens[2].image.slice(1, -1) : null;
    if (b?.tokenType !== LParen || name === null) {
      pp.sink.warning(a.loc, `invalid #pragma ${a.image} directive`);
      return;
    }
    if (a.image === 'push_macro') {
      const stack = pp.pushedMacros.get(name) ?? [];
      stack.push(pp.macros.get(name));
      pp.pushedMacros.set(name, stack);
    } else {
      const stack = pp.pushedMacros.get(name);
      if (stack === undefined || stack.length === 0) return;
      const m = stack.pop();
      if (m === undefined) pp.macros.delete(name);
      else pp.macros.set(name, m);
    }
    return;
  }
  if (a.image === 'GCC' && b !== undefined && (b.image === 'warning' || b.image === 'error')) {
    const msg = tokens[2]?.tokenType === StringLiteral ? tokens[2].image.slice(1, -1) : spell(tokens.slice(2));
    const loc: SourceLoc = at.loc;
    if (b.image === 'warning') pp.sink.warning(loc, msg);
    else pp.sink.error(loc, msg);
  }
  // Everything else (`GCC system_header`, `STDC …`, `pack`, `GCC diagnostic`, …) does not change the token stream.
}
