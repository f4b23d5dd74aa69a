// Declarators (C11 6.7.6), type names (6.7.7), initializers with
// designators (6.7.9) and `_Static_assert` (6.7.10).
//
// Declarators nest as written (see ast.ts): a pointer wraps the rest of the
// declarator, and each suffix `[n]` or `(params)` wraps what came before it,
// so `int (*f)(int)[2]`'s outermost node is the last suffix.
//
// Scopes: a function declarator's parameters live in a prototype scope
// (6.2.1p4); when that declarator applies directly to the declared name, the
// scope is kept in `lastParamScope` so a definition's body can reopen it.
// In a parameter, `(T)` with T a typedef name is a parameter list, not a
// parenthesised name (6.7.6.3p11).

import type { IToken, OrMethodOpts } from 'chevrotain';
import type { SourceLoc } from '../../diagnostics.js';
import * as T from '../lex/tokens.js';
import { pushAll } from './parser-base.js';
import type {
  Attribute, Declarator, DeclSpecs, Designator, InitItem, InitList, Initializer, ParamDecl, StaticAssert,
  StringLit, TypeName, TypeQualifier,
} from './ast.js';
import { SpecifierParser, type DeclaratorMode } from './parse-specifiers.js';
import { runList, RunTokenKind, scanConstantRun } from './constant-run.js';

type FunctionSuffix = Omit<Extract<Declarator, { kind: 'function' }>, 'inner' | 'loc' | 'kind'>;
type ArraySuffix = Omit<Extract<Declarator, { kind: 'array' }>, 'inner' | 'loc' | 'kind'>;

export abstract class DeclaratorParser extends SpecifierParser {
  /** The parameter scope of the last function declarator applied directly to a name. */
  protected lastParamScope: ReadonlyMap<string, boolean> | null = null;

  /**
   * declarator: pointer* direct-declarator
   * pointer: '*' (type-qualifier | attribute)*
   */
  readonly declarator = this.RULE('declarator', (mode: DeclaratorMode): Declarator => {
    const pointers: { star: IToken; qualifiers: TypeQualifier[]; attributes: Attribute[] }[] = [];
    this.MANY(() => {
      const star = this.CONSUME(T.Star);
      const qualifiers: TypeQualifier[] = [];
      const attributes: Attribute[] = [];
      this.MANY2(() => {
        this.OR([
          { ALT: () => { qualifiers.push(qualifierName(this.OR2(this.pointerQualifierAlts))); } },
          { ALT: () => { pushAll(attributes, this.SUBRULE(this.attributeSpecifier)); } },
        ]);
      });
      pointers.push({ star, qualifiers, attributes });
    });
    let decl = this.SUBRULE(this.directDeclarator, { ARGS: [mode] });
    // The first `*` is the outermost node: `int *const *p` is const-pointer(pointer(p)).
    for (let i = pointers.length - 1; i >= 0; i--) {
      const p = pointers[i]!;
      decl = { kind: 'pointer', loc: this.loc(p.star), qualifiers: p.qualifiers, inner: decl, attributes: p.attributes };
    }
    return decl;
  });

  /**
   * direct-declarator: (identifier | '(' attribute* declarator ')' | <nothing, if abstract>)
   *                    ('[' array-size ']' | '(' parameters ')')*
   */
  private readonly directDeclarator = this.RULE('directDeclarator', (mode: DeclaratorMode): Declarator => {
    this.declaratorMode = mode;
    let decl = this.OR(this.declaratorBaseAlts);
    let isFirstSuffix = true;
    this.MANY2(() => {
      const open = this.LA(1);
      this.OR2([
        {
          ALT: () => {
            const suffix = this.SUBRULE(this.arraySuffix);
            decl = { kind: 'array', loc: this.loc(open), inner: decl, ...suffix };
          },
        },
        {
          ALT: () => {
            const suffix = this.SUBRULE(this.functionSuffix);
            if (isFirstSuffix && decl.kind === 'ident' && decl.name !== null) this.lastParamScope = this.paramScopeOfLastSuffix;
            decl = { kind: 'function', loc: this.loc(open), inner: decl, ...suffix };
          },
        },
      ]);
      isFirstSuffix = false;
    });
    return decl;
  });

