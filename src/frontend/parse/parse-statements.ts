// Declarations as they appear in blocks and at file scope (C11 6.7p1,
// 6.9.1 function definitions including K&R parameter declarations),
// statements (6.8) with the GNU forms (case ranges, computed goto, `asm`,
// `__label__`), and the translation unit (6.9). This is the concrete parser.
//
// Error recovery happens here, at three levels: each block item, each
// struct member (in parse-specifiers.ts) and each external declaration
// catches a syntax error, reports it once and skips to a resumption point
// (ParserBase.recover). Tokens that can never begin an item are consumed by
// a "stray token" alternative so loops never stop early.

import type { IToken, OrMethodOpts, TokenType } from 'chevrotain';
import * as T from '../lex/tokens.js';
import { pushAll } from './parser-base.js';
import type {
  Attribute, BlockItem, CompoundStmt, Declaration, Declarator, ExternalDecl, FunctionDef, InitDeclarator, Stmt,
  TranslationUnit, AsmStmt, AsmOperand, Expr,
} from './ast.js';
import { DeclaratorParser } from './parse-declarators.js';
import { declaratorName, type ParserSettings } from './parser-base.js';
import type { SourceLoc } from '../../diagnostics.js';

/** Tokens that can begin a block item (6.8.2) or external declaration (6.9), besides declaration specifiers. */
const statementStartTokens = new Set<TokenType>([
  T.Identifier, T.Number, T.CharLiteral, T.StringLiteral, T.LParen, T.Amp, T.Star, T.Plus, T.Minus, T.Tilde,
  T.Bang, T.PlusPlus, T.MinusMinus, T.AndAnd, T.Sizeof, T.Alignof, T.Extension, T.Generic, T.BuiltinVaArg,
  T.BuiltinOffsetof, T.BuiltinTypesCompatible, T.BuiltinConvertVector, T.LBrace, T.RBrace, T.If, T.Switch, T.While, T.Do, T.For, T.Goto,
  T.Continue, T.Break, T.Return, T.Case, T.Default, T.Asm, T.Semicolon, T.StaticAssert, T.Label,
]);
const declarationStartTokens = new Set<TokenType>([
  T.Typedef, T.Extern, T.Static, T.Auto, T.Register, T.ThreadLocal, T.Inline, T.Noreturn, T.Alignas, T.Attribute,
  T.Extension, T.Identifier, T.Star, T.LParen, T.Semicolon, T.StaticAssert, T.Asm,
  ...T.cTokens.filter((t) => (t.CATEGORIES ?? []).includes(T.TypeKeyword)),
]);
const blockStrayTokens = T.cTokens.filter((t) => !statementStartTokens.has(t) && !declarationStartTokens.has(t));
const topStrayTokens = T.cTokens.filter((t) => !declarationStartTokens.has(t));

export class CParser extends DeclaratorParser {
  private readonly blockStrayAlts = blockStrayTokens.map((t) => ({ ALT: () => this.CONSUME(t) }));
  private readonly topStrayAlts = topStrayTokens.map((t) => ({ ALT: () => this.CONSUME(t) }));

  constructor(settings: ParserSettings) {
    super(settings);
    this.performSelfAnalysis();
  }

  /** translation-unit: external-declaration*  (6.9) */
  readonly translationUnit = this.RULE('translationUnit', (): TranslationUnit => {
    const decls: ExternalDecl[] = [];
    this.MANY(() => {
      const d = this.SUBRULE(this.externalDeclaration);
      if (d !== null) decls.push(d);
    });
    return { kind: 'translationUnit', decls };
  });

  /** external-declaration: function-definition | declaration | static_assert | ';' (GNU) | stray token (error) */
  private readonly externalDeclaration = this.RULE('externalDeclaration', (): ExternalDecl | null => {
    const start = this.LA(1);
    const depth = this.scopes.depth;
    try {
      return this.OR(this.externalAlts);
    } catch (e) {
      this.recover(e, start, depth, true);
      return null;
    }
  });

