// Expressions (C11 6.5) plus the GNU forms real code uses: statement
// expressions, `&&label`, `__builtin_va_arg`, `__builtin_offsetof`,
// `__builtin_types_compatible_p`, `__builtin_convertvector`, `__extension__`, `a ?: b`.
//
// Binary operators share one rule: a flat list of cast-expressions and
// operators, folded by precedence climbing over the table below (6.5.5 to
// 6.5.14, all left-associative). The typedef ambiguity appears twice here:
// `(T)x` is a cast only when T names a type (6.5.4), and `sizeof (T)` takes a
// type name only then (6.5.3.4).
//
// Output: AST expressions; `loc` is the operator for binary, assignment,
// member and index nodes, the first token otherwise.

import type { IOrAlt, IToken, OrMethodOpts, ParserMethod, TokenType } from 'chevrotain';
import * as T from '../lex/tokens.js';
import type { CToken } from '../lex/tokens.js';
import type {
  AssignOp, BinaryOp, CompoundStmt, Expr, GenericAssoc, InitList, OffsetofDesignator, StringLit, TypeName, UnaryOp,
} from './ast.js';
import { parseCharLiteral, parseNumberLiteral, parseStringLiterals } from './literals.js';
import { ParserBase } from './parser-base.js';

/** Binding strength of each binary operator (higher binds tighter), C11 6.5.5-6.5.14. */
const binaryOps: ReadonlyMap<TokenType, { op: BinaryOp; prec: number }> = new Map([
  [T.Star, { op: '*', prec: 10 }], [T.Slash, { op: '/', prec: 10 }], [T.Percent, { op: '%', prec: 10 }],
  [T.Plus, { op: '+', prec: 9 }], [T.Minus, { op: '-', prec: 9 }],
  [T.Shl, { op: '<<', prec: 8 }], [T.Shr, { op: '>>', prec: 8 }],
  [T.Less, { op: '<', prec: 7 }], [T.Greater, { op: '>', prec: 7 }], [T.LessEq, { op: '<=', prec: 7 }], [T.GreaterEq, { op: '>=', prec: 7 }],
  [T.EqEq, { op: '==', prec: 6 }], [T.NotEq, { op: '!=', prec: 6 }],
  [T.Amp, { op: '&', prec: 5 }], [T.Caret, { op: '^', prec: 4 }], [T.Pipe, { op: '|', prec: 3 }],
  [T.AndAnd, { op: '&&', prec: 2 }], [T.OrOr, { op: '||', prec: 1 }],
] as [TokenType, { op: BinaryOp; prec: number }][]);

const assignOps: ReadonlyMap<TokenType, AssignOp> = new Map<TokenType, AssignOp>([
  [T.Assign, '='], [T.MulAssign, '*='], [T.DivAssign, '/='], [T.ModAssign, '%='], [T.AddAssign, '+='],
  [T.SubAssign, '-='], [T.ShlAssign, '<<='], [T.ShrAssign, '>>='], [T.AndAssign, '&='], [T.XorAssign, '^='],
  [T.OrAssign, '|='],
]);

const unaryOps: ReadonlyMap<TokenType, UnaryOp> = new Map<TokenType, UnaryOp>([
  [T.Amp, '&'], [T.Star, '*'], [T.Plus, '+'], [T.Minus, '-'], [T.Tilde, '~'], [T.Bang, '!'],
  [T.Real, '__real__'], [T.Imag, '__imag__'],
]);

/**
 * Tokens with which a unary-expression must be a postfix-expression (6.5.3);
 * `(` too, because casts and compound literals were taken by castExpression.
 */
const postfixOnlyStarts = new Set<TokenType>([T.Identifier, T.Number, T.CharLiteral, T.StringLiteral, T.LParen]);

interface BinaryTail {
  readonly token: IToken;
  readonly operand: Expr;
}

export abstract class ExpressionParser extends ParserBase {
  protected abstract typeName: ParserMethod<[], TypeName>;
  protected abstract initializerList: ParserMethod<[], InitList>;
  protected abstract compoundStatement: ParserMethod<[ReadonlyMap<string, boolean> | null], CompoundStmt>;

