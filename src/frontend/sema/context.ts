// The state sema carries while it walks one translation unit: the scope
// stack, the symbols with linkage, the function being checked (labels,
// enclosing loops and switches) and the diagnostics sink.
//
// Input: created once per checkTranslationUnit call. Output: the symbols,
// globals and functions collected here become the TypedUnit.
// Invariant: one error per mistake — expressions of error type are never
// diagnosed again (callers test `isError` before reporting).

import { note, type Diagnostic, type DiagnosticSink, type SourceLoc, type SourceRange } from '../../diagnostics.js';
import type { FrontendOptions } from '../options.js';
import { Scope } from './scope.js';
import type { CType, TargetInfo } from './types.js';
import type { CaseLabel, FuncSym, LabelSym, TFunction, TGlobal, TStmt, VarSym } from './typed.js';

/** Optional warnings, named after gcc's flags. */
export interface SemaWarnings {
  readonly unusedVariable: boolean;
  readonly returnType: boolean;
  readonly signCompare: boolean;
  readonly shadow: boolean;
}

/** gcc's defaults without -Wall: only the return-type warnings (which gcc enables by default). */
export const DEFAULT_WARNINGS: SemaWarnings = { unusedVariable: false, returnType: true, signCompare: false, shadow: false };
/** Roughly -Wall -Wextra -Wshadow. */
export const ALL_WARNINGS: SemaWarnings = { unusedVariable: true, returnType: true, signCompare: true, shadow: true };

export interface SwitchState {
  readonly cases: CaseLabel[];
  defaultLabel: CaseLabel | null;
  /** The controlling expression's promoted type; case values convert to it (6.8.4.2p5). */
  readonly valueType: CType;
}

export interface FunctionState {
  readonly sym: FuncSym;
  readonly retType: CType;
  readonly labels: Map<string, LabelSym>;
  loopDepth: number;
  readonly switches: SwitchState[];
  /** Locals declared in this function, for -Wunused-variable. */
  readonly locals: VarSym[];
}

export class SemaContext {
  readonly target: TargetInfo;
  readonly fileScope = new Scope(null, 'file');
  scope: Scope = this.fileScope;
  /** Symbols with external or internal linkage by name (6.2.2): all declarations of one name refer to one symbol. */
  readonly linked = new Map<string, VarSym | FuncSym>();
  readonly symbols: (VarSym | FuncSym)[] = [];
  readonly globals: TGlobal[] = [];
  /** The TGlobal of each file-scope object defined so far (redeclarations find theirs without a scan). */
  readonly fileObjects = new Map<VarSym, TGlobal>();
  readonly functions: TFunction[] = [];
  fn: FunctionState | null = null;
  /** Where the declarations evaluating variable length array sizes go while a declarator is checked (vla.ts). */
  vlaSink: TStmt[] | null = null;
  private nextId = 0;
  private staticLocalCount = 0;
  private compoundLiteralCount = 0;

  constructor(
    readonly opts: FrontendOptions,
    readonly sink: DiagnosticSink,
    readonly warnings: SemaWarnings,
  ) {
    this.target = opts.convention.target;
  }

  freshId(): number {
    return this.nextId++;
  }

  /** A unique assembler name for a static local: `name.N` cannot clash with C identifiers. */
  staticLocalName(name: string): string {
    return `${name}.${this.staticLocalCount++}`;
  }

  compoundLiteralName(): string {
    return `.compoundliteral.${this.compoundLiteralCount++}`;
  }

  /** `flag` names the gcc option of errors that are warnings in older gcc (`[-Wint-conversion]`). */
  error(loc: SourceLoc | SourceRange, message: string, notes: Diagnostic[] = [], flag?: string): void {
    this.sink.error(loc, message, notes, flag);
  }

  /** `flag` is the gcc option controlling the warning (`sign-compare`), which the sink's policy consults. */
  warning(loc: SourceLoc | SourceRange, message: string, notes: Diagnostic[] = [], flag?: string): void {
    this.sink.warning(loc, message, notes, flag);
  }

  note(loc: SourceLoc | SourceRange, message: string): Diagnostic {
    return note(loc, message);
  }

  pushScope(kind: 'block' | 'prototype'): Scope {
    this.scope = new Scope(this.scope, kind);
    return this.scope;
  }

  popScope(): void {
    const parent = this.scope.parent;
    if (parent === null) throw new Error('popScope: file scope');
    this.scope = parent;
  }

  get isFileScope(): boolean {
    return this.scope === this.fileScope;
  }
}

/** The range of a name written at `loc` (so the caret line underlines all of it). */
export function nameRange(loc: SourceLoc, name: string): SourceRange {
  return { loc, length: Math.max(1, name.length) };
}
