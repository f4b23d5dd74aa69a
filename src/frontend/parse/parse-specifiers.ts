// Declaration specifiers (C11 6.7.1-6.7.5): storage classes, type
// specifiers including struct/union (6.7.2.1) and enum (6.7.2.2) bodies,
// qualifiers, function specifiers, `_Alignas`, and the GNU forms
// `__attribute__((…))`, `typeof`, `__extension__` and `__asm__("sym")` labels.
//
// Typedef names: declaration specifiers take an identifier as a type only
// while no other type specifier has been seen and the scopes say it names a
// typedef (6.7.2p2, 6.7.8p3). An identifier followed by another identifier
// where a type is expected is reported as an unknown type name and read as
// `int`, as gcc does, so the rest of the declaration still parses.

import { MismatchedTokenException, type IToken, type ParserMethod } from 'chevrotain';
import * as T from '../lex/tokens.js';
import { pushAll } from './parser-base.js';
import type {
  Attribute, DeclSpecs, Declarator, EnumSpec, Enumerator, Expr, FunctionSpecifier, MemberDeclarator,
  RecordMember, RecordSpec, StaticAssert, StorageClass, TypeName, TypeQualifier, TypeSpec,
} from './ast.js';
import { ExpressionParser } from './parse-expressions.js';
import { builtinTypeNames } from './typedef-scopes.js';
import { declSpecStartTokens, qualifierTokens, storageTokens, typeKeywordTokens } from './parser-base.js';

/** Tokens that can never begin a member declaration; consumed as errors so the member loop goes on. */
const memberStrayTokens = T.cTokens.filter(
  (t) => !declSpecStartTokens.has(t) && t !== T.Semicolon && t !== T.StaticAssert && t !== T.RBrace,
);

/** Which declarator forms are allowed: a name is required, forbidden, or optional (parameters). */
export type DeclaratorMode = 'named' | 'abstract' | 'either';

interface SpecsInProgress {
  storage: StorageClass[];
  typeSpecs: TypeSpec[];
  qualifiers: TypeQualifier[];
  functionSpecs: FunctionSpecifier[];
  alignas: (TypeName | Expr)[];
  attributes: Attribute[];
  /** A type specifier was seen, so an identifier now is the declarator's name. */
  hasType: boolean;
}

const plainQualifiers = [T.Const, T.Volatile, T.Restrict];
const functionSpecTokens = new Map([[T.Inline, 'inline'], [T.Noreturn, '_Noreturn']] as const);

export abstract class SpecifierParser extends ExpressionParser {
  protected abstract declarator: ParserMethod<[DeclaratorMode], Declarator>;
  protected abstract staticAssert: ParserMethod<[], StaticAssert>;

  private readonly storageAlts = [...storageTokens.keys()].map((t) => ({ ALT: () => this.CONSUME(t) }));
  private readonly typeKeywordAlts = [...typeKeywordTokens.keys()].map((t) => ({ ALT: () => this.CONSUME(t) }));
  private readonly qualifierAlts = plainQualifiers.map((t) => ({ ALT: () => this.CONSUME(t) }));
  protected readonly pointerQualifierAlts = [...qualifierTokens.keys()].map((t) => ({ ALT: () => this.CONSUME(t) }));
  private readonly memberStrayAlts = memberStrayTokens.map((t) => ({ ALT: () => this.CONSUME(t) }));
  private readonly functionSpecAlts = [...functionSpecTokens.keys()].map((t) => ({ ALT: () => this.CONSUME(t) }));

  /** Raises a syntax error pointing at `token` (already consumed; `before` preceded it) so recovery resumes after it. */
  protected failAt(token: IToken, before: IToken, message: string): void {
    if (this.isRecording) return;
    const e = new MismatchedTokenException(message, token, before);
    // The offending token is already consumed: recovery resumes right after it.
    (e as { resumeHere?: boolean }).resumeHere = true;
    throw e;
  }

  /** Throws a syntax error at the next token (not while recording the grammar). */
  protected fail(message: string): void {
    if (this.isRecording) return;
    throw new MismatchedTokenException(message, this.LA(1), this.LA(0));
  }

  /**
   * declaration-specifiers: (storage-class | type-specifier | type-qualifier |
   *   function-specifier | alignment-specifier | attribute | __extension__)*   (6.7p1)
   */
  readonly declSpecs = this.RULE('declSpecs', (): DeclSpecs => {
    const first = this.LA(1);
    const outer = this.specAcc;
    const specs: SpecsInProgress = {
      storage: [], typeSpecs: [], qualifiers: [], functionSpecs: [], alignas: [], attributes: [], hasType: false,
    };
    this.specAcc = specs;
    try {
      this.MANY(this.specifierLoop);
    } finally {
      this.specAcc = outer;
    }
    const { hasType: _, ...result } = specs;
    return { loc: this.loc(first), ...result };
  });