  // Built once: a hot rule (Chevrotain performance guide).
  private readonly externalAlts: OrMethodOpts<ExternalDecl | null> = {
    IGNORE_AMBIGUITIES: true,
    MAX_LOOKAHEAD: 1,
    DEF: [
      { ALT: () => { this.CONSUME(T.Semicolon); return null; } },
      { ALT: () => this.SUBRULE(this.staticAssert) },
      {
        // A file-scope `asm("…");` (gcc "Basic Asm"): its text goes into the object as is.
        GATE: () => this.is(1, T.Asm),
        ALT: () => {
          const kw = this.CONSUME(T.Asm);
          this.CONSUME(T.LParen, { ERR_MSG: "expected '('" });
          const text = this.SUBRULE(this.stringLiteral);
          this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
          this.CONSUME2(T.Semicolon, { ERR_MSG: "expected ';'" });
          if (this.isRecording) return null;
          return { kind: 'fileAsm', loc: this.loc(kw), template: String.fromCodePoint(...text.units) };
        },
      },
      { ALT: () => this.SUBRULE(this.declaration) },
      {
        ALT: () => {
          const before = this.LA(0);
          this.failAt(this.SUBRULE(this.topStrayToken), before, "expected identifier or '('");
          return null;
        },
      },
    ],
  };

