// Evaluates the controlling expression of `#if` / `#elif` (C11 6.10.1).
//
// Input: the line's tokens after macro expansion, with `defined` and the
// `__has_*` operators already replaced by 0 or 1. Output: true/false, or
// null after reporting an error. Arithmetic is done in intmax_t/uintmax_t
// (64-bit on our targets, 6.10.1p4) with BigInt: each value carries whether
// it is unsigned, and the usual arithmetic conversions make a mixed
// operation unsigned. Identifiers left after expansion (keywords included)
// are 0. Division by zero is an error only where it is evaluated (the
// unevaluated side of `&&`, `||`, `?:` is parsed but not computed).

import type { DiagnosticSink } from '../../diagnostics.js';
import { isIdentifierLike, type PpToken } from '../lex/lexer.js';
import { CharLiteral, Number as NumberToken, StringLiteral } from '../lex/tokens.js';

interface Value {
  readonly v: bigint;
  readonly isUnsigned: boolean;
}

const u64 = (v: bigint) => BigInt.asUintN(64, v);
const s64 = (v: bigint) => BigInt.asIntN(64, v);
const make = (v: bigint, isUnsigned: boolean): Value => ({ v: isUnsigned ? u64(v) : s64(v), isUnsigned });
const bool = (b: boolean): Value => ({ v: b ? 1n : 0n, isUnsigned: false });

/** Thrown inside the evaluator to unwind after a reported error. */
class IfError extends Error {}

/** Binary operator precedence, loosest first (6.5.5–6.5.14). */
const binaryPrecedence: Record<string, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6,
  '<': 7, '>': 7, '<=': 7, '>=': 7, '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
};

export function evaluateIfExpression(tokens: readonly PpToken[], directive: PpToken, sink: DiagnosticSink, isCharSigned: boolean): boolean | null {
  if (tokens.length === 0) {
    sink.error(directive.loc, `#${directive.image} with no expression`);
    return null;
  }
  const ev = new IfEvaluator(tokens, directive, sink, isCharSigned);
  try {
    const v = ev.conditional(true);
    if (ev.pos < tokens.length) {
      const t = tokens[ev.pos]!;
      const startsOperand = t.tokenType === NumberToken || t.tokenType === CharLiteral || t.image === '(' || isIdentifierLike(t);
      sink.error(t.loc, startsOperand ? `missing binary operator before token "${t.image}"` : `token "${t.image}" is not valid in preprocessor expressions`);
      return null;
    }
    return v.v !== 0n;
  } catch (e) {
    if (e instanceof IfError) return null;
    throw e;
  }
}

/** Nesting limit for parentheses and unary operators (C11 5.2.4.1 asks for 63); keeps the recursion off the stack limit. */
const maxNesting = 256;

class IfEvaluator {
  pos = 0;
  private depth = 0;
  constructor(
    private readonly tokens: readonly PpToken[],
    private readonly directive: PpToken,
    private readonly sink: DiagnosticSink,
    private readonly isCharSigned: boolean,
  ) {}

  private fail(t: PpToken | undefined, message: string): never {
    this.sink.error((t ?? this.tokens[this.tokens.length - 1] ?? this.directive).loc, message);
    throw new IfError();
  }

  private peek(): string | undefined {
    return this.tokens[this.pos]?.image;
  }

  /** conditional-expression: logical-or ( '?' expression ':' conditional-expression )? */
  conditional(isEvaluated: boolean): Value {
    const c = this.binary(1, isEvaluated);
    if (this.peek() !== '?') return c;
    this.pos++;
    const isTrue = c.v !== 0n;
    const a = this.comma(isEvaluated && isTrue);
    if (this.peek() !== ':') this.fail(this.tokens[this.pos], `expected ':' in #${this.directive.image}`);
    this.pos++;
    const b = this.conditional(isEvaluated && !isTrue);
    const isUnsigned = a.isUnsigned || b.isUnsigned;
    return make(isTrue ? a.v : b.v, isUnsigned);
  }