  /**
   * The specifier being built by the innermost declSpecs call. The loop's
   * alternatives are built once and reach the specifiers through this field
   * rather than closures (hot path: Chevrotain performance guide).
   */
  private specAcc: SpecsInProgress = {
    storage: [], typeSpecs: [], qualifiers: [], functionSpecs: [], alignas: [], attributes: [], hasType: false,
  };

  private readonly specifierAlts = [
    { ALT: () => { this.specAcc.storage.push(storageTokens.get(this.OR2(this.storageAlts).tokenType)!); } },
    {
      ALT: () => {
        const t = this.OR3(this.typeKeywordAlts);
        this.specAcc.typeSpecs.push({ kind: 'keyword', loc: this.loc(t), name: typeKeywordTokens.get(t.tokenType)! });
        this.specAcc.hasType = true;
      },
    },
    { ALT: () => { this.specAcc.qualifiers.push(qualifierTokens.get(this.OR4(this.qualifierAlts).tokenType)!); } },
    {
      // `_Atomic ( type-name )` is a specifier (6.7.2.4p4); `_Atomic` alone a qualifier.
      ALT: () => {
        const kw = this.CONSUME(T.Atomic);
        const type = this.OPTION(() => {
          this.CONSUME(T.LParen);
          const inner = this.SUBRULE(this.typeName);
          this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
          return inner;
        });
        if (type === undefined) this.specAcc.qualifiers.push('_Atomic');
        else {
          this.specAcc.typeSpecs.push({ kind: 'atomic', loc: this.loc(kw), type });
          this.specAcc.hasType = true;
        }
      },
    },
    { ALT: () => { this.specAcc.functionSpecs.push(functionSpecTokens.get(this.OR5(this.functionSpecAlts).tokenType)!); } },
    { ALT: () => { pushAll(this.specAcc.attributes, this.SUBRULE(this.attributeSpecifier)); } },
    { ALT: () => { this.CONSUME(T.Extension); } },
    {
      // _Alignas ( type-name | constant-expression )  (6.7.5)
      ALT: () => {
        this.CONSUME(T.Alignas);
        this.CONSUME2(T.LParen, { ERR_MSG: "expected '('" });
        this.specAcc.alignas.push(this.SUBRULE(this.typeNameOrExpression));
        this.CONSUME2(T.RParen, { ERR_MSG: "expected ')'" });
      },
    },
    { ALT: () => { this.specAcc.typeSpecs.push(this.SUBRULE(this.recordSpecifier)); this.specAcc.hasType = true; } },
    { ALT: () => { this.specAcc.typeSpecs.push(this.SUBRULE(this.enumSpecifier)); this.specAcc.hasType = true; } },
    {
      // GNU typeof ( type-name | expression )
      ALT: () => {
        const kw = this.CONSUME(T.Typeof);
        this.CONSUME3(T.LParen, { ERR_MSG: "expected '('" });
        const arg = this.SUBRULE2(this.typeNameOrExpression);
        this.CONSUME3(T.RParen, { ERR_MSG: "expected ')'" });
        this.specAcc.typeSpecs.push({ kind: 'typeof', loc: this.loc(kw), arg });
        this.specAcc.hasType = true;
      },
    },
    {
      ALT: () => {
        const id = this.CONSUME(T.Identifier);
        this.specAcc.hasType = true;
        if (this.isRecording) return;
        const builtin = this.scopes.isBuiltinType(id.image) ? builtinTypeNames.get(id.image) : undefined;
        if (builtin !== undefined) {
          for (const name of builtin) this.specAcc.typeSpecs.push({ kind: 'keyword', loc: this.loc(id), name });
        } else if (this.scopes.isTypedefName(id.image)) {
          this.specAcc.typeSpecs.push({ kind: 'typedefName', loc: this.loc(id), name: id.image });
        } else {
          // `foo x;` with foo undeclared: report once and go on as gcc does, as if it were int.
          this.error(this.loc(id), `unknown type name '${id.image}'`);
          this.specAcc.typeSpecs.push({ kind: 'keyword', loc: this.loc(id), name: 'int' });
        }
      },
    },
  ];

  private readonly specifierLoop = {
    GATE: () => this.isSpecifierHere(this.specAcc.hasType),
    DEF: () => {
      this.OR(this.specifierAlts);
    },
  };