  // OR alternatives without captured variables, built once (Chevrotain performance guide).
  private readonly binaryOpAlts = [...binaryOps.keys()].map((t) => ({ ALT: () => this.CONSUME(t) }));
  private readonly assignOpAlts = [...assignOps.keys()].map((t) => ({ ALT: () => this.CONSUME(t) }));
  private readonly unaryOpAlts = [...unaryOps.keys()].map((t) => ({ ALT: () => this.CONSUME(t) }));

  /** expression: assignment-expression (',' assignment-expression)*  (6.5.17) */
  readonly expression = this.RULE('expression', (): Expr => {
    let expr = this.SUBRULE(this.assignment);
    this.MANY(() => {
      const comma = this.CONSUME(T.Comma);
      const right = this.SUBRULE2(this.assignment);
      expr = { kind: 'binary', loc: this.loc(comma), op: ',', left: expr, right };
    });
    return expr;
  });

  /**
   * assignment-expression: conditional-expression (assignment-operator assignment-expression)?  (6.5.16)
   * The left side is parsed as a conditional expression; sema checks it is an lvalue, as gcc does.
   */
  readonly assignment = this.RULE('assignment', (): Expr => {
    // conditional-expression inlined (binary-expression conditional-tail?): one rule level less
    // per nesting level, which bounds how deeply parentheses may nest before the stack runs out.
    const first = this.SUBRULE(this.binary);
    const target = this.OPTION3(() => this.SUBRULE(this.conditionalTail, { ARGS: [first] })) ?? first;
    const assign = this.OPTION((): Expr => {
      const op = this.OR(this.assignOpAlts);
      const value = this.SUBRULE(this.assignment);
      return { kind: 'assign', loc: this.loc(op), op: assignOps.get(op.tokenType)!, target, value };
    });
    return assign ?? target;
  });

  /** conditional-expression: binary-expression ('?' expression? ':' conditional-expression)?  (6.5.15; GNU allows `a ?: b`) */
  readonly conditional = this.RULE('conditional', (): Expr => {
    const cond = this.SUBRULE(this.binary);
    return this.OPTION(() => this.SUBRULE(this.conditionalTail, { ARGS: [cond] })) ?? cond;
  });

  /** conditional-tail: '?' expression? ':' conditional-expression  (the GNU form omits the middle) */
  private readonly conditionalTail = this.RULE('conditionalTail', (cond: Expr): Expr => {
    const q = this.CONSUME(T.Question);
    // GNU `a ?: b` reuses the condition as the middle operand.
    const then = this.OPTION(() => this.SUBRULE(this.expression)) ?? cond;
    this.CONSUME(T.Colon, { ERR_MSG: "expected ':'" });
    const otherwise = this.SUBRULE(this.conditional);
    return { kind: 'cond', loc: this.loc(q), cond, then, else: otherwise };
  });

  /** binary-expression: cast-expression (binary-operator cast-expression)*, folded by precedence. */
  readonly binary = this.RULE('binary', (): Expr => {
    const first = this.SUBRULE(this.castExpression);
    const tail: BinaryTail[] = [];
    this.MANY(() => {
      const token = this.OR(this.binaryOpAlts);
      const operand = this.SUBRULE2(this.castExpression);
      tail.push({ token, operand });
    });
    if (tail.length === 0 || this.isRecording) return first;
    return foldBinary(first, tail);
  });

  /**
   * cast-expression: '(' type-name ')' cast-expression
   *                | '(' type-name ')' '{' initializer-list '}' postfix-suffix*   (compound literal, 6.5.2.5)
   *                | unary-expression
   */
  readonly castExpression = this.RULE('castExpression', (): Expr => {
    // Fast path for the common case: no `(`, so no cast. The same SUBRULE occurrence as the
    // OR's second alternative, so the recorded grammar is unchanged (the OR is recorded).
    if (!this.isRecording && !(this.is(1, T.LParen) && this.isTypeNameStart(2))) return this.SUBRULE(this.unary);
    return this.OR(this.castAlts);
  });

