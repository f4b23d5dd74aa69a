// The preprocessor's engine: reads tokens from a stack of frames (files and
// macro expansions), runs directives, and expands macros (C11 6.10, 6.10.3.4).
//
// Input: lexed files (through `IncludeSearch`) and options. Output: the
// token stream of translation phase 4, without Newline tokens.
//
// Frames: a file frame is a lexed file being read line by line; a macro
// frame holds an expansion being rescanned; a barrier frame holds one macro
// argument being expanded on its own (6.10.3.1p1) and reads as end of input
// when exhausted. Reading pops exhausted macro frames only, so a
// function-like macro name at the end of an expansion can still find its `(`
// in what follows (6.10.3.4p1), but never past the end of a file or an
// argument.
//
// Blue paint (6.10.3.4p2) works as in gcc and clang: a macro is disabled
// while its macro frame is on the stack (it is being rescanned); an
// identifier naming a disabled macro is marked `noExpand` when read, and
// stays unexpandable wherever it travels. A frame is popped (re-enabling its
// macro) only when a read finds it exhausted, so `f(2)(9)` with
// `#define f(a) a*g` and `#define g(a) f(a)` gives `2*9*g`, and deferred
// expansion idioms (`EVAL(REPEAT(…))`) recurse as they do with gcc.
// Directives are found only in file frames, at line starts (6.10p2).

import { checkDeadline } from '../../deadline.js';
import { note, type DiagnosticSink, type SourceLoc, type SourceMap } from '../../diagnostics.js';
import { cloneToken, isIdentifierLike, lexPpTokens, makeToken, type LexResult, type PpToken } from '../lex/lexer.js';
import { Comma, Greater, Hash, Identifier, LParen, Less, Newline, Number as NumberToken, RParen, StringLiteral } from '../lex/tokens.js';
import { DEFAULT_LIMITS, type FrontendOptions, LIMIT_FLAGS, type PreprocessLimits } from '../options.js';
import { IncludeSearch, type FoundFile } from './include-search.js';
import { tooLarge } from './read-file.js';
import { dynamicMacro, type DynamicMacro, type Macro } from './macro.js';
import { MacroTable } from './macro-table.js';
import { substitute, type MacroArg } from './substitute.js';
import { runDirective, runPragma } from './directives.js';
import { timed } from '../../time-report.js';
import { answerHasQuery } from './has-feature.js';

export interface Conditional {
  /** The `#if`/`#ifdef`/`#ifndef` token's directive name, for "unterminated" errors. */
  readonly opener: PpToken;
  /** Some group of this conditional has been taken (later `#elif`/`#else` groups are skipped). */
  wasTaken: boolean;
  hasElse: boolean;
  /** `X` when this is a file-wide `#ifndef X` include guard candidate. */
  guardName: string | null;
}

export interface FileFrame {
  readonly kind: 'file';
  readonly tokens: readonly PpToken[];
  pos: number;
  readonly path: string;
  /** Where the file was found in the include search list (for #include_next). */
  readonly dirIndex: number;
  /** After `#line`: the presumed file name and the line offset (6.10.4). */
  presumedName: string;
  lineDelta: number;
  readonly conds: Conditional[];
  /** Anything but Newlines seen yet (include guard detection: the #ifndef must come first). */
  hasContent: boolean;
  /** For a file entered by #include: the line of that directive in the includer; null for a file `run` started. */
  readonly includedAtLine: number | null;
}

/**
 * A file entered by #include or left at its end, at position `at` of the
 * token list `run` returns: -E prints its line markers from these, since a
 * header may contribute no token of its own before it includes another.
 */
export type IncludeEvent =
  | { readonly kind: 'enter'; readonly at: number; readonly path: string; readonly includedAtLine: number }
  | { readonly kind: 'leave'; readonly at: number };

interface TokenFrame {
  readonly kind: 'macro' | 'barrier';
  readonly tokens: readonly PpToken[];
  pos: number;
  /** The macro whose replacement this is (disabled while the frame is live); null for pushed-back tokens. */
  readonly macro: string | null;
}

type Frame = FileFrame | TokenFrame;