  /** A parenthesised or `?:` middle operand may use the comma operator (6.6p3 allows it only unevaluated; gcc accepts it, as we do). */
  private comma(isEvaluated: boolean): Value {
    let v = this.conditional(isEvaluated);
    while (this.peek() === ',') {
      this.pos++;
      v = this.conditional(isEvaluated);
    }
    return v;
  }

  /** Precedence climbing over the binary operators at `minPrec` and tighter. */
  private binary(minPrec: number, isEvaluated: boolean): Value {
    let lhs = this.unary(isEvaluated);
    for (;;) {
      const op = this.peek();
      const prec = op === undefined ? undefined : binaryPrecedence[op];
      if (prec === undefined || prec < minPrec) return lhs;
      const opTok = this.tokens[this.pos]!;
      this.pos++;
      if (op === '&&' || op === '||') {
        const isShort = op === '&&' ? lhs.v === 0n : lhs.v !== 0n;
        const rhs = this.binary(prec + 1, isEvaluated && !isShort);
        lhs = bool(op === '&&' ? lhs.v !== 0n && rhs.v !== 0n : lhs.v !== 0n || rhs.v !== 0n);
        continue;
      }
      const rhs = this.binary(prec + 1, isEvaluated);
      lhs = this.apply(op!, lhs, rhs, opTok, isEvaluated);
    }
  }

  private apply(op: string, a: Value, b: Value, opTok: PpToken, isEvaluated: boolean): Value {
    // Shifts take the left operand's type; everything else the common type (6.5.7p3, 6.3.1.8).
    const isUnsigned = op === '<<' || op === '>>' ? a.isUnsigned : a.isUnsigned || b.isUnsigned;
    const x = isUnsigned ? u64(a.v) : a.v;
    const y = op === '<<' || op === '>>' ? b.v : isUnsigned ? u64(b.v) : b.v;
    switch (op) {
      case '*': return make(x * y, isUnsigned);
      case '/':
      case '%':
        if (y === 0n) {
          if (isEvaluated) this.fail(opTok, 'division by zero in #' + this.directive.image);
          return make(0n, isUnsigned);
        }
        return make(op === '/' ? x / y : x % y, isUnsigned);
      case '+': return make(x + y, isUnsigned);
      case '-': return make(x - y, isUnsigned);
      case '<<': return y < 0n ? make(x >> -y, isUnsigned) : y >= 64n ? make(0n, isUnsigned) : make(x << y, isUnsigned);
      case '>>': return y < 0n ? make(y <= -64n ? 0n : x << -y, isUnsigned) : make(x >> (y > 64n ? 64n : y), isUnsigned);
      case '<': return bool(x < y);
      case '>': return bool(x > y);
      case '<=': return bool(x <= y);
      case '>=': return bool(x >= y);
      case '==': return bool(x === y);
      case '!=': return bool(x !== y);
      case '&': return make(x & y, isUnsigned);
      case '^': return make(x ^ y, isUnsigned);
      case '|': return make(x | y, isUnsigned);
      default: this.fail(opTok, `token "${op}" is not valid in preprocessor expressions`);
    }
  }

  private unary(isEvaluated: boolean): Value {
    const t = this.tokens[this.pos];
    if (t === undefined) this.fail(undefined, `#${this.directive.image} with no expression`);
    if (this.depth >= maxNesting) this.fail(t, `#${this.directive.image} expression nested more than ${maxNesting} levels deep`);
    this.depth++;
    try {
      return this.unaryOperand(t, isEvaluated);
    } finally {
      this.depth--;
    }
  }