  /** The mode of the innermost directDeclarator call; its gates read it before anything nests. */
  private declaratorMode: DeclaratorMode = 'named';

  // Built once: a hot rule (Chevrotain performance guide).
  private readonly declaratorBaseAlts: OrMethodOpts<Declarator> = {
    ERR_MSG: "expected identifier or '('",
    // `(` opens either a nested declarator or (abstract only) a parameter list; the gate decides.
    IGNORE_AMBIGUITIES: true,
    MAX_LOOKAHEAD: 1,
    DEF: [
      {
        GATE: () => this.declaratorMode !== 'abstract',
        ALT: () => {
          const id = this.CONSUME(T.Identifier);
          return { kind: 'ident', loc: this.loc(id), name: id.image };
        },
      },
      {
        GATE: () => this.isNestedDeclarator(this.declaratorMode),
        ALT: () => {
          const mode = this.declaratorMode;
          this.CONSUME(T.LParen);
          this.MANY(() => this.SUBRULE(this.attributeSpecifier));
          const inner = this.SUBRULE(this.declarator, { ARGS: [mode] });
          this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
          return inner;
        },
      },
      {
        // Abstract: no name; the node sits where the name would be.
        GATE: () => this.declaratorMode !== 'named',
        ALT: () => ({ kind: 'ident', loc: this.loc(this.LA(1)), name: null }),
      },
    ],
  };

  /** In a declarator, does this `(` open a nested declarator rather than a parameter list? */
  private isNestedDeclarator(mode: DeclaratorMode): boolean {
    if (!this.is(1, T.LParen)) return false;
    if (mode === 'named') return true;
    const next = this.LA(2);
    const type = next.tokenType;
    if (type === T.Star || type === T.Attribute || type === T.LBracket) return true;
    if (type === T.LParen) return this.is(3, T.Star) || this.is(3, T.LParen);
    return mode === 'either' && type === T.Identifier && !this.isTypedefName(next) && !this.isUnknownTypeName(2);
  }