  /**
   * declaration: declaration-specifiers (init-declarator (',' init-declarator)*)? ';'
   * function-definition: declaration-specifiers declarator declaration* compound-statement
   * The first declarator decides: a function declarator followed by `{` or by
   * K&R parameter declarations begins a definition.
   */
  private readonly declaration = this.RULE('declaration', (): Declaration | FunctionDef => {
    const start = this.LA(1);
    const specs = this.SUBRULE(this.declSpecs);
    const isTypedef = !this.isRecording && specs.storage.includes('typedef');
    const declarators: InitDeclarator[] = [];
    const result = this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      ERR_MSG: "expected identifier or '('",
      DEF: [
        {
          ALT: () => {
            this.CONSUME(T.Semicolon);
            return null;
          },
        },
        {
          ALT: () => {
            const first = this.SUBRULE(this.declaratorHead, { ARGS: [isTypedef] });
            if (!this.isRecording && specs.typeSpecs.length === 0) {
              // Implicit int (C90; gcc still accepts it with a warning). Sema sees an explicit int.
              const name = declaratorName(first.declarator) ?? '';
              this.warning(first.loc, isFunctionDeclarator(first.declarator)
                ? `return type defaults to 'int' in declaration of '${name}'`
                : `type defaults to 'int' in declaration of '${name}'`);
            }
            const paramScope = this.lastParamScope;
            return this.OR2({
              // gcc's wording for what may follow a declarator.
              ERR_MSG: "expected '=', ',', ';', 'asm' or '__attribute__'",
              IGNORE_AMBIGUITIES: true,
              MAX_LOOKAHEAD: 1,
              DEF: [
                {
                  GATE: () => isFunctionDeclarator(first.declarator) && (this.is(1, T.LBrace) || this.isDeclSpecStart(1)),
                  ALT: () => {
                    const oldStyleDecls: Declaration[] = [];
                    this.ACTION(() => this.scopes.push(paramScope ?? undefined));
                    this.MANY({
                      GATE: () => !this.is(1, T.LBrace),
                      DEF: () => {
                        oldStyleDecls.push(this.SUBRULE(this.oldStyleDeclaration));
                      },
                    });
                    const bodyScope = this.ACTION(() => this.scopes.pop());
                    const body = this.SUBRULE(this.compoundStatement, { ARGS: [bodyScope] });
                    const def: FunctionDef = {
                      kind: 'functionDef', loc: this.loc(start), specs: withImplicitInt(specs, first.declarator),
                      declarator: first.declarator, oldStyleDecls, body, asmLabel: first.asmLabel,
                    };
                    return def;
                  },
                },
                {
                  ALT: () => {
                    declarators.push(this.SUBRULE(this.initializerRest, { ARGS: [first] }));
                    this.MANY2(() => {
                      this.CONSUME(T.Comma);
                      const next = this.SUBRULE2(this.declaratorHead, { ARGS: [isTypedef] });
                      declarators.push(this.SUBRULE2(this.initializerRest, { ARGS: [next] }));
                    });
                    this.CONSUME2(T.Semicolon, { ERR_MSG: "expected ',' or ';'" });
                    return null;
                  },
                },
              ],
            });
          },
        },
      ],
    });
    if (result !== null && result !== undefined && !this.isRecording) return result;
    const decl: Declaration = { kind: 'declaration', loc: this.loc(start), specs, declarators };
    if (!this.isRecording && declarators.length > 0) return { ...decl, specs: withImplicitInt(specs, declarators[0]!.declarator) };
    return decl;
  });

  /** A K&R parameter declaration between `)` and `{` (6.9.1p6): declaration-specifiers init-declarator-list ';' */
  private readonly oldStyleDeclaration = this.RULE('oldStyleDeclaration', (): Declaration => {
    const start = this.LA(1);
    if (!this.isRecording && !this.isDeclSpecStart(1) && !this.isUnknownTypeName(1)) this.fail('expected declaration specifiers');
    const specs = this.SUBRULE(this.declSpecs);
    const declarators: InitDeclarator[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => declarators.push(this.SUBRULE(this.declaratorHead, { ARGS: [false] })),
    });
    this.CONSUME(T.Semicolon, { ERR_MSG: "expected ',' or ';'" });
    return { kind: 'declaration', loc: this.loc(start), specs, declarators };
  });


  /** declarator asm-label? attribute*, declared in scope before any initializer (6.2.1p7). */
  private readonly declaratorHead = this.RULE('declaratorHead', (isTypedef: boolean): InitDeclarator => {
    const declarator = this.SUBRULE(this.declarator, { ARGS: ['named'] });
    // gcc takes attributes on either side of the asm label.
    const attributes: Attribute[] = [];
    this.MANY(() => pushAll(attributes, this.SUBRULE(this.attributeSpecifier)));
    const asmLabel = this.OPTION(() => this.SUBRULE(this.asmLabel)) ?? null;
    this.MANY2(() => pushAll(attributes, this.SUBRULE2(this.attributeSpecifier)));
    this.declareName(declarator, isTypedef);
    // Diagnostics about a declaration ("redefinition of 'x'") point at the name.
    return { loc: this.isRecording ? declarator.loc : nameLoc(declarator), declarator, init: null, asmLabel, attributes };
  });

  private readonly initializerRest = this.RULE('initializerRest', (head: InitDeclarator): InitDeclarator => {
    const init = this.OPTION(() => {
      this.CONSUME(T.Assign);
      return this.SUBRULE(this.initializer);
    }) ?? null;
    return { ...head, init };
  });

  /** compound-statement: '{' block-item* '}'  (6.8.2); `scope` carries a function's parameters into its body. */
  readonly compoundStatement = this.RULE('compoundStatement', (scope: ReadonlyMap<string, boolean> | null): CompoundStmt => {
    const open = this.CONSUME(T.LBrace);
    this.ACTION(() => this.scopes.push(scope ?? undefined));
    const items: BlockItem[] = [];
    this.MANY({
      GATE: () => !this.is(1, T.RBrace),
      DEF: () => {
        const item = this.SUBRULE(this.blockItem);
        if (item !== null) items.push(item);
      },
    });
    const close = this.CONSUME(T.RBrace, { ERR_MSG: 'expected declaration or statement' });
    this.ACTION(() => this.scopes.pop());
    return { kind: 'compound', loc: this.loc(open), items, endLoc: this.loc(close) };
  });

  /** block-item: declaration | statement; recovers from syntax errors. */
  private readonly blockItem = this.RULE('blockItem', (): BlockItem | null => {
    const start = this.LA(1);
    const depth = this.scopes.depth;
    try {
      return this.OR(this.blockItemAlts);
    } catch (e) {
      this.recover(e, start, depth, false);
      return null;
    }
  });

  // Built once: a hot rule (Chevrotain performance guide).
  private readonly blockItemAlts: OrMethodOpts<BlockItem | null> = {
    // Declaration vs statement is the typedef question; the gate answers it, so
    // alternatives overlap in LL(k) terms (an identifier starts both).
    IGNORE_AMBIGUITIES: true,
    MAX_LOOKAHEAD: 1,
    DEF: [
      {
        GATE: () => this.isDeclarationHere(),
        ALT: (): BlockItem | null => {
          const d = this.SUBRULE(this.declaration);
          if (this.isRecording) return null;
          if (d.kind === 'functionDef') {
            this.error(d.loc, 'function definition is not allowed here');
            return null;
          }
          // `__attribute__((fallthrough));` is an attribute declaration: a null statement.
          if (d.declarators.length === 0 && d.specs.typeSpecs.length === 0 && d.specs.attributes.length > 0) {
            return { kind: 'exprStmt', loc: d.loc, expr: null } as Stmt;
          }
          return d;
        },
      },
      { ALT: () => this.SUBRULE(this.staticAssert) },
      {
        // GNU local labels `__label__ a, b;`: labels are function-wide here, so the list is dropped.
        ALT: () => {
          this.CONSUME(T.Label);
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.Identifier, { ERR_MSG: 'expected identifier' }) });
          this.CONSUME(T.Semicolon, { ERR_MSG: "expected ';'" });
          return null;
        },
      },
      { ALT: () => this.SUBRULE(this.statement) },
      {
        ALT: () => {
          const before = this.LA(0);
          this.failAt(this.SUBRULE(this.blockStrayToken), before, 'expected statement');
          return null;
        },
      },
    ],
  };

  /** Does a declaration begin here? Typedef names do, unless used as a label. */
  private isDeclarationHere(): boolean {
    const t = this.LA(1);
    const type = t.tokenType;
    if (type === T.Identifier) return (this.isTypedefName(t) && !this.is(2, T.Colon)) || this.isUnknownTypeName(1);
    if (type === T.Extension) return this.isDeclSpecStart(2) || this.isUnknownTypeName(2);
    return this.isDeclSpecStart(1);
  }

  /** statement (6.8) */
  readonly statement = this.RULE('statement', (): Stmt => this.OR(this.statementAlts));

  // Built once: a hot rule (Chevrotain performance guide).
  private readonly statementAlts: OrMethodOpts<Stmt> = {
    IGNORE_AMBIGUITIES: true,
    MAX_LOOKAHEAD: 1,
    ERR_MSG: 'expected statement',
    DEF: [
      { ALT: () => this.SUBRULE(this.compoundStatement, { ARGS: [null] }) },
      { ALT: () => this.SUBRULE(this.selectionStatement) },
      { ALT: () => this.SUBRULE(this.iterationStatement) },
      { ALT: () => this.SUBRULE(this.jumpStatement) },
      { GATE: () => !this.is(1, T.Identifier) || this.is(2, T.Colon), ALT: () => this.SUBRULE(this.labeledStatement) },
      { ALT: () => this.SUBRULE(this.asmStatement) },
      {
        ALT: () => {
          const semi = this.CONSUME(T.Semicolon);
          return { kind: 'exprStmt', loc: this.loc(semi), expr: null } as Stmt;
        },
      },
      {
        ALT: () => {
          const start = this.LA(1);
          const expr = this.SUBRULE(this.expression);
          this.CONSUME2(T.Semicolon, { ERR_MSG: "expected ';' after expression" });
          return { kind: 'exprStmt', loc: this.loc(start), expr } as Stmt;
        },
      },
    ],
  };

  /** The body of a label: a statement, or nothing before `}` (C23; gcc accepts it). */
  private readonly labelBody = this.RULE('labelBody', (): Stmt => {
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        // C23 allows a declaration after a label; this AST has no place for it (gcc -std=c11 agrees).
        { GATE: () => !this.is(1, T.RBrace), ALT: () => this.SUBRULE(this.statement) },
        { ALT: () => ({ kind: 'exprStmt', loc: this.loc(this.LA(1)), expr: null }) as Stmt },
      ],
    });
  });

  /**
   * labeled-statement: identifier ':' attribute* statement
   *                  | 'case' constant-expression ('...' constant-expression)? ':' statement
   *                  | 'default' ':' statement
   */
  private readonly labeledStatement = this.RULE('labeledStatement', (): Stmt => {
    return this.OR([
      {
        GATE: () => this.is(2, T.Colon),
        ALT: () => {
          const name = this.CONSUME(T.Identifier);
          this.CONSUME(T.Colon);
          this.MANY(() => this.SUBRULE(this.attributeSpecifier));
          const body = this.SUBRULE(this.labelBody);
          return { kind: 'label', loc: this.loc(name), name: name.image, body } as Stmt;
        },
      },
      {
        ALT: () => {
          const kw = this.CONSUME(T.Case);
          const value = this.SUBRULE(this.constantExpression);
          const high = this.OPTION(() => {
            this.CONSUME(T.Ellipsis);
            return this.SUBRULE2(this.constantExpression);
          }) ?? null;
          this.CONSUME2(T.Colon, { ERR_MSG: "expected ':'" });
          const body = this.SUBRULE2(this.labelBody);
          return { kind: 'case', loc: this.loc(kw), value, high, body } as Stmt;
        },
      },
      {
        ALT: () => {
          const kw = this.CONSUME(T.Default);
          this.CONSUME3(T.Colon, { ERR_MSG: "expected ':'" });
          const body = this.SUBRULE3(this.labelBody);
          return { kind: 'default', loc: this.loc(kw), body } as Stmt;
        },
      },
    ]);
  });

  /** 'if' '(' expression ')' statement ('else' statement)? | 'switch' '(' expression ')' statement  (6.8.4) */
  private readonly selectionStatement = this.RULE('selectionStatement', (): Stmt => {
    return this.OR([
      {
        ALT: () => {
          const kw = this.CONSUME(T.If);
          const cond = this.SUBRULE(this.parenExpression);
          const then = this.SUBRULE(this.statement);
          // The else binds to the nearest if (6.8.4.1p3): OPTION is greedy.
          const otherwise = this.OPTION(() => {
            this.CONSUME(T.Else);
            return this.SUBRULE2(this.statement);
          }) ?? null;
          return { kind: 'if', loc: this.loc(kw), cond, then, else: otherwise } as Stmt;
        },
      },
      {
        ALT: () => {
          const kw = this.CONSUME(T.Switch);
          const value = this.SUBRULE2(this.parenExpression);
          const body = this.SUBRULE3(this.statement);
          return { kind: 'switch', loc: this.loc(kw), value, body } as Stmt;
        },
      },
    ]);
  });

  /** '(' expression ')' after if/switch/while. */
  private readonly parenExpression = this.RULE('parenExpression', () => {
    this.CONSUME(T.LParen, { ERR_MSG: "expected '('" });
    const expr = this.SUBRULE(this.expression);
    this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
    return expr;
  });

  /** while / do-while / for  (6.8.5); a for-declaration opens a scope (6.8.5p5). */
  private readonly iterationStatement = this.RULE('iterationStatement', (): Stmt => {
    return this.OR([
      {
        ALT: () => {
          const kw = this.CONSUME(T.While);
          const cond = this.SUBRULE(this.parenExpression);
          const body = this.SUBRULE(this.statement);
          return { kind: 'while', loc: this.loc(kw), cond, body } as Stmt;
        },
      },
      {
        ALT: () => {
          const kw = this.CONSUME(T.Do);
          const body = this.SUBRULE2(this.statement);
          this.CONSUME2(T.While, { ERR_MSG: "expected 'while'" });
          const cond = this.SUBRULE2(this.parenExpression);
          this.CONSUME(T.Semicolon, { ERR_MSG: "expected ';'" });
          return { kind: 'doWhile', loc: this.loc(kw), body, cond } as Stmt;
        },
      },
      { ALT: () => this.SUBRULE(this.forStatement) },
    ]);
  });

  private readonly forStatement = this.RULE('forStatement', (): Stmt => {
    const kw = this.CONSUME(T.For);
    this.CONSUME(T.LParen, { ERR_MSG: "expected '('" });
    this.ACTION(() => this.scopes.push());
    const init = this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        {
          GATE: () => this.isDeclarationHere(),
          ALT: () => {
            const d = this.SUBRULE(this.declaration);
            if (!this.isRecording && d.kind === 'functionDef') {
              this.error(d.loc, 'function definition is not allowed here');
              return null;
            }
            return d as Declaration;
          },
        },
        {
          ALT: () => {
            const e = this.OPTION(() => this.SUBRULE(this.expression)) ?? null;
            this.CONSUME(T.Semicolon, { ERR_MSG: "expected ';'" });
            return e;
          },
        },
      ],
    });
    const cond = this.OPTION2(() => this.SUBRULE2(this.expression)) ?? null;
    this.CONSUME2(T.Semicolon, { ERR_MSG: "expected ';'" });
    const step = this.OPTION3(() => this.SUBRULE3(this.expression)) ?? null;
    this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
    const body = this.SUBRULE(this.statement);
    this.ACTION(() => this.scopes.pop());
    return { kind: 'for', loc: this.loc(kw), init, cond, step, body };
  });

  /** goto / continue / break / return (6.8.6), and GNU `goto *expr;` */
  private readonly jumpStatement = this.RULE('jumpStatement', (): Stmt => {
    return this.OR([
      {
        ALT: () => {
          const kw = this.CONSUME(T.Goto);
          return this.OR2([
            {
              ALT: () => {
                const label = this.CONSUME(T.Identifier);
                this.CONSUME(T.Semicolon, { ERR_MSG: "expected ';'" });
                return { kind: 'goto', loc: this.loc(kw), label: label.image } as Stmt;
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.Star);
                const target = this.SUBRULE(this.expression);
                this.CONSUME2(T.Semicolon, { ERR_MSG: "expected ';'" });
                return { kind: 'gotoExpr', loc: this.loc(kw), target } as Stmt;
              },
            },
          ], );
        },
      },
      {
        ALT: () => {
          const kw = this.CONSUME(T.Continue);
          this.CONSUME3(T.Semicolon, { ERR_MSG: "expected ';'" });
          return { kind: 'continue', loc: this.loc(kw) } as Stmt;
        },
      },
      {
        ALT: () => {
          const kw = this.CONSUME(T.Break);
          this.CONSUME4(T.Semicolon, { ERR_MSG: "expected ';'" });
          return { kind: 'break', loc: this.loc(kw) } as Stmt;
        },
      },
      {
        ALT: () => {
          const kw = this.CONSUME(T.Return);
          const value = this.OPTION(() => this.SUBRULE2(this.expression)) ?? null;
          this.CONSUME5(T.Semicolon, { ERR_MSG: "expected ';'" });
          return { kind: 'return', loc: this.loc(kw), value } as Stmt;
        },
      },
    ]);
  });

  /**
   * GNU asm statement (gcc manual "Basic Asm", "Extended Asm"):
   *   asm ('volatile' | 'inline' | 'goto')* '(' string-literal
   *     (':' outputs? (':' inputs? (':' clobbers? (':' labels?)?)?)?)? ')' ';'
   */
  private readonly asmStatement = this.RULE('asmStatement', (): Stmt => {
    const kw = this.CONSUME(T.Asm);
    let isVolatile = false;
    let isGoto = false;
    this.MANY(() => {
      this.OR([
        { ALT: () => { this.CONSUME(T.Volatile); isVolatile = true; } },
        { ALT: () => this.CONSUME(T.Inline) },
        { ALT: () => { this.CONSUME(T.Goto); isGoto = true; } },
      ]);
    });
    this.CONSUME(T.LParen, { ERR_MSG: "expected '('" });
    const template = this.SUBRULE(this.stringLiteral);
    // Sections in order: outputs, inputs, clobbers, goto labels.
    const sections: AsmPart[][] = [];
    this.MANY2(() => {
      this.CONSUME(T.Colon);
      const parts: AsmPart[] = [];
      this.MANY_SEP({ SEP: T.Comma, DEF: () => parts.push(this.SUBRULE(this.asmOperand)) });
      sections.push(parts);
    });
    this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
    this.CONSUME(T.Semicolon, { ERR_MSG: "expected ';'" });
    if (this.isRecording) return { kind: 'empty', loc: this.loc(kw) } as unknown as Stmt;
    return buildAsmStmt(this.loc(kw), String.fromCodePoint(...template.units), isVolatile, isGoto, sections, (loc, msg) => this.error(loc, msg));
  });

  /** asm-operand: ('[' identifier ']')? string-literal ('(' expression ')')? | identifier (goto labels) */
  private readonly asmOperand = this.RULE('asmOperand', (): AsmPart => {
    return this.OR([
      {
        ALT: (): AsmPart => {
          const name = this.OPTION(() => {
            this.CONSUME(T.LBracket);
            const id = this.CONSUME(T.Identifier);
            this.CONSUME(T.RBracket, { ERR_MSG: "expected ']'" });
            return id.image;
          }) ?? null;
          const str = this.SUBRULE(this.stringLiteral);
          const expr = this.OPTION2(() => {
            this.CONSUME(T.LParen);
            const e = this.SUBRULE(this.expression);
            this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
            return e;
          }) ?? null;
          if (this.isRecording) return { kind: 'label', loc: null as unknown as SourceLoc, name: '' };
          return { kind: 'string', loc: str.loc, name, text: String.fromCodePoint(...str.units), expr };
        },
      },
      {
        ALT: (): AsmPart => {
          const id = this.CONSUME2(T.Identifier);
          return { kind: 'label', loc: this.isRecording ? (null as unknown as SourceLoc) : this.loc(id), name: id.image };
        },
      },
    ]);
  });

  /** A token that cannot begin an external declaration. */
  private readonly topStrayToken = this.RULE('topStrayToken', (): IToken => this.OR(this.topStrayAlts));

  /** A token that cannot begin a block item. */
  private readonly blockStrayToken = this.RULE('blockStrayToken', (): IToken => this.OR(this.blockStrayAlts));

}