  private unaryOperand(t: PpToken, isEvaluated: boolean): Value {
    this.pos++;
    switch (t.image) {
      case '+': return this.unary(isEvaluated);
      case '-': { const v = this.unary(isEvaluated); return make(-v.v, v.isUnsigned); }
      case '~': { const v = this.unary(isEvaluated); return make(~v.v, v.isUnsigned); }
      case '!': return bool(this.unary(isEvaluated).v === 0n);
      case '(': {
        const v = this.comma(isEvaluated);
        if (this.peek() !== ')') this.fail(this.tokens[this.pos], "missing ')' in expression");
        this.pos++;
        return v;
      }
    }
    if (t.tokenType === NumberToken) return this.number(t);
    if (t.tokenType === CharLiteral) return this.charConstant(t);
    if (isIdentifierLike(t)) {
      // 6.10.1p4: identifiers left after expansion are 0; a call-like use is
      // almost certainly an undefined function-like macro.
      if (this.peek() === '(') this.fail(t, `missing binary operator before token "("`);
      return bool(false);
    }
    if (t.tokenType === StringLiteral) this.fail(t, `token "${t.image}" is not valid in preprocessor expressions`);
    this.fail(t, `token "${t.image}" is not valid in preprocessor expressions`);
  }

  /** An integer constant (6.4.4.1) as intmax_t, or uintmax_t when suffixed `u` or too big for intmax_t. */
  private number(t: PpToken): Value {
    const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)((?:[uU](?:ll|LL|l|L)?)|(?:(?:ll|LL|l|L)[uU]?))?$/.exec(t.image);
    if (m === null) {
      if (/^(?:\.?\d|0[xX])[^]*[.eEpP]/.test(t.image) && !/^0[xX][0-9a-fA-F]+$/.test(t.image)) {
        this.fail(t, 'floating constant in preprocessor expression');
      }
      this.fail(t, `invalid integer constant "${t.image}" in #${this.directive.image}`);
    }
    const digits = m[1]!;
    const v = digits.length > 1 && digits[0] === '0' && /[0-7]/.test(digits[1]!) ? BigInt('0o' + digits.slice(1)) : BigInt(digits);
    if (v > 0xffffffffffffffffn) this.fail(t, 'integer constant is too large for its type');
    const isUnsigned = /[uU]/.test(m[2] ?? '') || v > 0x7fffffffffffffffn;
    return make(v, isUnsigned);
  }

  /** A character constant (6.4.4.4): its value as an int, `char` signedness per target (6.10.1p4). */
  private charConstant(t: PpToken): Value {
    const prefix = /^(u8|[uUL])?'/.exec(t.image)![1];
    const body = t.image.slice((prefix?.length ?? 0) + 1, -1);
    const chars = decodeCharBody(body);
    if (chars.length === 0) this.fail(t, 'empty character constant');
    if (prefix !== undefined) return make(BigInt(chars[0]!), prefix === 'L' ? false : true);
    // A multi-character constant packs its chars big-endian into an int, as gcc does.
    let v = 0n;
    for (const c of chars) v = (v << 8n) | BigInt(c & 0xff);
    if (chars.length === 1) {
      const c = chars[0]! & 0xff;
      return make(this.isCharSigned && c >= 0x80 ? BigInt(c - 0x100) : BigInt(c), false);
    }
    return make(BigInt.asIntN(32, v), false);
  }
}

/** Decodes the escape sequences of a character constant's body (6.4.4.4p3–9) into code units. */
export function decodeCharBody(body: string): number[] {
  const out: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, e: 27, '\\': 92, "'": 39, '"': 34, '?': 63 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out.push(c.charCodeAt(0));
      continue;
    }
    const n = body[++i] ?? '';
    if (n in simple) out.push(simple[n]!);
    else if (n === 'x') {
      let hex = '';
      while (i + 1 < body.length && /[0-9a-fA-F]/.test(body[i + 1]!)) hex += body[++i];
      out.push(parseInt(hex || '0', 16));
    } else if (/[0-7]/.test(n)) {
      let oct = n;
      while (oct.length < 3 && i + 1 < body.length && /[0-7]/.test(body[i + 1]!)) oct += body[++i];
      out.push(parseInt(oct, 8));
    } else if (n === 'u' || n === 'U') {
      const len = n === 'u' ? 4 : 8;
      out.push(parseInt(body.slice(i + 1, i + 1 + len) || '0', 16));
      i += len;
    } else out.push(n.charCodeAt(0));
  }
  return out;
}