  /** '[' ('static' | type-qualifier)* ('*' | assignment-expression)? ']'  (6.7.6.2) */
  private readonly arraySuffix = this.RULE('arraySuffix', (): ArraySuffix => {
    this.CONSUME(T.LBracket);
    const qualifiers: TypeQualifier[] = [];
    let isStatic = false;
    this.MANY(() => {
      this.OR([
        { ALT: () => { this.CONSUME(T.Static); isStatic = true; } },
        { ALT: () => { qualifiers.push(qualifierName(this.OR2(this.pointerQualifierAlts))); } },
      ]);
    });
    let isStar = false;
    const size = this.OR3({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        {
          GATE: () => this.is(1, T.Star) && this.is(2, T.RBracket),
          ALT: () => {
            this.CONSUME(T.Star);
            isStar = true;
            return null;
          },
        },
        { GATE: () => !this.is(1, T.RBracket), ALT: () => this.SUBRULE(this.assignment) },
        { ALT: () => null },
      ],
    });
    this.CONSUME(T.RBracket, { ERR_MSG: "expected ']'" });
    return { size, isStar, isStatic, qualifiers };
  });

  private paramScopeOfLastSuffix: ReadonlyMap<string, boolean> | null = null;

  /**
   * '(' (parameter-list (',' '...')? | identifier-list | <nothing>) ')'  (6.7.6.3)
   * `(void)` is normalised to an empty prototype.
   */
  private readonly functionSuffix = this.RULE('functionSuffix', (): FunctionSuffix => {
    this.CONSUME(T.LParen);
    this.ACTION(() => this.scopes.push());
    const params: ParamDecl[] = [];
    const identifiers: { loc: SourceLoc; name: string }[] = [];
    let isVariadic = false;
    let hasPrototype = true;
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        {
          // K&R identifier list: names that are not types (6.7.6.3p3).
          GATE: () => this.is(1, T.Identifier) && !this.isTypedefName(this.LA(1)) && !this.isUnknownTypeName(1),
          ALT: () => {
            hasPrototype = false;
            this.AT_LEAST_ONE_SEP({
              SEP: T.Comma,
              DEF: () => {
                const id = this.CONSUME(T.Identifier, { ERR_MSG: 'expected identifier' });
                identifiers.push({ loc: this.loc(id), name: id.image });
              },
            });
          },
        },
        {
          GATE: () => !this.is(1, T.RParen),
          ALT: () => {
            params.push(this.SUBRULE(this.parameter));
            this.MANY({
              GATE: () => !this.is(2, T.Ellipsis),
              DEF: () => {
                this.CONSUME(T.Comma);
                params.push(this.SUBRULE2(this.parameter));
              },
            });
            this.OPTION(() => {
              this.CONSUME2(T.Comma);
              this.CONSUME(T.Ellipsis, { ERR_MSG: "expected declaration specifiers or '...'" });
              isVariadic = true;
            });
          },
        },
        {
          ALT: () => {
            hasPrototype = false;
          },
        },
      ],
    });
    this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
    this.ACTION(() => (this.paramScopeOfLastSuffix = this.scopes.pop()));
    if (!this.isRecording && params.length === 1 && isVoidOnly(params[0]!)) params.length = 0;
    return { params, isVariadic, hasPrototype, identifiers };
  });

  /** parameter-declaration: declaration-specifiers (declarator | abstract-declarator)? attribute*  (6.7.6.3) */
  private readonly parameter = this.RULE('parameter', (): ParamDecl => {
    const start = this.LA(1);
    if (!this.isRecording && !this.isDeclSpecStart(1) && !this.isUnknownTypeName(1)) {
      this.fail("expected declaration specifiers or '...'");
    }
    let specs = this.SUBRULE(this.declSpecs);
    const declarator = this.SUBRULE(this.declarator, { ARGS: ['either'] });
    // Attributes after a parameter's declarator apply to the parameter; ParamDecl keeps them with the specifiers.
    const trailing: Attribute[] = [];
    this.MANY(() => pushAll(trailing, this.SUBRULE(this.attributeSpecifier)));
    if (trailing.length > 0) specs = { ...specs, attributes: [...specs.attributes, ...trailing] };
    this.declareName(declarator, false);
    return { loc: this.loc(start), specs, declarator };
  });

  /** type-name: specifier-qualifier-list abstract-declarator?  (6.7.7) */
  readonly typeName = this.RULE('typeName', (): TypeName => {
    const start = this.LA(1);
    if (!this.isRecording && !this.isTypeNameStart(1)) this.fail('expected type name');
    const specs = this.SUBRULE(this.declSpecs);
    const declarator = this.SUBRULE(this.declarator, { ARGS: ['abstract'] });
    return { kind: 'typeName', loc: this.loc(start), specs, declarator };
  });

  /** initializer: assignment-expression | '{' initializer-list ','? '}'  (6.7.9) */
  readonly initializer = this.RULE('initializer', (): Initializer => {
    return this.OR([
      { ALT: () => this.SUBRULE(this.initializerList) },
      {
        ALT: () => {
          const start = this.LA(1);
          const expr = this.SUBRULE(this.assignment);
          return { kind: 'initExpr', loc: this.loc(start), expr } as Initializer;
        },
      },
    ]);
  });

  /** '{' (designation? initializer (',' designation? initializer)* ','?)? '}'; `{}` is GNU and C23. */
  readonly initializerList = this.RULE('initializerList', (): InitList => {
    const open = this.CONSUME(T.LBrace);
    // A long list of plain numbers is read in one step and kept compact (constant-run.ts).
    if (!this.isRecording) {
      const found = scanConstantRun((k) => this.LA(k), runTokenKind);
      if (found !== null) {
        for (let i = 0; i < found.tokenCount; i++) this.SKIP_TOKEN();
        return runList(this.loc(open), found.run);
      }
    }
    const items: InitItem[] = [];
    this.OPTION({
      GATE: () => !this.is(1, T.RBrace),
      DEF: () => {
        items.push(this.SUBRULE(this.initItem));
        this.MANY({
          GATE: () => !this.is(2, T.RBrace),
          DEF: () => {
            this.CONSUME(T.Comma);
            items.push(this.SUBRULE2(this.initItem));
          },
        });
        this.OPTION2(() => this.CONSUME2(T.Comma));
      },
    });
    this.CONSUME(T.RBrace, { ERR_MSG: "expected '}'" });
    return { kind: 'initList', loc: this.loc(open), items };
  });

  /** designation? initializer, where designation is designator+ '=' or the GNU `field:` form. */
  private readonly initItem = this.RULE('initItem', (): InitItem => {
    const start = this.LA(1);
    const designators: Designator[] = [];
    this.OPTION({
      GATE: () => this.is(1, T.LBracket) || this.is(1, T.Dot) || (this.is(1, T.Identifier) && this.is(2, T.Colon)),
      DEF: () => {
        this.OR([
          {
            GATE: () => this.is(1, T.Identifier),
            ALT: () => {
              const name = this.CONSUME(T.Identifier);
              this.CONSUME(T.Colon);
              designators.push({ kind: 'field', loc: this.loc(name), name: name.image });
            },
          },
          {
            ALT: () => {
              this.AT_LEAST_ONE(() => designators.push(this.SUBRULE(this.designator)));
              this.CONSUME(T.Assign, { ERR_MSG: "expected '='" });
            },
          },
        ]);
      },
    });
    const init = this.SUBRULE(this.initializer);
    return { loc: this.loc(start), designators, init };
  });

  /** designator: '[' constant-expression ('...' constant-expression)? ']' | '.' identifier */
  private readonly designator = this.RULE('designator', (): Designator => {
    return this.OR([
      {
        ALT: () => {
          const open = this.CONSUME(T.LBracket);
          const index = this.SUBRULE(this.constantExpression);
          const high = this.OPTION(() => {
            this.CONSUME(T.Ellipsis);
            return this.SUBRULE2(this.constantExpression);
          }) ?? null;
          this.CONSUME(T.RBracket, { ERR_MSG: "expected ']'" });
          return { kind: 'index', loc: this.loc(open), index, high } as Designator;
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Dot);
          const name = this.CONSUME2(T.Identifier, { ERR_MSG: 'expected identifier' });
          return { kind: 'field', loc: this.loc(name), name: name.image } as Designator;
        },
      },
    ]);
  });

  /** _Static_assert '(' constant-expression (',' string-literal)? ')' ';'  (6.7.10; the message is optional in C23) */
  readonly staticAssert = this.RULE('staticAssert', (): StaticAssert => {
    const kw = this.CONSUME(T.StaticAssert);
    this.CONSUME(T.LParen, { ERR_MSG: "expected '('" });
    const cond = this.SUBRULE(this.constantExpression);
    const message: StringLit | null = this.OPTION(() => {
      this.CONSUME(T.Comma);
      return this.SUBRULE(this.stringLiteral);
    }) ?? null;
    this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
    this.CONSUME(T.Semicolon, { ERR_MSG: "expected ';'" });
    return { kind: 'staticAssert', loc: this.loc(kw), cond, message };
  });
}

function qualifierName(token: IToken): TypeQualifier {
  switch (token.tokenType) {
    case T.Const: return 'const';
    case T.Volatile: return 'volatile';
    case T.Restrict: return 'restrict';
    default: return '_Atomic';
  }
}

/** `(void)`: a single unnamed parameter of plain type void means "no parameters" (6.7.6.3p10). */
function isVoidOnly(p: ParamDecl): boolean {
  const s: DeclSpecs = p.specs;
  return (
    s.typeSpecs.length === 1 && s.typeSpecs[0]!.kind === 'keyword' && s.typeSpecs[0]!.name === 'void' &&
    s.storage.length === 0 && s.qualifiers.length === 0 &&
    p.declarator.kind === 'ident' && p.declarator.name === null
  );
}


function runTokenKind(t: IToken): RunTokenKind {
  switch (t.tokenType) {
    case T.Number: return RunTokenKind.Number;
    case T.Minus: return RunTokenKind.Minus;
    case T.Comma: return RunTokenKind.Comma;
    case T.RBrace: return RunTokenKind.RBrace;
    default: return RunTokenKind.Other;
  }
}