  // Built once: this rule runs for every operand (Chevrotain performance guide).
  private readonly castAlts: OrMethodOpts<Expr> = {
    // `(` followed by a type name can only be a cast or a compound literal; the gate
    // decides what LL(k) cannot (typedef names look like identifiers), hence IGNORE_AMBIGUITIES.
    IGNORE_AMBIGUITIES: true,
    MAX_LOOKAHEAD: 1,
    DEF: [
      {
        GATE: () => this.is(1, T.LParen) && this.isTypeNameStart(2),
        ALT: () => {
          const open = this.CONSUME(T.LParen);
          const type = this.SUBRULE(this.typeName);
          this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
          return this.OR2([
            {
              ALT: () => {
                const init = this.SUBRULE(this.initializerList);
                const literal: Expr = { kind: 'compoundLiteral', loc: this.loc(open), type, init };
                return this.SUBRULE(this.postfixSuffixes, { ARGS: [literal] });
              },
            },
            {
              ALT: () => {
                const operand = this.SUBRULE(this.castExpression);
                return { kind: 'cast', loc: this.loc(open), type, operand } as Expr;
              },
            },
          ]);
        },
      },
      { ALT: () => this.SUBRULE(this.unary) },
    ],
  };

  /** unary-expression (6.5.3), with GNU `&&label`, `__extension__` and `__alignof__ expr`. */
  readonly unary = this.RULE('unary', (): Expr => {
    // Fast path: an identifier or constant can only begin a postfix expression (same occurrence as below).
    if (!this.isRecording && postfixOnlyStarts.has(this.LA(1).tokenType)) return this.SUBRULE(this.postfix);
    return this.OR(this.unaryAlts);
  });

  // Built once: this rule runs for every operand (Chevrotain performance guide).
  private readonly unaryAlts: OrMethodOpts<Expr> = {
    IGNORE_AMBIGUITIES: true,
    MAX_LOOKAHEAD: 1,
    DEF: [
      {
        ALT: () => {
          const op = this.OR2([{ ALT: () => this.CONSUME(T.PlusPlus) }, { ALT: () => this.CONSUME(T.MinusMinus) }]);
          const operand = this.SUBRULE(this.unary);
          return { kind: 'incDec', loc: this.loc(op), op: op.tokenType === T.PlusPlus ? '++' : '--', isPrefix: true, operand } as Expr;
        },
      },
      {
        ALT: () => {
          const op = this.OR3(this.unaryOpAlts);
          const operand = this.SUBRULE(this.castExpression);
          return { kind: 'unary', loc: this.loc(op), op: unaryOps.get(op.tokenType)!, operand } as Expr;
        },
      },
      {
        ALT: () => {
          const op = this.CONSUME(T.AndAnd);
          const label = this.CONSUME(T.Identifier, { ERR_MSG: 'expected identifier' });
          return { kind: 'labelAddr', loc: this.loc(op), label: label.image } as Expr;
        },
      },
      { ALT: () => this.SUBRULE(this.sizeofExpression) },
      { ALT: () => this.SUBRULE(this.alignofExpression) },
      {
        ALT: () => {
          this.CONSUME(T.Extension);
          return this.SUBRULE2(this.castExpression);
        },
      },
      { ALT: () => this.SUBRULE(this.postfix) },
    ],
  };