/**
 * Does the declarator give its name a function type? That is decided by the
 * node right around the name: `int *f(void)` is pointer(function(f)) and
 * declares a function, `int (*f)(void)` is function(pointer(f)) and does not.
 */
function isFunctionDeclarator(d: Declarator): boolean {
  let around: Declarator | null = null;
  while (d.kind !== 'ident') {
    around = d;
    d = d.inner;
  }
  return around !== null && around.kind === 'function';
}

/** Where the declared name is, or the declarator's start when abstract. */
function nameLoc(d: Declarator): Declarator['loc'] {
  let cur = d;
  while (cur.kind !== 'ident') cur = cur.inner;
  return cur.name !== null ? cur.loc : d.loc;
}

/** Implicit int (C89, still accepted by gcc with a warning): empty type specifiers read as int. */
function withImplicitInt(specs: Declaration['specs'], declarator: Declarator): Declaration['specs'] {
  if (specs.typeSpecs === undefined || specs.typeSpecs.length > 0) return specs;
  return { ...specs, typeSpecs: [{ kind: 'keyword', loc: declarator.loc, name: 'int' }] };
}

/** One comma-separated item of an asm statement section, before sema knows which section wants what. */
type AsmPart =
  | { readonly kind: 'string'; readonly loc: SourceLoc; readonly name: string | null; readonly text: string; readonly expr: Expr | null }
  | { readonly kind: 'label'; readonly loc: SourceLoc; readonly name: string };

