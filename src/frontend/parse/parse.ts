// The parser's entry point: tokens from the preprocessor in, a
// TranslationUnit out, syntax errors in the sink.
//
// Building a Chevrotain parser records and analyses the whole grammar, which
// takes tens of milliseconds, so one parser is built lazily and reused for
// every translation unit; `start` resets its state. Parsing never throws on
// bad input: syntax errors are diagnostics, and only the sink's error limit
// (TooManyErrors) or a compiler bug escapes.

import { InternalCompilerError, type DiagnosticSink } from '../../diagnostics.js';
import type { CToken } from '../lex/tokens.js';
import type { TranslationUnit } from './ast.js';
import { CParser } from './parse-statements.js';

let parser: CParser | null = null;

/** The shared parser; `validate` builds a separate one with Chevrotain's grammar checks on (tests). */
export function getParser(validate = false): CParser {
  if (validate) return new CParser({ validate: true });
  parser ??= new CParser({ validate: false });
  return parser;
}

export function parseTranslationUnit(tokens: CToken[], sink: DiagnosticSink): TranslationUnit {
  const p = getParser();
  p.start(tokens, sink);
  const unit = p.translationUnit();
  if (!p.isAtEnd()) {
    throw new InternalCompilerError('parser stopped before the end of input');
  }
  // The shared parser must not keep this unit's tokens alive until the next one.
  p.release();
  return unit;
}