  /** sizeof unary-expression | sizeof '(' type-name ')'  (6.5.3.4) */
  private readonly sizeofExpression = this.RULE('sizeofExpression', (): Expr => {
    const op = this.CONSUME(T.Sizeof);
    const loc = this.loc(op);
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        {
          GATE: () => this.is(1, T.LParen) && this.isTypeNameStart(2),
          ALT: () => {
            const open = this.CONSUME(T.LParen);
            const type = this.SUBRULE(this.typeName);
            this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
            return this.OR2([
              {
                // `sizeof (T){…}` is the size of a compound literal.
                ALT: () => {
                  const init = this.SUBRULE(this.initializerList);
                  const literal: Expr = { kind: 'compoundLiteral', loc: this.loc(open), type, init };
                  const operand = this.SUBRULE(this.postfixSuffixes, { ARGS: [literal] });
                  return { kind: 'sizeofExpr', loc, operand } as Expr;
                },
              },
              { ALT: () => ({ kind: 'sizeofType', loc, type }) as Expr },
            ]);
          },
        },
        {
          ALT: () => {
            const operand = this.SUBRULE(this.unary);
            return { kind: 'sizeofExpr', loc, operand } as Expr;
          },
        },
      ],
    });
  });

  /** _Alignof '(' type-name ')' (6.5.3.4); GNU `__alignof__` also takes an expression. */
  private readonly alignofExpression = this.RULE('alignofExpression', (): Expr => {
    const op = this.CONSUME(T.Alignof);
    const loc = this.loc(op);
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        {
          GATE: () => this.is(1, T.LParen) && this.isTypeNameStart(2),
          ALT: () => {
            this.CONSUME(T.LParen);
            const type = this.SUBRULE(this.typeName);
            this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
            return { kind: 'alignof', loc, type } as Expr;
          },
        },
        {
          ALT: () => {
            const operand = this.SUBRULE(this.unary);
            return { kind: 'alignof', loc, type: operand } as Expr;
          },
        },
      ],
    });
  });

  /** postfix-expression: primary-expression postfix-suffix*  (6.5.2) */
  readonly postfix = this.RULE('postfix', (): Expr => {
    const base = this.SUBRULE(this.primary);
    return this.SUBRULE(this.postfixSuffixes, { ARGS: [base] });
  });

  /** postfix-suffix: '[' expression ']' | '(' argument-list? ')' | ('.' | '->') identifier | '++' | '--' */
  readonly postfixSuffixes = this.RULE('postfixSuffixes', (base: Expr): Expr => {
    let expr = base;
    this.MANY(() => {
      this.postfixBase = expr;
      expr = this.OR(this.postfixAlts);
    });
    return expr;
  });

  /** The operand the next suffix applies to; each alternative reads it before parsing anything. */
  private postfixBase: Expr | null = null;

  private readonly postfixAlts: IOrAlt<Expr>[] = [
    {
      ALT: () => {
        const base = this.postfixBase!;
        const open = this.CONSUME(T.LBracket);
        const index = this.SUBRULE(this.expression);
        this.CONSUME(T.RBracket, { ERR_MSG: "expected ']'" });
        return { kind: 'index', loc: this.loc(open), base, index };
      },
    },
    {
      ALT: () => {
        const callee = this.postfixBase!;
        const open = this.CONSUME(T.LParen);
        const args: Expr[] = [];
        this.MANY_SEP({
          SEP: T.Comma,
          DEF: () => {
            args.push(this.SUBRULE(this.assignment));
          },
        });
        this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
        return { kind: 'call', loc: this.loc(open), callee, args };
      },
    },
    {
      ALT: () => {
        const base = this.postfixBase!;
        const op = this.OR2([{ ALT: () => this.CONSUME(T.Dot) }, { ALT: () => this.CONSUME(T.Arrow) }]);
        const member = this.CONSUME2(T.Identifier, { ERR_MSG: 'expected identifier' });
        return { kind: 'member', loc: this.loc(op), base, member: member.image, isArrow: op.tokenType === T.Arrow };
      },
    },
    {
      ALT: () => {
        const operand = this.postfixBase!;
        const op = this.OR3([{ ALT: () => this.CONSUME(T.PlusPlus) }, { ALT: () => this.CONSUME(T.MinusMinus) }]);
        return { kind: 'incDec', loc: this.loc(op), op: op.tokenType === T.PlusPlus ? '++' : '--', isPrefix: false, operand };
      },
    },
  ];

  /** primary-expression (6.5.1), `_Generic` (6.5.1.1), GNU statement expressions and builtins. */
  readonly primary = this.RULE('primary', (): Expr => this.OR(this.primaryAlts));

  // Built once: this rule runs for every operand (Chevrotain performance guide).
  private readonly primaryAlts: OrMethodOpts<Expr> = {
    ERR_MSG: 'expected expression',
    IGNORE_AMBIGUITIES: true,
    MAX_LOOKAHEAD: 1,
    DEF: [
      {
        ALT: () => {
          const id = this.CONSUME(T.Identifier);
          return { kind: 'ident', loc: this.loc(id), name: id.image } as Expr;
        },
      },
      {
        ALT: () => {
          const num = this.CONSUME(T.Number);
          if (this.isRecording) return num as unknown as Expr;
          return parseNumberLiteral(num.image, this.loc(num), this.sink!) as Expr;
        },
      },
      {
        ALT: () => {
          const ch = this.CONSUME(T.CharLiteral);
          if (this.isRecording) return ch as unknown as Expr;
          return parseCharLiteral(ch.image, this.loc(ch), this.sink!) as Expr;
        },
      },
      { ALT: () => this.SUBRULE(this.stringLiteral) as Expr },
      {
        // '(' expression ')', or the GNU statement expression `({ … })`: a `{` right after `(`
        // cannot begin an expression.
        ALT: () => {
          const open = this.CONSUME(T.LParen);
          const inner = this.OR2({
            IGNORE_AMBIGUITIES: true,
            MAX_LOOKAHEAD: 1,
            DEF: [
              {
                GATE: () => this.is(1, T.LBrace),
                ALT: () => {
                  const body = this.SUBRULE(this.compoundStatement, { ARGS: [null] });
                  return { kind: 'stmtExpr', loc: this.loc(open), body } as Expr;
                },
              },
              { ALT: () => this.SUBRULE(this.expression) },
            ],
          });
          this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
          return inner;
        },
      },
      { ALT: () => this.SUBRULE(this.genericSelection) },
      { ALT: () => this.SUBRULE(this.builtinCall) },
    ],
  };

  /** string-literal+: adjacent literals concatenate (6.4.5p5). */
  readonly stringLiteral = this.RULE('stringLiteral', (): StringLit => {
    const parts: IToken[] = [];
    this.AT_LEAST_ONE(() => {
      parts.push(this.CONSUME(T.StringLiteral));
    });
    if (this.isRecording) return parts[0] as unknown as StringLit;
    return parseStringLiterals(parts.map((t) => ({ text: t.image, loc: this.loc(t) })), this.sink!);
  });

  /** _Generic '(' assignment-expression (',' (type-name | default) ':' assignment-expression)+ ')'  (6.5.1.1) */
  private readonly genericSelection = this.RULE('genericSelection', (): Expr => {
    const kw = this.CONSUME(T.Generic);
    this.CONSUME(T.LParen, { ERR_MSG: "expected '('" });
    const control = this.SUBRULE(this.assignment);
    const assocs: GenericAssoc[] = [];
    this.AT_LEAST_ONE(() => {
      this.CONSUME(T.Comma, { ERR_MSG: "expected ','" });
      const start = this.LA(1);
      const type = this.OR({
        ERR_MSG: 'expected specifier-qualifier-list',
        DEF: [
        {
          ALT: () => {
            this.CONSUME(T.Default);
            return null;
          },
        },
        { ALT: () => this.SUBRULE(this.typeName) },
        ],
      });
      this.CONSUME(T.Colon, { ERR_MSG: "expected ':'" });
      const expr = this.SUBRULE2(this.assignment);
      assocs.push({ loc: this.loc(start), type, expr });
    });
    this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
    return { kind: 'generic', loc: this.loc(kw), control, assocs };
  });

  /** The GNU builtins whose operands include type names. */
  private readonly builtinCall = this.RULE('builtinCall', (): Expr => {
    return this.OR([
      {
        // __builtin_va_arg '(' assignment-expression ',' type-name ')'
        ALT: () => {
          const kw = this.CONSUME(T.BuiltinVaArg);
          this.CONSUME(T.LParen, { ERR_MSG: "expected '('" });
          const ap = this.SUBRULE(this.assignment);
          this.CONSUME(T.Comma, { ERR_MSG: "expected ','" });
          const type = this.SUBRULE(this.typeName);
          this.CONSUME(T.RParen, { ERR_MSG: "expected ')'" });
          return { kind: 'builtin', loc: this.loc(kw), name: '__builtin_va_arg', args: [ap, type] } as Expr;
        },
      },
      {
        // __builtin_offsetof '(' type-name ',' identifier ('.' identifier | '[' expression ']')* ')'
        ALT: () => {
          const kw = this.CONSUME(T.BuiltinOffsetof);
          this.CONSUME2(T.LParen, { ERR_MSG: "expected '('" });
          const type = this.SUBRULE2(this.typeName);
          this.CONSUME2(T.Comma, { ERR_MSG: "expected ','" });
          const designator = this.SUBRULE(this.offsetofDesignator);
          this.CONSUME2(T.RParen, { ERR_MSG: "expected ')'" });
          return { kind: 'builtin', loc: this.loc(kw), name: '__builtin_offsetof', args: [type, designator] } as Expr;
        },
      },
      {
        // __builtin_types_compatible_p '(' type-name ',' type-name ')'
        ALT: () => {
          const kw = this.CONSUME(T.BuiltinTypesCompatible);
          this.CONSUME3(T.LParen, { ERR_MSG: "expected '('" });
          const a = this.SUBRULE3(this.typeName);
          this.CONSUME3(T.Comma, { ERR_MSG: "expected ','" });
          const b = this.SUBRULE4(this.typeName);
          this.CONSUME3(T.RParen, { ERR_MSG: "expected ')'" });
          return { kind: 'builtin', loc: this.loc(kw), name: '__builtin_types_compatible_p', args: [a, b] } as Expr;
        },
      },
      {
        // __builtin_convertvector '(' assignment-expression ',' type-name ')'  (GNU vectors)
        ALT: () => {
          const kw = this.CONSUME(T.BuiltinConvertVector);
          this.CONSUME4(T.LParen, { ERR_MSG: "expected '('" });
          const v = this.SUBRULE2(this.assignment);
          this.CONSUME4(T.Comma, { ERR_MSG: "expected ','" });
          const type = this.SUBRULE5(this.typeName);
          this.CONSUME4(T.RParen, { ERR_MSG: "expected ')'" });
          return { kind: 'builtin', loc: this.loc(kw), name: '__builtin_convertvector', args: [v, type] } as Expr;
        },
      },
    ]);
  });

  private readonly offsetofDesignator = this.RULE('offsetofDesignator', (): OffsetofDesignator => {
    const first = this.CONSUME(T.Identifier, { ERR_MSG: 'expected identifier' });
    const path: OffsetofDesignator['path'][number][] = [{ kind: 'field', name: first.image, loc: this.loc(first) }];
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Dot);
            const name = this.CONSUME2(T.Identifier, { ERR_MSG: 'expected identifier' });
            path.push({ kind: 'field', name: name.image, loc: this.loc(name) });
          },
        },
        {
          ALT: () => {
            const open = this.CONSUME(T.LBracket);
            const index = this.SUBRULE(this.expression);
            this.CONSUME(T.RBracket, { ERR_MSG: "expected ']'" });
            path.push({ kind: 'index', index, loc: this.loc(open) });
          },
        },
      ]);
    });
    return { kind: 'offsetofDesignator', loc: this.loc(first), path };
  });

  /** constant-expression: conditional-expression (6.6); sema checks it is constant. */
  readonly constantExpression = this.RULE('constantExpression', (): Expr => this.SUBRULE(this.conditional));
}

/** Precedence climbing over `first op1 e1 op2 e2 …`; equal precedence groups to the left. */
function foldBinary(first: Expr, tail: readonly BinaryTail[]): Expr {
  let i = 0;
  const precOf = (t: IToken) => binaryOps.get(t.tokenType)!.prec;
  const climb = (lhs: Expr, minPrec: number): Expr => {
    while (i < tail.length && precOf(tail[i]!.token) >= minPrec) {
      const { token, operand } = tail[i++]!;
      const prec = precOf(token);
      let rhs = operand;
      while (i < tail.length && precOf(tail[i]!.token) > prec) rhs = climb(rhs, prec + 1);
      lhs = { kind: 'binary', loc: (token as CToken).loc, op: binaryOps.get(token.tokenType)!.op, left: lhs, right: rhs };
    }
    return lhs;
  };
  return climb(first, 0);
}
