// Macro definitions: the `Macro` value and parsing a `#define` line into one
// (C11 6.10.3).
//
// Input: the tokens of a `#define` line after the directive name. Output: a
// `Macro`, or null after reporting the error to the sink. Invariants of a
// returned macro: `##` is never first or last in the body (6.10.3.3p1); in a
// function-like macro every `#` is followed by a parameter (6.10.3.2p1);
// `paramIndex[i]` is the parameter index of body[i], or -1.

import type { DiagnosticSink } from '../../diagnostics.js';
import { cloneToken, isIdentifierLike, type PpToken } from '../lex/lexer.js';
import { Comma, Ellipsis, Hash, HashHash, LParen, RParen } from '../lex/tokens.js';

export interface Macro {
  readonly name: string;
  readonly isFunctionLike: boolean;
  /** Parameter names; a variadic macro's last one is `__VA_ARGS__` (or the GNU name in `args...`). */
  readonly params: readonly string[];
  readonly isVariadic: boolean;
  readonly body: readonly PpToken[];
  /** For each body token, the index of the parameter it names, or -1. */
  readonly paramIndex: readonly number[];
  /** Body has `#`, `##` or `__VA_OPT__`, so substitution needs the slow path. */
  readonly hasOperators: boolean;
  /** The macro name token in its `#define` (for "previous definition" notes). */
  readonly defined: PpToken | null;
  /** Set for the macros whose value the preprocessor computes at each use (6.10.8.1: __FILE__, __LINE__, …). */
  readonly dynamic?: DynamicMacro;
}

/** Macros computed at their use, and the operators that look like macros (`_Pragma`, `__has_include`). */
export type DynamicMacro =
  | 'file' | 'line' | 'counter' | 'date' | 'time' | 'base-file' | 'include-level'
  | 'pragma' | 'has-include' | 'has-include-next' | 'has-feature';

export function dynamicMacro(name: string, dynamic: DynamicMacro): Macro {
  return { name, isFunctionLike: false, params: [], isVariadic: false, body: [], paramIndex: [], hasOperators: false, defined: null, dynamic };
}

/** Names a `#define` may not define: `defined` is an operator in `#if` (6.10.1p1, 6.10.8p2). */
const reservedNames = new Set(['defined', '__has_include', '__has_include_next']);