/** See `Preprocessor.saveState`. Macros are immutable values, so states share them. */
export interface PreprocessorState {
  readonly macros: ReadonlyMap<string, Macro>;
  readonly onceFiles: ReadonlySet<string>;
  readonly guards: ReadonlyMap<string, string>;
  readonly counter: number;
}

/** Lexed files by path, reused while the text is unchanged (headers are read by every compile). */
const lexCache = new Map<string, { text: string; result: LexResult }>();

/** Bound on cached files, so a long-lived process compiling many distinct virtual files does not grow without limit. */
const lexCacheLimit = 4000;

/**
 * Larger files are not cached: their tokens take about twenty times their
 * text (a 12 MB file of numbers, 1 GB), which the cache would pin after
 * the compile, and lexing them again costs little next to compiling them.
 */
const lexCacheMaxText = 1 << 20;

function lexCached(path: string, text: string): LexResult {
  const hit = lexCache.get(path);
  if (hit !== undefined && hit.text === text) return hit.result;
  const result = timed('lex', () => lexPpTokens(path, text));
  lexCache.delete(path);
  if (text.length > lexCacheMaxText) return result;
  if (lexCache.size >= lexCacheLimit) lexCache.delete(lexCache.keys().next().value!);
  lexCache.set(path, { text, result });
  return result;
}

/**
 * Nesting limit for macro calls inside macro arguments. C11 5.2.4.1 asks for
 * 63 levels of nested parentheses; each level costs several JS stack frames,
 * so this stays well inside Node's default stack.
 */