/** Sorts the parsed sections into an AsmStmt, reporting items of the wrong shape for their section. */
function buildAsmStmt(
  loc: SourceLoc, template: string, isVolatile: boolean, isGoto: boolean, sections: readonly AsmPart[][],
  error: (loc: SourceLoc, msg: string) => void,
): AsmStmt {
  const operands = (parts: readonly AsmPart[] | undefined): AsmOperand[] => (parts ?? []).flatMap((p) => {
    if (p.kind === 'string' && p.expr !== null) return [{ loc: p.loc, name: p.name, constraint: p.text, expr: p.expr }];
    error(p.loc, "expected '(' after asm operand constraint");
    return [];
  });
  const clobbers = (sections[2] ?? []).flatMap((p) => {
    if (p.kind === 'string' && p.expr === null && p.name === null) return [{ loc: p.loc, text: p.text }];
    error(p.loc, 'expected string literal in asm clobber list');
    return [];
  });
  const labels = (sections[3] ?? []).flatMap((p) => {
    if (p.kind === 'label') return [{ loc: p.loc, name: p.name }];
    error(p.loc, 'expected identifier in asm goto label list');
    return [];
  });
  if (sections.length > 4) error(loc, "expected ')' after asm statement");
  if (sections.length > 3 && !isGoto) error(loc, "expected ')': asm labels need 'asm goto'");
  return {
    kind: 'asm', loc, template, isVolatile, isGoto, isBasic: sections.length === 0,
    outputs: operands(sections[0]), inputs: operands(sections[1]), clobbers, labels,
  };
}