  /** Is the next token one more declaration specifier? Identifiers count only as the first type specifier. */
  private isSpecifierHere(hasType: boolean): boolean {
    const t = this.LA(1);
    if (t.tokenType === T.Identifier) return !hasType && (this.scopes.isTypedefName(t.image) || this.isUnknownTypeName(1));
    return this.isDeclSpecStart(1);
  }

  /** typeof / _Alignas operand: a type name when the next token begins one, else an expression. */
  private readonly typeNameOrExpression = this.RULE('typeNameOrExpression', (): TypeName | Expr => {
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { GATE: () => this.isTypeNameStart(1), ALT: () => this.SUBRULE(this.typeName) },
        { ALT: () => this.SUBRULE(this.expression) },
      ],
    });
  });

  /** GNU attribute-specifier: __attribute__ '(' '(' attribute? (',' attribute?)* ')' ')' */
  readonly attributeSpecifier = this.RULE('attributeSpecifier', (): Attribute[] => {
    const attrs: Attribute[] = [];
    this.CONSUME(T.Attribute);
    this.CONSUME(T.LParen, { ERR_MSG: "expected '('" });
    this.CONSUME2(T.LParen, { ERR_MSG: "expected '('" });
    this.MANY_SEP({
      SEP: T.Comma,
      DEF: () => {
        // Attribute names may be keywords: __attribute__((const)), ((__noreturn__)).
        const name = this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.Keyword) }]);
        const args: Expr[] = [];
        this.OPTION(() => {
          this.CONSUME3(T.LParen);
          this.MANY_SEP2({ SEP: T.Comma, DEF: () => args.push(this.SUBRULE(this.assignment)) });
          this.CONSUME3(T.RParen, { ERR_MSG: "expected ')'" });
        });
        attrs.push({ loc: this.loc(name), name: name.image, args });
      },
    });
    this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
    this.CONSUME2(T.RParen, { ERR_MSG: "expected ')'" });
    return attrs;
  });

  /** GNU asm label: ('asm' | '__asm__') '(' string-literal ')' — the symbol's assembler name. */
  readonly asmLabel = this.RULE('asmLabel', (): string => {
    this.CONSUME(T.Asm);
    this.CONSUME(T.LParen, { ERR_MSG: "expected '('" });
    const s = this.SUBRULE(this.stringLiteral);
    this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
    return this.isRecording ? '' : String.fromCharCode(...s.units);
  });

  /** struct-or-union attribute* identifier? ('{' struct-declaration* '}')? attribute*  (6.7.2.1) */
  readonly recordSpecifier = this.RULE('recordSpecifier', (): RecordSpec => {
    const kw = this.OR([{ ALT: () => this.CONSUME(T.Struct) }, { ALT: () => this.CONSUME(T.Union) }]);
    const attributes: Attribute[] = [];
    this.MANY(() => pushAll(attributes, this.SUBRULE(this.attributeSpecifier)));
    let tag: string | null = null;
    let members: (RecordMember | StaticAssert)[] | null = null;
    this.OR2({
      ERR_MSG: "expected '{'",
      DEF: [
        {
          ALT: () => {
            tag = this.CONSUME(T.Identifier).image;
            this.OPTION(() => (members = this.SUBRULE(this.recordBody)));
          },
        },
        { ALT: () => (members = this.SUBRULE2(this.recordBody)) },
      ],
    });
    this.MANY2(() => pushAll(attributes, this.SUBRULE2(this.attributeSpecifier)));
    return { kind: 'record', loc: this.loc(kw), isUnion: kw.tokenType === T.Union, tag, members, attributes };
  });

  /** '{' struct-declaration* '}'; an empty body is a GNU extension. */
  private readonly recordBody = this.RULE('recordBody', (): (RecordMember | StaticAssert)[] => {
    this.CONSUME(T.LBrace);
    const members: (RecordMember | StaticAssert)[] = [];
    this.MANY({
      GATE: () => !this.is(1, T.RBrace),
      DEF: () => {
        const m = this.SUBRULE(this.memberDeclaration);
        if (m !== null) members.push(m);
      },
    });
    this.CONSUME(T.RBrace, { ERR_MSG: "expected '}'" });
    return members;
  });

  /**
   * struct-declaration: specifier-qualifier-list struct-declarator-list? ';' | static_assert-declaration
   * struct-declarator: declarator | declarator? ':' constant-expression
   */
  private readonly memberDeclaration = this.RULE('memberDeclaration', (): RecordMember | StaticAssert | null => {
    const start = this.LA(1);
    const depth = this.scopes.depth;
    try {
      return this.OR({
        IGNORE_AMBIGUITIES: true,
        MAX_LOOKAHEAD: 1,
        DEF: [
          { ALT: () => this.SUBRULE(this.staticAssert) },
          {
            // A stray ';' in a struct is accepted (gcc warns only with -pedantic).
            ALT: () => {
              this.CONSUME(T.Semicolon);
              return null;
            },
          },
          {
            GATE: () => this.isDeclSpecStart(1) || this.isUnknownTypeName(1),
            ALT: () => {
              const specs = this.SUBRULE(this.declSpecs);
              const declarators: MemberDeclarator[] = [];
              this.MANY_SEP({ SEP: T.Comma, DEF: () => declarators.push(this.SUBRULE(this.memberDeclarator)) });
              this.CONSUME2(T.Semicolon, { ERR_MSG: "expected ';' at end of member declaration" });
              return { kind: 'member', loc: this.loc(start), specs, declarators } as RecordMember;
            },
          },
          {
            ALT: () => {
              // Anything else cannot begin a member.
              const before = this.LA(0);
              this.SUBRULE(this.memberStrayToken);
              this.failAt(start, before, 'expected specifier-qualifier-list');
              return null;
            },
          },
        ],
        ERR_MSG: 'expected specifier-qualifier-list',
      });
    } catch (e) {
      this.recover(e, start, depth, false);
      return null;
    }
  });

  private readonly memberStrayToken = this.RULE('memberStrayToken', (): void => {
    this.OR(this.memberStrayAlts);
  });

  private readonly memberDeclarator = this.RULE('memberDeclarator', (): MemberDeclarator => {
    const start = this.LA(1);
    const declarator = this.OPTION({
      GATE: () => !this.is(1, T.Colon),
      DEF: () => this.SUBRULE(this.declarator, { ARGS: ['named'] }),
    }) ?? null;
    const bitWidth = this.OPTION2(() => {
      this.CONSUME(T.Colon);
      return this.SUBRULE(this.constantExpression);
    }) ?? null;
    const attributes: Attribute[] = [];
    this.MANY(() => pushAll(attributes, this.SUBRULE(this.attributeSpecifier)));
    return { loc: this.loc(start), declarator, bitWidth, attributes };
  });

  /** enum attribute* identifier? ('{' enumerator (',' enumerator)* ','? '}')? attribute*  (6.7.2.2) */
  readonly enumSpecifier = this.RULE('enumSpecifier', (): EnumSpec => {
    const kw = this.CONSUME(T.Enum);
    const attributes: Attribute[] = [];
    this.MANY(() => pushAll(attributes, this.SUBRULE(this.attributeSpecifier)));
    let tag: string | null = null;
    let enumerators: Enumerator[] | null = null;
    this.OR({
      ERR_MSG: "expected '{'",
      DEF: [
        {
          ALT: () => {
            tag = this.CONSUME(T.Identifier).image;
            this.OPTION(() => (enumerators = this.SUBRULE(this.enumBody)));
          },
        },
        { ALT: () => (enumerators = this.SUBRULE2(this.enumBody)) },
      ],
    });
    this.MANY2(() => pushAll(attributes, this.SUBRULE2(this.attributeSpecifier)));
    return { kind: 'enum', loc: this.loc(kw), tag, enumerators, attributes };
  });

  /** '{' enumerator (',' enumerator)* ','? '}' */
  private readonly enumBody = this.RULE('enumBody', (): Enumerator[] => {
    this.CONSUME(T.LBrace);
    const list: Enumerator[] = [this.SUBRULE(this.enumerator)];
    this.MANY({
      GATE: () => this.is(1, T.Comma) && !this.is(2, T.RBrace),
      DEF: () => {
        this.CONSUME(T.Comma);
        list.push(this.SUBRULE2(this.enumerator));
      },
    });
    this.OPTION(() => this.CONSUME2(T.Comma));
    this.CONSUME(T.RBrace, { ERR_MSG: "expected ',' or '}'" });
    return list;
  });

  /** enumerator: identifier attribute* ('=' constant-expression)? */
  private readonly enumerator = this.RULE('enumerator', (): Enumerator => {
    const name = this.CONSUME(T.Identifier, { ERR_MSG: 'expected identifier' });
    this.MANY(() => this.SUBRULE(this.attributeSpecifier));
    const value = this.OPTION(() => {
      this.CONSUME(T.Assign);
      return this.SUBRULE(this.constantExpression);
    }) ?? null;
    // An enumerator is an ordinary identifier from here on (6.2.1p7), hiding any typedef.
    this.ACTION(() => this.scopes.declare(name.image, false));
    return { loc: this.loc(name), name: name.image, value };
  });
}