const maxArgNesting = 256;

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export class Preprocessor {
  readonly macros = new MacroTable();
  readonly search: IncludeSearch;
  /** Files with `#pragma once`, and files whose include guard macro is known. */
  readonly onceFiles = new Set<string>();
  readonly guards = new Map<string, string>();
  /** `#pragma push_macro` stacks. */
  readonly pushedMacros = new Map<string, (Macro | undefined)[]>();
  private readonly frames: Frame[] = [];
  /** Macros being rescanned: exactly those with a live macro frame (6.10.3.4p2). */
  private readonly disabled = new Set<string>();
  private fileDepth = 0;
  private counter = 0;
  /** How many macro argument expansions are in progress (each is a JS recursion level). */
  private argDepth = 0;
  private hasReportedDeepNesting = false;
  /** Tokens macro expansion has produced so far (the expansionTokens limit). */
  private expandedTokens = 0;
  /** Tokens the current outermost macro use has produced so far (the expansionTokensPerUse limit). */
  private useTokens = 0;
  /** Bytes of the files #included so far (the includeBytes limit). */
  includedBytes = 0;
  /** Counts down to the next deadline checkpoint (tick). */
  private ticksToCheck = 4096;
  /** A limit was hit: nothing more is read (stop). */
  isStopped = false;
  readonly limits: PreprocessLimits;
  /** True while expanding an `#if` line: `defined` and `__has_include` are operators then. */
  private isInIf = false;
  private readonly now = new Date();
  /** The main file's name, for __BASE_FILE__; set by the driver before the main file runs. */
  baseFile = '';
  /** Include structure of every `run`, in order (IncludeEvent). */
  readonly includeEvents: IncludeEvent[] = [];
  /** The token list the innermost `run` is filling: IncludeEvent positions index into it. */
  private runOutput: PpToken[] = [];
  /** Headers that are system headers (found in a system directory, or included by one from its own directory). */
  private readonly systemFiles = new Set<string>();
  /** Files already reported through `opts.onInclude`. */
  private readonly reportedIncludes = new Set<string>();
  /** Files already given to `sources` (a header included twice is split into lines once). */
  private readonly filesInSources = new Set<string>();

  constructor(
    readonly opts: FrontendOptions,
    readonly sink: DiagnosticSink,
    readonly sources: SourceMap,
  ) {
    this.search = new IncludeSearch(opts);
    this.limits = opts.limits ?? DEFAULT_LIMITS;
    const dynamic: [string, DynamicMacro][] = [
      ['__FILE__', 'file'], ['__LINE__', 'line'], ['__COUNTER__', 'counter'], ['__DATE__', 'date'], ['__TIME__', 'time'],
      ['__BASE_FILE__', 'base-file'], ['__INCLUDE_LEVEL__', 'include-level'], ['_Pragma', 'pragma'],
      ['__has_include', 'has-include'], ['__has_include_next', 'has-include-next'],
      ['__has_attribute', 'has-feature'], ['__has_builtin', 'has-feature'], ['__has_feature', 'has-feature'],
      ['__has_extension', 'has-feature'], ['__has_c_attribute', 'has-feature'], ['__has_cpp_attribute', 'has-feature'],
      ['__has_declspec_attribute', 'has-feature'],
    ];
    for (const [name, kind] of dynamic) this.macros.set(name, dynamicMacro(name, kind));
  }

  /**
   * What the preprocessor knows between files, when nothing is in progress
   * (no file or expansion open, no #pragma push_macro stack, no include
   * seen): a translation unit that starts from the same prelude can start
   * from this instead of running it again (preprocess.ts). Null otherwise.
   */
  saveState(): PreprocessorState | null {
    if (this.frames.length > 0 || this.pushedMacros.size > 0 || this.includeEvents.length > 0) return null;
    return { macros: this.macros.snapshot(), onceFiles: new Set(this.onceFiles), guards: new Map(this.guards), counter: this.counter };
  }

  /** Starts from a saved state; `files` are the files its prelude read, for diagnostics that quote them. */
  restoreState(state: PreprocessorState, files: readonly { readonly path: string; readonly text: string }[]): void {
    this.macros.startFrom(state.macros);
    for (const f of state.onceFiles) this.onceFiles.add(f);
    for (const [file, guard] of state.guards) this.guards.set(file, guard);
    this.counter = state.counter;
    for (const f of files) {
      this.filesInSources.add(f.path);
      this.sources.add(f.path, f.text);
    }
  }

  get isCharSigned(): boolean {
    return this.opts.target !== 'aarch64';
  }

  // ------------------------------------------------------------ driving

  /**
   * Records that `#include` (or the driver) opened `found`, deciding whether
   * it is a system header, and tells `opts.onInclude` the first time.
   */
  noteInclude(found: { readonly path: string; readonly dirIndex: number }, includerPath: string, isAbsolute: boolean): void {
    const isSystem = found.dirIndex >= this.search.firstSystem || (found.dirIndex === -1 && !isAbsolute && this.systemFiles.has(includerPath));
    if (isSystem) this.systemFiles.add(found.path);
    if (this.reportedIncludes.has(found.path)) return;
    this.reportedIncludes.add(found.path);
    this.opts.onInclude?.(found.path, isSystem);
  }

  /**
   * Preprocesses a whole file (and what it includes); returns the tokens, or
   * runs it for its macros only. `forced` files (-include) are read first,
   * as if the file's first line included them.
   */
  run(path: string, text: string, dirIndex = -1, forced: readonly FoundFile[] = []): PpToken[] {
    const out: PpToken[] = [];
    const outerOutput = this.runOutput;
    this.runOutput = out;
    const bottom = this.frames.length;
    this.pushFile(path, text, dirIndex);
    for (let i = forced.length - 1; i >= 0; i--) this.pushFile(forced[i]!.path, forced[i]!.text, forced[i]!.dirIndex, 1);
    for (;;) {
      const t = this.next();
      if (t !== null) {
        out.push(t);
        this.tick();
        continue;
      }
      this.popFile();
      if (this.frames.length <= bottom) break;
    }
    this.runOutput = outerOutput;
    return out;
  }

  /** Enters a file; `includedAtLine` is the line of the #include that names it (null when `run` starts it). */
  pushFile(path: string, text: string, dirIndex: number, includedAtLine: number | null = null): void {
    if (this.isStopped) return;
    if (text.length > this.limits.sourceBytes && !path.startsWith('<')) {
      // The main file (an included one was checked before it was read; <built-in> is ours).
      this.stop({ file: path, line: 1, col: 1 }, tooLarge(`${text.length} bytes`, this.limits.sourceBytes));
      return;
    }
    const { tokens, errors } = lexCached(path, text);
    if (!this.filesInSources.has(path)) {
      this.filesInSources.add(path);
      this.sources.add(path, text);
    }
    for (const e of errors) this.sink.error({ loc: e.loc, length: e.length }, e.message);
    this.frames.push({ kind: 'file', tokens, pos: 0, path, dirIndex, presumedName: path, lineDelta: 0, conds: [], hasContent: false, includedAtLine });
    this.fileDepth++;
    if (includedAtLine !== null) this.includeEvents.push({ kind: 'enter', at: this.runOutput.length, path, includedAtLine });
  }

  private popFile(): void {
    const f = this.frames.pop();
    if (f === undefined) return;
    if (f.kind !== 'file') {
      this.frames.push(f);
      return;
    }
    this.fileDepth--;
    if (f.includedAtLine !== null) this.includeEvents.push({ kind: 'leave', at: this.runOutput.length });
    for (const c of f.conds) this.sink.error({ loc: c.opener.loc, length: c.opener.image.length }, `unterminated #${c.opener.image}`);
  }

  /** A unit of work done: every 4096th is a deadline checkpoint (timeoutMs, signal). */
  private tick(): void {
    if (--this.ticksToCheck > 0) return;
    this.ticksToCheck = 4096;
    checkDeadline();
  }

  /** The file frame being read (the innermost one). */
  currentFile(): FileFrame | null {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i]!;
      if (f.kind === 'file') return f;
    }
    return null;
  }

  get includeDepth(): number {
    return this.fileDepth;
  }

  /**
   * Reports `message` and ends preprocessing of the translation unit: every
   * frame is dropped, so `run` returns what was produced so far and the
   * sink holds the error. For limits, past which continuing is the danger.
   */
  stop(loc: SourceLoc, message: string): void {
    if (this.isStopped) return;
    this.isStopped = true;
    this.sink.error(loc, message);
    for (const f of this.frames) {
      f.pos = f.tokens.length;
      if (f.kind === 'file') f.conds.length = 0; // no "unterminated #if" for groups cut short
    }
  }

  // ------------------------------------------------------------ reading

  /** The next token, directives run, macros not expanded; null at the end of a file or argument. */
  read(): PpToken | null {
    for (;;) {
      const f = this.frames[this.frames.length - 1];
      if (f === undefined) return null;
      if (f.pos >= f.tokens.length) {
        if (f.kind === 'macro') {
          this.popFrame();
          continue;
        }
        return null;
      }
      const t = f.tokens[f.pos++]!;
      if (f.kind !== 'file') {
        if (this.disabled.size > 0 && !t.noExpand && this.disabled.has(t.image) && isIdentifierLike(t)) return paint(t);
        return t;
      }
      if (t.tokenType === Newline) continue;
      if (t.atLineStart && t.tokenType === Hash) {
        runDirective(this, f);
        f.hasContent = true;
        continue;
      }
      f.hasContent = true;
      if (t.lexError !== undefined) this.sink.error(t.loc, t.lexError);
      return f.lineDelta !== 0 || f.presumedName !== f.path ? relocate(f, t) : t;
    }
  }

  /** Puts a token back so the next `read` returns it. */
  private unread(t: PpToken): void {
    this.frames.push({ kind: 'macro', tokens: [t], pos: 0, macro: null });
  }

  /**
   * Starts rescanning a macro's replacement; the macro is disabled until the
   * frame is popped. Every replacement token counts against the expansion
   * limits, the translation unit's and the outermost use's; past one the
   * translation unit gets one error and preprocessing stops (a chain like
   * `#define a1 a0 a0` … `a30` would otherwise build 2^30 tokens).
   */
  private pushMacroFrame(name: string, tokens: readonly PpToken[], at: PpToken): void {
    this.expandedTokens += tokens.length;
    // No macro is being rescanned: this is the outermost expansion of a use in the file (or in an argument or a directive there).
    if (this.disabled.size === 0) this.useTokens = 0;
    this.useTokens += tokens.length;
    this.tick();
    if (this.expandedTokens > this.limits.expansionTokens) {
      this.stop(rootLoc(at.loc), `macro expansion produced more than ${this.limits.expansionTokens} tokens (${LIMIT_FLAGS.expansionTokens}=N raises the limit)`);
      return;
    }
    if (this.useTokens > this.limits.expansionTokensPerUse) {
      this.stop(rootLoc(at.loc), `this macro use expanded to more than ${this.limits.expansionTokensPerUse} tokens (${LIMIT_FLAGS.expansionTokensPerUse}=N raises the limit)`);
      return;
    }
    this.disabled.add(name);
    this.frames.push({ kind: 'macro', tokens, pos: 0, macro: name });
  }

  private popFrame(): void {
    const f = this.frames.pop();
    if (f !== undefined && f.kind === 'macro' && f.macro !== null) this.disabled.delete(f.macro);
  }

  /** Tokens of the rest of the current directive line (the file frame is positioned after the directive name). */
  takeLine(f: FileFrame): PpToken[] {
    const start = f.pos;
    let end = start;
    while (end < f.tokens.length && f.tokens[end]!.tokenType !== Newline) end++;
    f.pos = end;
    const line = f.tokens.slice(start, end);
    return f.lineDelta !== 0 || f.presumedName !== f.path ? line.map((t) => relocate(f, t)) : line;
  }

  // ------------------------------------------------------------ expanding

  /** The next fully macro-expanded token; null at the end of the current file or argument. */
  next(): PpToken | null {
    for (;;) {
      const t = this.read();
      if (t === null) return null;
      if (t.tokenType !== Identifier && !isIdentifierLike(t)) return t;
      const name = t.image;
      if (this.isInIf && name === 'defined') return this.definedOperator(t);
      if (t.noExpand) return t;
      const m = this.macros.get(name);
      if (m === undefined) return t;
      if (this.disabled.has(name)) return paint(t);
      if (m.dynamic !== undefined) {
        const r = this.expandDynamic(m.dynamic, t);
        if (r === 'keep') return t;
        if (r !== null) return r;
        continue;
      }
      if (!m.isFunctionLike) {
        this.pushMacroFrame(name, substitute(m, [], t, this), t);
        continue;
      }
      const paren = this.read();
      if (paren === null) return t;
      if (paren.tokenType !== LParen) {
        this.unread(paren);
        return t;
      }
      const call = this.collectArgs(m, t);
      if (call === null) continue;
      this.pushMacroFrame(name, substitute(m, call.args, t, this), t);
    }
  }

  /** Fully expands tokens in isolation: a macro argument (6.10.3.1p1) or a directive's operands. */
  expandArg(tokens: readonly PpToken[]): PpToken[] {
    // Arguments of arguments recurse through here; past the limit the tokens stay unexpanded.
    if (this.argDepth >= maxArgNesting) {
      if (!this.hasReportedDeepNesting && tokens[0] !== undefined) {
        this.hasReportedDeepNesting = true;
        this.sink.error(rootLoc(tokens[0].loc), `macro arguments nested more than ${maxArgNesting} levels deep`);
      }
      return [...tokens];
    }
    this.argDepth++;
    try {
      return this.expandArgInFrame(tokens);
    } finally {
      this.argDepth--;
    }
  }

  private expandArgInFrame(tokens: readonly PpToken[]): PpToken[] {
    const depth = this.frames.length;
    this.frames.push({ kind: 'barrier', tokens, pos: 0, macro: null });
    const out: PpToken[] = [];
    for (let t = this.next(); t !== null; t = this.next()) out.push(t);
    // A directive inside an argument may have pushed a file; unwind to our barrier.
    while (this.frames.length > depth) this.popFrame();
    return out;
  }

  /** Expands an `#if` line with `defined` and `__has_include` active. */
  expandIfLine(tokens: readonly PpToken[]): PpToken[] {
    const was = this.isInIf;
    this.isInIf = true;
    try {
      return this.expandArg(tokens);
    } finally {
      this.isInIf = was;
    }
  }

  /** Reads `( args )` after a function-like macro's name (6.10.3p10–12). Null after an error. */
  private collectArgs(m: Macro, nameTok: PpToken): { args: MacroArg[] } | null {
    const args: MacroArg[] = [];
    let current: PpToken[] = [];
    let depth = 0;
    const namedCount = m.isVariadic ? m.params.length - 1 : m.params.length;
    for (;;) {
      const t = this.read();
      if (t === null) {
        this.sink.error({ loc: nameTok.loc, length: nameTok.image.length }, `unterminated argument list invoking macro "${m.name}"`);
        return null;
      }
      if (t.tokenType === LParen) depth++;
      else if (t.tokenType === RParen) {
        if (depth === 0) {
          args.push({ raw: current, expanded: null });
          return this.checkArgCount(m, nameTok, args, t);
        }
        depth--;
      } else if (t.tokenType === Comma && depth === 0 && !(m.isVariadic && args.length >= namedCount)) {
        args.push({ raw: current, expanded: null });
        current = [];
        continue;
      }
      current.push(t);
    }
  }

  private checkArgCount(m: Macro, nameTok: PpToken, args: MacroArg[], rparen: PpToken): { args: MacroArg[]; rparen: PpToken } | null {
    // gcc and clang point at the closing parenthesis and show the definition in a note.
    const loc = rparen.loc;
    const defined = m.defined ? [note({ loc: m.defined.loc, length: m.name.length }, `macro "${m.name}" defined here`)] : [];
    // `F()` passes one empty argument, which is zero arguments for a macro with no parameters.
    if (m.params.length === 0 && args.length === 1 && args[0]!.raw.length === 0) return { args: [], rparen };
    if (m.isVariadic && args.length === m.params.length - 1) {
      args.push({ raw: [], expanded: [] });
      return { args, rparen };
    }
    if (args.length < m.params.length) {
      const need = m.isVariadic ? m.params.length - 1 : m.params.length;
      this.sink.error(loc, `macro "${m.name}" requires ${need} arguments, but only ${args.length} given`, defined);
      return null;
    }
    if (args.length > m.params.length) {
      this.sink.error(loc, `macro "${m.name}" passed ${args.length} arguments, but takes just ${m.params.length}`, defined);
      return null;
    }
    return { args, rparen };
  }

  /** `defined X` / `defined ( X )` in #if (6.10.1p1). */
  private definedOperator(op: PpToken): PpToken {
    let t = this.read();
    const hasParen = t !== null && t.tokenType === LParen;
    if (hasParen) t = this.read();
    if (t === null || !isIdentifierLike(t)) {
      this.sink.error(op.loc, 'operator "defined" requires an identifier');
      if (t !== null) this.unread(t);
      return this.numberToken('0', op);
    }
    if (hasParen) {
      const close = this.read();
      if (close === null || close.tokenType !== RParen) {
        this.sink.error(op.loc, 'missing \')\' after "defined"');
        if (close !== null) this.unread(close);
      }
    }
    return this.numberToken(this.macros.has(t.image) ? '1' : '0', op);
  }

  numberToken(image: string, at: PpToken): PpToken {
    return makeToken(NumberToken, image, at.startOffset, at.loc, at.hasSpace || at.atLineStart, false);
  }

  private stringToken(value: string, at: PpToken): PpToken {
    const image = `"${value.replace(/[\\"]/g, (c) => '\\' + c)}"`;
    return makeToken(StringLiteral, image, at.startOffset, at.loc, at.hasSpace || at.atLineStart, false);
  }

  /** The value of a dynamic macro at `t`; null when it produced nothing; 'keep' to pass `t` through. */
  private expandDynamic(kind: DynamicMacro, t: PpToken): PpToken | null | 'keep' {
    const root = rootLoc(t.loc);
    const pad = (n: number, w: number, c = '0') => String(n).padStart(w, c);
    switch (kind) {
      case 'file': return this.stringToken(root.file, t);
      case 'line': return this.numberToken(String(root.line), t);
      case 'counter': return this.numberToken(String(this.counter++), t);
      case 'date': return this.stringToken(`${months[this.now.getMonth()]} ${pad(this.now.getDate(), 2, ' ')} ${this.now.getFullYear()}`, t);
      case 'time': return this.stringToken(`${pad(this.now.getHours(), 2)}:${pad(this.now.getMinutes(), 2)}:${pad(this.now.getSeconds(), 2)}`, t);
      case 'base-file': return this.stringToken(this.baseFile, t);
      case 'include-level': return this.numberToken(String(Math.max(0, this.fileDepth - 1)), t);
      case 'pragma': return this.pragmaOperator(t);
      case 'has-include':
      case 'has-include-next':
        if (!this.isInIf) return 'keep';
        return this.hasIncludeOperator(t, kind === 'has-include-next');
      case 'has-feature': return this.hasFeatureOperator(t);
    }
  }

  /** `_Pragma ( string-literal )` (6.10.9): destringized and run as a #pragma. */
  private pragmaOperator(op: PpToken): PpToken | null {
    const open = this.next();
    const str = open?.tokenType === LParen ? this.next() : null;
    const close = str?.tokenType === StringLiteral ? this.next() : null;
    if (close === null || close.tokenType !== RParen || str === null) {
      this.sink.error(op.loc, '_Pragma takes a parenthesized string literal');
      return null;
    }
    const text = str.image.replace(/^L/, '').slice(1, -1).replace(/\\(["\\])/g, '$1');
    const tokens = lexPpTokens(op.loc.file, text).tokens.filter((x) => x.tokenType !== Newline);
    const relocated = tokens.map((x) => ({ ...x, loc: op.loc }));
    runPragma(this, relocated, op);
    return null;
  }

  /** `__has_include ( header-name )` in #if: 1 if the search would find it. */
  private hasIncludeOperator(op: PpToken, isNext: boolean): PpToken {
    const open = this.read();
    if (open === null || open.tokenType !== LParen) {
      this.sink.error(op.loc, `missing '(' after "${op.image}"`);
      if (open !== null) this.unread(open);
      return this.numberToken('0', op);
    }
    const inner: PpToken[] = [];
    for (let t = this.read(); ; t = this.read()) {
      if (t === null) {
        this.sink.error(op.loc, `missing ')' after "${op.image}" operand`);
        break;
      }
      if (t.tokenType === RParen) break;
      inner.push(t);
    }
    const name = headerName(inner[0]?.tokenType === StringLiteral || inner[0]?.tokenType === Less ? inner : this.expandArg(inner));
    if (name === null) {
      this.sink.error(op.loc, `operator "${op.image}" requires a header-name`);
      return this.numberToken('0', op);
    }
    const f = this.currentFile();
    const found = this.search.find(name.name, name.isQuoted, f?.path ?? '', isNext && f !== null && f.dirIndex >= 0, f?.dirIndex ?? -1);
    return this.numberToken(found === null ? '0' : '1', op);
  }

  /** `__has_attribute(x)`, `__has_builtin(x)`, …: 1 for what jitcc supports (has-feature.ts), else 0. The operand is not expanded. */
  private hasFeatureOperator(op: PpToken): PpToken | null | 'keep' {
    const open = this.read();
    if (open === null || open.tokenType !== LParen) {
      if (open !== null) this.unread(open);
      return 'keep';
    }
    let depth = 1;
    let operand = '';
    for (let t = this.read(); t !== null; t = this.read()) {
      if (t.tokenType === LParen) depth++;
      else if (t.tokenType === RParen && --depth === 0) break;
      operand += t.image;
    }
    return this.numberToken(answerHasQuery(op.image, operand) ? '1' : '0', op);
  }
}

/** A painted copy of an identifier (frames may share token objects, so paint is never written in place). */
function paint(t: PpToken): PpToken {
  const copy = cloneToken(t, t.loc, true, t.hasSpace || t.atLineStart, t.isDefinition);
  return copy;
}

/** A token's copy at its presumed location after `#line` (6.10.4p3). */
function relocate(f: FileFrame, t: PpToken): PpToken {
  return { ...t, loc: { file: f.presumedName, line: t.loc.line + f.lineDelta, col: t.loc.col } };
}

/** Where a token ultimately came from in a file: the outermost macro invocation's location. */
export function rootLoc(loc: SourceLoc): SourceLoc {
  let l = loc;
  while (l.expandedFrom !== undefined) l = l.expandedFrom.loc;
  return l;
}

/** The file name of `#include` / `__has_include` operands: "name" or <name> (6.10.2p2–4). */
export function headerName(tokens: readonly PpToken[]): { name: string; isQuoted: boolean; rest: readonly PpToken[] } | null {
  const first = tokens[0];
  if (first === undefined) return null;
  if (first.tokenType === StringLiteral && first.image.startsWith('"')) {
    return { name: first.image.slice(1, -1), isQuoted: true, rest: tokens.slice(1) };
  }
  if (first.tokenType === Less) {
    let name = '';
    for (let i = 1; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.tokenType === Greater) return { name, isQuoted: false, rest: tokens.slice(i + 1) };
      if (i > 1 && t.hasSpace) name += ' ';
      name += t.image;
    }
  }
  return null;
}
