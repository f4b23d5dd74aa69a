// The machinery under the C grammar: the Chevrotain parser configuration,
// the typedef-name scopes, the token classes that gate C's ambiguous spots,
// source locations of tokens, and error reporting with recovery.
//
// The grammar itself is split over three subclasses, one idea each:
// parse-expressions.ts (C11 6.5) <- parse-declarations.ts (6.7)
// <- parse-statements.ts (6.8, 6.9), the last one being the concrete parser.
//
// Invariants: scopes change only outside Chevrotain's recording phase (in
// ACTION or after checking `RECORDING_PHASE`); every recovery consumes at
// least one token or stops at a token that ends the enclosing construct, so
// parsing always terminates.

import { EmbeddedActionsParser, EOF, type IToken, type TokenType } from 'chevrotain';
import type { DiagnosticSink, SourceLoc } from '../../diagnostics.js';
import * as T from '../lex/tokens.js';
import type { CToken } from '../lex/tokens.js';
import type { Declarator, StorageClass, TypeKeyword, TypeQualifier } from './ast.js';
import { LazyLookaheadStrategy } from './lazy-lookahead.js';
import { errorMessageProvider, isRecognitionError, syntaxErrorMessage, type RecognitionError } from './syntax-errors.js';
import { TypedefScopes } from './typedef-scopes.js';

export const storageTokens: ReadonlyMap<TokenType, StorageClass> = new Map<TokenType, StorageClass>([
  [T.Typedef, 'typedef'], [T.Extern, 'extern'], [T.Static, 'static'], [T.Auto, 'auto'],
  [T.Register, 'register'], [T.ThreadLocal, '_Thread_local'],
]);

export const qualifierTokens: ReadonlyMap<TokenType, TypeQualifier> = new Map<TokenType, TypeQualifier>([
  [T.Const, 'const'], [T.Volatile, 'volatile'], [T.Restrict, 'restrict'], [T.Atomic, '_Atomic'],
]);

export const typeKeywordTokens: ReadonlyMap<TokenType, TypeKeyword> = new Map<TokenType, TypeKeyword>([
  [T.Void, 'void'], [T.Char, 'char'], [T.Short, 'short'], [T.Int, 'int'], [T.Long, 'long'],
  [T.Float, 'float'], [T.Double, 'double'], [T.Signed, 'signed'], [T.Unsigned, 'unsigned'],
  [T.Bool, '_Bool'], [T.Complex, '_Complex'], [T.Int128, '__int128'], [T.BuiltinVaList, '__builtin_va_list'],
]);

/** Tokens that begin a type name (6.7.7) apart from typedef names. */
const typeNameStartTokens = new Set<TokenType>([
  ...typeKeywordTokens.keys(), ...qualifierTokens.keys(), T.Struct, T.Union, T.Enum, T.Typeof, T.Attribute, T.Alignas,
]);

/** Tokens that begin declaration specifiers (6.7p1) apart from typedef names. */
export const declSpecStartTokens: ReadonlySet<TokenType> = new Set<TokenType>([
  ...typeNameStartTokens, ...storageTokens.keys(), T.Inline, T.Noreturn, T.Extension,
]);

export interface ParserSettings {
  /** Run Chevrotain's grammar validations (slow to build; tests turn them on). */
  readonly validate: boolean;
}

export abstract class ParserBase extends EmbeddedActionsParser {
  protected sink: DiagnosticSink | null = null;
  protected readonly scopes = new TypedefScopes();
  /** The token of the last reported syntax error, so one mistake is reported once. */
  private lastErrorToken: IToken | null = null;

  constructor(settings: ParserSettings) {
    super(T.vocabulary, {
      maxLookahead: 3,
      recoveryEnabled: false,
      skipValidations: !settings.validate,
      // Lookahead functions are built when first needed (the validating parser builds them all, as before).
      ...(settings.validate ? {} : { lookaheadStrategy: new LazyLookaheadStrategy({ maxLookahead: 3 }) }),
      errorMessageProvider,
    });
  }

  /** Prepares for a new translation unit. */
  start(tokens: CToken[], sink: DiagnosticSink): void {
    this.input = tokens;
    this.sink = sink;
    this.scopes.reset();
    this.lastErrorToken = null;
  }

  /** Drops the unit's tokens and sink, which the shared parser would otherwise keep until the next unit. */
  release(): void {
    this.input = [];
    this.sink = null;
  }

  /** Has the parser consumed every token? */
  isAtEnd(): boolean {
    return this.LA(1).tokenType === EOF;
  }

  // ---------------------------------------------------------------- tokens

  protected loc(token: IToken): SourceLoc {
    return (token as CToken).loc;
  }

  protected is(k: number, type: TokenType): boolean {
    return this.LA(k).tokenType === type;
  }

  protected isTypedefName(token: IToken): boolean {
    return token.tokenType === T.Identifier && this.scopes.isTypedefName(token.image);
  }

  /**
   * An identifier that cannot be an expression here because another
   * identifier follows: `foo x;` means a type the user never declared.
   */
  protected isUnknownTypeName(k: number): boolean {
    return this.is(k, T.Identifier) && this.is(k + 1, T.Identifier) && !this.scopes.isTypedefName(this.LA(k).image);
  }

  /** Does the token at `k` begin declaration specifiers? (the declaration-vs-statement question) */
  protected isDeclSpecStart(k: number): boolean {
    const token = this.LA(k);
    return declSpecStartTokens.has(token.tokenType) || this.isTypedefName(token);
  }

  /** Does the token at `k` begin a type name? (the cast-vs-parenthesis and sizeof questions) */
  protected isTypeNameStart(k: number): boolean {
    const token = this.LA(k);
    return typeNameStartTokens.has(token.tokenType) || this.isTypedefName(token);
  }

