// The frontend as one function: C source text → preprocessed tokens → AST →
// typed tree → IR module. Each step reports user errors into the sink; the
// later steps run only while the earlier ones produced no errors, so one
// mistake is not reported again as a cascade by the next stage.

import type { DiagnosticSink, SourceMap } from '../diagnostics.js';
import type { IrModule } from '../ir/ir.js';
import type { FrontendOptions } from './options.js';
import { preprocess } from './preprocess/preprocess.js';
import { parseTranslationUnit } from './parse/parse.js';
import { checkTranslationUnit } from './sema/check.js';
import { lowerTranslationUnit, type FunctionStream } from './lower/lower.js';
import { strayMessage } from './lex/lexer.js';
import { Stray } from './lex/tokens.js';
import { timed } from '../time-report.js';

/**
 * Returns the IR of `text`, or null when it has errors (they are in `sink`).
 * With `stream`, each function goes to it as soon as it is lowered (FunctionStream).
 */
export function compileToIr(file: string, text: string, opts: FrontendOptions, sink: DiagnosticSink, sources: SourceMap, stream?: FunctionStream): IrModule | null {
  sources.add(file, text);
  // Each stage's input is held only by the call that consumes it, so the
  // tokens are garbage while sema runs and the syntax tree while lowering
  // does (sqlite3.c: ~90 MB and ~70 MB of heap the collector no longer carries).
  const unit = checkedUnit(syntaxTree(tokensOf(file, text, opts, sink, sources), sink), opts, sink);
  if (unit === null) return null;
  return timed('lower', () => lowerTranslationUnit(unit, opts, stream));
}

function tokensOf(file: string, text: string, opts: FrontendOptions, sink: DiagnosticSink, sources: SourceMap): ReturnType<typeof preprocess> | null {
  const tokens = timed('preprocess', () => preprocess(file, text, opts, sink, sources));
  // Characters that are no token (C11 6.4p1) pass through the preprocessor
  // as Stray tokens (gcc -E keeps them too); compiling them is an error.
  // Unterminated literals carry their own message, already reported.
  for (const t of tokens) {
    if (t.tokenType === Stray && (t as { lexError?: string }).lexError === undefined) sink.error(t.loc, strayMessage(t.image));
  }
  return sink.hasErrors ? null : tokens;
}

function syntaxTree(tokens: ReturnType<typeof preprocess> | null, sink: DiagnosticSink): ReturnType<typeof parseTranslationUnit> | null {
  if (tokens === null) return null;
  const tu = timed('parse', () => parseTranslationUnit(tokens, sink));
  return sink.hasErrors ? null : tu;
}

function checkedUnit(tu: ReturnType<typeof parseTranslationUnit> | null, opts: FrontendOptions, sink: DiagnosticSink): ReturnType<typeof checkTranslationUnit> | null {
  if (tu === null) return null;
  // Sema skips the analyses behind warnings nobody asked for; the sink's policy says which.
  const unit = timed('sema', () => checkTranslationUnit(tu, opts, sink, {
    unusedVariable: sink.wants('unused-variable'),
    returnType: sink.wants('return-type'),
    signCompare: sink.wants('sign-compare'),
    shadow: sink.wants('shadow'),
  }));
  return sink.hasErrors ? null : unit;
}
