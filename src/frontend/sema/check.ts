// Semantic analysis entry point: checks a translation unit (C11 6.9) and
// builds the typed tree that lowering consumes.
//
// Input: the parser's TranslationUnit. Output: a TypedUnit (typed.ts); user
// errors go to the sink. The unit is complete even after errors (sema keeps
// going to report as many independent mistakes as it can), but
// `hasErrors` units must not be lowered.

import { DiagnosticSink, TooManyErrors } from '../../diagnostics.js';
import type { SourceLoc } from '../../diagnostics.js';
import type { TranslationUnit } from '../parse/ast.js';
import type { FrontendOptions } from '../options.js';
import { checkFileDeclaration, checkFunctionDef, finishTentativeDefinitions } from './check-decl.js';
import { checkStaticAssert } from './check-types.js';
import { DEFAULT_WARNINGS, SemaContext, type SemaWarnings } from './context.js';
import { checkAliases } from './symbol-attributes.js';
import type { TypedUnit } from './typed.js';

export { ALL_WARNINGS, DEFAULT_WARNINGS, type SemaWarnings } from './context.js';
export type { TypedUnit } from './typed.js';

export function checkTranslationUnit(tu: TranslationUnit, opts: FrontendOptions, sink: DiagnosticSink, warnings: SemaWarnings = DEFAULT_WARNINGS): TypedUnit {
  const ctx = new SemaContext(opts, sink, warnings);
  const errorsBefore = sink.errorCount;
  const fileAsm: { loc: SourceLoc; text: string }[] = [];
  try {
    for (const d of tu.decls) {
      switch (d.kind) {
        case 'declaration': checkFileDeclaration(ctx, d); break;
        case 'functionDef': checkFunctionDef(ctx, d); break;
        case 'staticAssert': checkStaticAssert(ctx, d); break;
        case 'fileAsm': fileAsm.push({ loc: d.loc, text: d.template }); break;
        default: d satisfies never;
      }
    }
    finishTentativeDefinitions(ctx);
    checkAliases(ctx, ctx.symbols);
  } catch (e) {
    // The sink stops the walk at its error limit; what was collected stands.
    if (!(e instanceof TooManyErrors)) throw e;
  }
  return {
    kind: 'typedUnit',
    functions: ctx.functions,
    globals: ctx.globals,
    symbols: ctx.symbols,
    fileAsm,
    hasErrors: sink.errorCount > errorsBefore,
  };
}