/** Parses `NAME body…` or `NAME(params) body…` from a `#define` line. */
export function parseDefine(tokens: readonly PpToken[], directiveTok: PpToken, sink: DiagnosticSink): Macro | null {
  const nameTok = tokens[0];
  if (nameTok === undefined) {
    sink.error(directiveTok.loc, 'no macro name given in #define directive');
    return null;
  }
  if (!isIdentifierLike(nameTok)) {
    sink.error(nameTok.loc, 'macro names must be identifiers');
    return null;
  }
  const name = nameTok.image;
  if (reservedNames.has(name)) {
    sink.error(nameTok.loc, `'${name}' cannot be used as a macro name`);
    return null;
  }
  let i = 1;
  const params: string[] = [];
  let isVariadic = false;
  const isFunctionLike = tokens[1] !== undefined && tokens[1].tokenType === LParen && !tokens[1].hasSpace;
  if (isFunctionLike) {
    i = 2;
    let expectParam = true;
    for (;;) {
      const t = tokens[i++];
      if (t === undefined) {
        sink.error(nameTok.loc, "missing ')' in macro parameter list");
        return null;
      }
      if (t.tokenType === RParen && (!expectParam || params.length === 0)) break;
      if (expectParam) {
        if (t.tokenType === Ellipsis) {
          params.push('__VA_ARGS__');
          isVariadic = true;
          if (tokens[i]?.tokenType !== RParen) {
            sink.error(t.loc, "missing ')' after \"...\"");
            return null;
          }
          i++;
          break;
        }
        if (!isIdentifierLike(t)) {
          sink.error(t.loc, `expected parameter name, found "${t.image}"`);
          return null;
        }
        if (params.includes(t.image)) {
          sink.error(t.loc, `duplicate macro parameter "${t.image}"`);
          return null;
        }
        if (t.image === '__VA_ARGS__') {
          sink.error(t.loc, '__VA_ARGS__ can only appear in the expansion of a C99 variadic macro');
          return null;
        }
        params.push(t.image);
        // GNU named variadic parameter: `args...`.
        if (tokens[i]?.tokenType === Ellipsis) {
          isVariadic = true;
          i++;
          if (tokens[i]?.tokenType !== RParen) {
            sink.error(tokens[i - 1]!.loc, "missing ')' after \"...\"");
            return null;
          }
          i++;
          break;
        }
        expectParam = false;
      } else {
        if (t.tokenType !== Comma) {
          sink.error(t.loc, `expected ',' or ')', found "${t.image}"`);
          return null;
        }
        expectParam = true;
      }
    }
  } else if (tokens[1] !== undefined && !tokens[1].hasSpace) {
    // 6.10.3p3: an object-like macro needs white space after its name.
    sink.warning(tokens[1].loc, `missing whitespace after the macro name`);
  }
  // Copies marked as definition tokens; the first has no leading space (6.10.3p7 strips it).
  const body = tokens.slice(i).map((t, k) => cloneToken(t, t.loc, false, k > 0 && t.hasSpace, true));
  const paramIndex = body.map((t) => (isFunctionLike && isIdentifierLike(t) ? params.indexOf(t.image) : -1));
  let hasOperators = false;
  for (let k = 0; k < body.length; k++) {
    const t = body[k]!;
    if (t.tokenType === HashHash) {
      hasOperators = true;
      if (k === 0 || k === body.length - 1) {
        sink.error(t.loc, "'##' cannot appear at either end of a macro expansion");
        return null;
      }
    } else if (t.tokenType === Hash && isFunctionLike) {
      hasOperators = true;
      const next = body[k + 1];
      if (next === undefined || (paramIndex[k + 1] === -1 && !(isVariadic && next.image === '__VA_OPT__'))) {
        sink.error(t.loc, "'#' is not followed by a macro parameter");
        return null;
      }
    } else if (t.image === '__VA_OPT__') {
      if (!isVariadic) {
        // Outside a variadic macro it is an ordinary identifier (C23 6.10.5.1p1 reserves it for variadic macros; gcc warns).
        sink.warning(t.loc, '__VA_OPT__ can only appear in the expansion of a C2X variadic macro');
        continue;
      }
      if (body[k + 1]?.tokenType !== LParen) {
        sink.error(t.loc, '__VA_OPT__ must be followed by an open parenthesis');
        return null;
      }
      let depth = 0;
      let close = -1;
      for (let j = k + 1; j < body.length && close < 0; j++) {
        if (body[j]!.tokenType === LParen) depth++;
        else if (body[j]!.tokenType === RParen && --depth === 0) close = j;
        else if (body[j]!.image === '__VA_OPT__') {
          sink.error(body[j]!.loc, '__VA_OPT__ may not appear in a __VA_OPT__ operand');
          return null;
        }
      }
      if (close < 0) {
        sink.error(t.loc, 'unterminated __VA_OPT__');
        return null;
      }
      hasOperators = true;
    } else if (t.image === '__VA_ARGS__' && !(isVariadic && params[params.length - 1] === '__VA_ARGS__')) {
      sink.warning(t.loc, '__VA_ARGS__ can only appear in the expansion of a C99 variadic macro');
    }
  }
  return { name, isFunctionLike, params, isVariadic, body, paramIndex, hasOperators, defined: nameTok };
}

/** 6.10.3p2: a redefinition must have the same parameters and the same body, white space compared as present/absent. */
export function isSameDefinition(a: Macro, b: Macro): boolean {
  if (a.isFunctionLike !== b.isFunctionLike || a.isVariadic !== b.isVariadic) return false;
  if (a.params.length !== b.params.length || a.params.some((p, i) => p !== b.params[i])) return false;
  if (a.body.length !== b.body.length) return false;
  for (let i = 0; i < a.body.length; i++) {
    const x = a.body[i]!;
    const y = b.body[i]!;
    if (x.image !== y.image) return false;
    if (i > 0 && (x.hasSpace || x.atLineStart) !== (y.hasSpace || y.atLineStart)) return false;
  }
  return true;
}

/** `#define` text of a macro, as `-dM` prints it. */
export function printMacroDefinition(m: Macro): string {
  let head = m.name;
  if (m.isFunctionLike) {
    const ps = m.params.map((p, i) => (m.isVariadic && i === m.params.length - 1 ? (p === '__VA_ARGS__' ? '...' : p + '...') : p));
    head += `(${ps.join(',')})`;
  }
  let body = '';
  m.body.forEach((t, i) => {
    if (i > 0 && (t.hasSpace || t.atLineStart)) body += ' ';
    body += t.image;
  });
  return `#define ${head} ${body}`.trimEnd() === `#define ${head}` ? `#define ${head} ` : `#define ${head} ${body}`;
}