  protected get isRecording(): boolean {
    return this.RECORDING_PHASE;
  }

  /** Declares the name a declarator introduces, from the point right after the declarator (6.2.1p7). */
  protected declareName(declarator: Declarator, isTypedef: boolean): void {
    if (this.isRecording) return;
    const name = declaratorName(declarator);
    if (name !== null) this.scopes.declare(name, isTypedef);
  }

  // ---------------------------------------------------------------- diagnostics

  protected error(loc: SourceLoc, message: string): void {
    if (!this.isRecording) this.sink?.error(loc, message);
  }

  protected warning(loc: SourceLoc, message: string): void {
    if (!this.isRecording) this.sink?.warning(loc, message);
  }

  protected reportSyntaxError(e: RecognitionError): void {
    if (e.token === this.lastErrorToken) return;
    // A run of stray tokens (`] ] )`) is one mistake: report its first token only.
    const isStrayRun = (e as { resumeHere?: boolean }).resumeHere === true && e.previousToken === this.lastErrorToken;
    this.lastErrorToken = e.token;
    if (isStrayRun) return;
    // The lexer has already reported a stray character; one message per mistake.
    if (e.token.tokenType === T.Stray) return;
    // A missing punctuator is reported just past the previous token, where it should
    // be inserted, as gcc does ("return 1⏎}" and "if (a > 1 {" point after the 1);
    // "expected ',' or ';'" and other choices point at the token found. "… after expression" always.
    const prev = e.previousToken as CToken | undefined;
    const next = e.token as CToken;
    const isMissingToken = /^expected '[^\w\s']+'( (before|at) .*)?$/.test(e.message) &&
      (next.tokenType === EOF || next.loc === undefined || prev?.loc === undefined || next.loc.file === prev.loc.file);
    const isPastPrevious = (/ after /.test(e.message) || isMissingToken) && prev?.loc !== undefined && prev.tokenType !== EOF;
    const at = isPastPrevious ? { ...prev.loc, col: prev.loc.col + prev.image.length } : this.errorLoc(e.token);
    const length = isPastPrevious ? 1 : Math.max(1, e.token.image.length);
    this.sink?.error({ loc: at, length }, syntaxErrorMessage(e.message, e.token));
  }

  /** Where an error at `token` points; at end of input, just after the last real token. */
  private errorLoc(token: IToken): SourceLoc {
    if (token.tokenType !== EOF) return this.loc(token);
    const tokens = this.input as CToken[];
    let i = tokens.length - 1;
    while (i >= 0 && (tokens[i]!.tokenType === EOF || tokens[i]!.loc === undefined)) i--;
    const last = tokens[i];
    if (!last) return { file: '<input>', line: 1, col: 1 };
    return { ...last.loc, col: last.loc.col + last.image.length };
  }

  /**
   * Reports a syntax error and skips to a point where parsing can resume:
   * after the next `;` or balanced `{…}` at this nesting level, or before
   * the `}` that closes the enclosing block. A missing `;` resumes right at
   * the token where it was expected, as gcc does, when that token is not the
   * one the construct started at (so the parser still moves forward).
   */
  protected recover(e: unknown, start: IToken, scopeDepth: number, isTopLevel: boolean): void {
    if (e instanceof RangeError && isTopLevel && !this.isRecording) {
      // The JavaScript stack ran out (hundreds of nested parentheses or blocks). Report it
      // once, at file scope where the stack is shallow again, and give up on the rest.
      this.sink?.error(this.errorLoc(this.LA(1)), 'code nested too deeply for the parser');
      this.scopes.truncate(scopeDepth);
      while (!this.isAtEnd()) this.SKIP_TOKEN();
      return;
    }
    if (!isRecognitionError(e) || this.isRecording) throw e;
    this.reportSyntaxError(e);
    this.scopes.truncate(scopeDepth);
    let depth = 0;
    if ((e as { resumeHere?: boolean }).resumeHere === true) {
      // A stray `{` was consumed: skip its whole block rather than report every statement in it.
      if (e.token.tokenType !== T.LBrace) return;
      depth = 1;
    }
    const missedSemicolon = e.message.startsWith("expected ';'") || e.message.startsWith("expected ',' or ';'");
    if (missedSemicolon && this.LA(1) !== start && this.LA(1) === e.token && !this.is(1, T.RBrace)) return;
    for (;;) {
      const type = this.LA(1).tokenType;
      if (type === EOF) return;
      if (type === T.LBrace) depth++;
      else if (type === T.RBrace) {
        if (depth === 0) {
          // A stray `}` at file scope is skipped; inside a block it closes the block.
          if (isTopLevel) this.SKIP_TOKEN();
          return;
        }
        depth--;
        if (depth === 0 && !isTopLevel) {
          this.SKIP_TOKEN();
          return;
        }
        if (depth === 0) {
          this.SKIP_TOKEN();
          if (!this.is(1, T.Semicolon)) return;
          continue;
        }
      } else if (type === T.Semicolon && depth === 0) {
        this.SKIP_TOKEN();
        return;
      }
      this.SKIP_TOKEN();
    }
  }
}

/** The identifier a declarator declares, or null for an abstract declarator. */
export function declaratorName(d: Declarator): string | null {
  for (;;) {
    switch (d.kind) {
      case 'ident':
        return d.name;
      case 'pointer':
      case 'array':
      case 'function':
        d = d.inner;
        break;
      default:
        return null;
    }
  }
}

/** Appends a rule's list result; while recording the grammar, rules return placeholders, not arrays. */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  if (Array.isArray(items)) for (const item of items) target.push(item);
}
