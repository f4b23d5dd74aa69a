// Expressions (C11 6.5): primary expressions, postfix operators (calls,
// subscripts, members, ++/--), unary operators, casts, sizeof/_Alignof and
// the GNU forms. Binary operators, assignment and `?:` are in
// check-binary.ts.
//
// Input: an AST expression. Output: a typed expression (see typed.ts), not
// yet lvalue-converted: callers that need a value call `checkValue`.
// Invariant: an operand of error type produces an error-typed result without
// a new diagnostic.

import { isVlaSized, scaleByVla, vlaObjectRef, vlaPointerIncDec, vlaSizeofExpr } from './vla.js';
import { inlineLibraryCall } from './libc-inline.js';
import { longDoubleConst } from './conversions.js';
import { ldFromLiteral } from './long-double.js';
import type * as A from '../parse/ast.js';
import { nameRange, type SemaContext } from './context.js';
import { checkAssign, checkBinary, checkCond } from './check-binary.js';
import { checkCompoundLiteral } from './check-init.js';
import { checkGnuStatementExpr, takeLabelAddress } from './check-stmt.js';
import { checkBuiltinCall, declareImplicitFunction, isVaListOperand } from './check-builtins.js';
import { checkTypeName, findMember } from './check-types.js';
import { evalIntConst } from './const-eval.js';
import {
  castTo, convertForAssignment, defaultArgumentPromotion, foldConstant, isLvalue, promote, rvalue,
} from './conversions.js';
import {
  alignOf, areCompatibleUnqualified, arrayOf, ERROR, floatType, INT, intType, isArithmetic, isComplete, isError,
  isInteger, isScalar, LONG, pointerTo, quoteType, sizeOf, SIZE_T, tagSpelling, unqualified, withQuals, Q_CONST,
  CHAR, VOID, type CType, type IntName,
} from './types.js';
import type { FuncSym, TExpr } from './typed.js';
import { complexIncDec, complexTest, convertComplex, imaginaryConstant, isArithmeticOrComplex, isComplexType, complexUnary, realImag } from './complex.js';
import { checkConvertVector, checkVectorCast, checkVectorIncDec, checkVectorIndex, checkVectorUnary, isVector } from './vector.js';

export function errorExpr(loc: A.Expr['loc'], type: CType = ERROR): TExpr {
  return { kind: 'error', loc, type };
}

/** An expression used for its value: checked, lvalue-converted, decayed. */
export function checkValue(ctx: SemaContext, e: A.Expr): TExpr {
  return rvalue(checkExpr(ctx, e));
}

/** A controlling expression (if, loops, `?:`, `!`, `&&`): must have scalar type (6.8.4.1p1). */
export function checkCondition(ctx: SemaContext, e: A.Expr): TExpr {
  const v = checkValue(ctx, e);
  if (isComplexType(v.type)) return complexTest(v);
  if (!isScalar(v.type) && !isError(v.type)) {
    ctx.error(e.loc, isVector(v.type) ? `used vector type where scalar is required` : `statement requires expression of scalar type (${quoteType(v.type)} invalid)`);
    return errorExpr(e.loc);
  }
  return v;
}

export function checkExpr(ctx: SemaContext, e: A.Expr): TExpr {
  switch (e.kind) {
    case 'intLit': return e.isImaginary ? imaginaryConstant(e.loc, checkIntLit(ctx, e)) : checkIntLit(ctx, e);
    case 'floatLit': {
      const name = e.suffix === 'f' ? 'float' : e.suffix === 'l' ? 'ldouble' : 'double';
      const c: TExpr = name === 'ldouble'
        ? longDoubleConst(e.loc, floatType(name), ldFromLiteral(e.text, ctx.target.longDouble))
        : { kind: 'floatConst', loc: e.loc, type: floatType(name), value: name === 'float' ? Math.fround(e.value) : e.value };
      return e.isImaginary ? imaginaryConstant(e.loc, c) : c;
    }
    case 'charLit': {
      const name: IntName = e.prefix === '' || e.prefix === 'L' ? 'int' : e.prefix === 'u' ? 'ushort' : 'uint';
      return { kind: 'intConst', loc: e.loc, type: intType(name), value: BigInt(e.value) };
    }
    case 'string': return checkString(e);
    case 'ident': return checkIdent(ctx, e);
    case 'binary': return checkBinary(ctx, e);
    case 'assign': return checkAssign(ctx, e);
    case 'cond': return checkCond(ctx, e);
    case 'unary': return checkUnary(ctx, e);
    case 'incDec': return checkIncDec(ctx, e);
    case 'cast': return checkCast(ctx, e);
    case 'sizeofExpr': {
      const operand = checkExpr(ctx, e.operand);
      return sizeofResult(ctx, operand.type, e.loc, 'sizeof', operand.kind === 'member' && operand.member.bitWidth !== null);
    }
    case 'sizeofType': return sizeofResult(ctx, checkTypeName(ctx, e.type), e.loc, 'sizeof', false);
    case 'alignof': {
      if (e.type.kind === 'typeName') return sizeofResult(ctx, checkTypeName(ctx, e.type), e.loc, 'alignof', false);
      const operand = checkExpr(ctx, e.type);
      // GNU `__alignof__(f)` of a function: its code alignment, 1 unless an `aligned` attribute asks more (x86-64).
      if (operand.kind === 'func') return { kind: 'intConst', loc: e.loc, type: SIZE_T, value: BigInt(Math.max(1, operand.sym.explicitAlign ?? 0)) };
      return sizeofResult(ctx, operand.type, e.loc, 'alignof', false);
    }
    case 'call': return checkCall(ctx, e);
    case 'index': return checkIndex(ctx, e);
    case 'member': return checkMember(ctx, e);
    case 'compoundLiteral': return checkCompoundLiteral(ctx, e);
    case 'generic': return checkGeneric(ctx, e);
    case 'stmtExpr': return checkGnuStatementExpr(ctx, e);
    case 'builtin': return checkBuiltin(ctx, e);
    case 'labelAddr': {
      if (ctx.fn === null) {
        ctx.error(e.loc, `label address '&&${e.label}' outside a function`);
        return errorExpr(e.loc);
      }
      const label = takeLabelAddress(ctx, e.label, e.loc);
      return { kind: 'labelAddr', loc: e.loc, type: pointerTo(VOID), label };
    }
    default:
      return e satisfies never;
  }
}

/** The type of an integer constant (6.4.4.1p5): the first of its candidate list that holds the value. */
function checkIntLit(ctx: SemaContext, e: Extract<A.Expr, { kind: 'intLit' }>): TExpr {
  const fits = (name: IntName) => {
    const bits = name === 'int' || name === 'uint' ? 32n : 64n;
    const signed = name === 'int' || name === 'long' || name === 'llong';
    return e.value < (signed ? 1n << (bits - 1n) : 1n << bits);
  };
  let candidates: IntName[];
  if (e.isUnsigned) candidates = e.longs === 0 ? ['uint', 'ulong'] : e.longs === 1 ? ['ulong'] : ['ullong'];
  else if (e.isDecimal) candidates = e.longs === 0 ? ['int', 'long'] : e.longs === 1 ? ['long'] : ['llong'];
  else candidates = e.longs === 0 ? ['int', 'uint', 'long', 'ulong'] : e.longs === 1 ? ['long', 'ulong'] : ['llong', 'ullong'];
  const name = candidates.find(fits);
  if (name) return { kind: 'intConst', loc: e.loc, type: intType(name), value: e.value };
  if (e.value < 1n << 64n) {
    ctx.warning(e.loc, `integer literal is too large to be represented in a signed integer type, interpreting as unsigned`);
    return { kind: 'intConst', loc: e.loc, type: intType(e.longs === 2 ? 'ullong' : 'ulong'), value: e.value };
  }
  ctx.error(e.loc, `integer literal is too large to be represented in any integer type`);
  return errorExpr(e.loc, INT);
}

function checkString(e: A.StringLit): TExpr {
  const elem: CType = e.prefix === '' || e.prefix === 'u8' ? CHAR : e.prefix === 'u' ? intType('ushort') : e.prefix === 'U' ? intType('uint') : INT;
  return { kind: 'string', loc: e.loc, type: arrayOf(elem, e.units.length + 1), units: e.units, unitSize: sizeOf(elem) };
}

function checkIdent(ctx: SemaContext, e: Extract<A.Expr, { kind: 'ident' }>): TExpr {
  const ent = ctx.scope.lookup(e.name);
  if (!ent) {
    if ((e.name === '__func__' || e.name === '__FUNCTION__' || e.name === '__PRETTY_FUNCTION__') && ctx.fn) {
      const units = [...Buffer.from(ctx.fn.sym.name, 'utf8')];
      return { kind: 'string', loc: e.loc, type: arrayOf(withQuals(CHAR, Q_CONST), units.length + 1), units, unitSize: 1 };
    }
    ctx.error(nameRange(e.loc, e.name), `use of undeclared identifier '${e.name}'`);
    // Report each undeclared name once per scope (as gcc does per function):
    // later uses find this error-typed placeholder and stay silent.
    ctx.scope.ordinary.set(e.name, {
      kind: 'var', name: e.name, type: ERROR, storage: 'auto', linkage: 'none', irName: e.name, loc: e.loc,
      isDefined: true, isUsed: true, explicitAlign: 0, isThreadLocal: false,
    });
    return errorExpr(e.loc);
  }
  switch (ent.kind) {
    case 'var':
      ent.isUsed = true;
      if (ent.vlaStorage) return vlaObjectRef(ent, e.loc);
      return { kind: 'var', loc: e.loc, type: ent.type, sym: ent };
    case 'func': ent.isUsed = true; return { kind: 'func', loc: e.loc, type: ent.type, sym: ent };
    case 'enumConst': return { kind: 'intConst', loc: e.loc, type: ent.type, value: ent.value };
    case 'typedef':
      ctx.error(e.loc, `unexpected type name '${e.name}': expected expression`);
      return errorExpr(e.loc);
    default: return ent satisfies never;
  }
}

/** A modifiable lvalue (6.3.2.1p1) or a diagnostic; `what` names the operation for messages. */
export function checkModifiable(ctx: SemaContext, target: TExpr, loc: A.Expr['loc']): boolean {
  if (isError(target.type)) return false;
  if (!isLvalue(target)) {
    ctx.error(loc, `expression is not assignable`);
    return false;
  }
  if (target.type.kind === 'array') {
    ctx.error(loc, `array type ${quoteType(target.type)} is not assignable`);
    return false;
  }
  if (target.type.quals & Q_CONST || hasConstMember(target.type)) {
    if (target.kind === 'var') ctx.error(loc, `cannot assign to variable '${target.sym.name}' with const-qualified type ${quoteType(target.type)}`);
    else ctx.error(loc, `read-only variable is not assignable`);
    return false;
  }
  if (!isComplete(target.type)) {
    ctx.error(loc, `incomplete type ${quoteType(target.type)} is not assignable`);
    return false;
  }
  return true;
}

function hasConstMember(t: CType): boolean {
  if (t.kind !== 'record') return false;
  return (t.info.members ?? []).some((m) => m.type.quals & Q_CONST || hasConstMember(m.type));
}

function checkUnary(ctx: SemaContext, e: Extract<A.Expr, { kind: 'unary' }>): TExpr {
  if (e.op === '&') return checkAddrOf(ctx, e);
  if (e.op === '__real__' || e.op === '__imag__') {
    const x = checkExpr(ctx, e.operand);
    if (isError(x.type)) return errorExpr(e.loc);
    if (!isArithmeticOrComplex(x.type)) {
      ctx.error(e.loc, `wrong type argument to ${e.op === '__real__' ? '__real' : '__imag'}`);
      return errorExpr(e.loc);
    }
    return realImag(e.loc, e.op === '__real__' ? 0 : 1, x);
  }
  const v = checkValue(ctx, e.operand);
  if (isError(v.type)) return errorExpr(e.loc);
  const invalid = () => {
    ctx.error(e.loc, `invalid argument type ${quoteType(v.type)} to unary expression`);
    return errorExpr(e.loc);
  };
  if (isComplexType(v.type)) {
    // GNU: `~z` is the complex conjugate.
    if (e.op === '-' || e.op === '~') return complexUnary(e.loc, e.op === '-' ? 'neg' : 'conj', v);
    if (e.op === '+') return v;
    if (e.op === '!') return { kind: 'not', loc: e.loc, type: INT, operand: complexTest(v) };
  }
  if (isVector(v.type) && e.op !== '*') return checkVectorUnary(ctx, e.loc, e.op, v);
  switch (e.op) {
    case '+': return isArithmetic(v.type) ? promote(v) : invalid();
    case '-': {
      if (!isArithmetic(v.type)) return invalid();
      const p = promote(v);
      return foldConstant(ctx, { kind: 'neg', loc: e.loc, type: p.type, operand: p });
    }
    case '~': {
      if (!isInteger(v.type)) return invalid();
      const p = promote(v);
      return foldConstant(ctx, { kind: 'bitNot', loc: e.loc, type: p.type, operand: p });
    }
    case '!':
      if (!isScalar(v.type)) return invalid();
      return foldConstant(ctx, { kind: 'not', loc: e.loc, type: INT, operand: v });
    case '*': {
      if (v.type.kind !== 'pointer') {
        ctx.error(e.loc, `indirection requires pointer operand (${quoteType(v.type)} invalid)`);
        return errorExpr(e.loc);
      }
      return { kind: 'deref', loc: e.loc, type: v.type.to, operand: v };
    }
    default: return e.op satisfies never;
  }
}

function checkAddrOf(ctx: SemaContext, e: Extract<A.Expr, { kind: 'unary' }>): TExpr {
  const x = checkExpr(ctx, e.operand);
  if (isError(x.type)) return errorExpr(e.loc);
  if (x.kind === 'func') return { kind: 'addrOf', loc: e.loc, type: pointerTo(x.type), operand: x };
  if (!isLvalue(x)) {
    ctx.error(e.loc, `cannot take the address of an rvalue of type ${quoteType(x.type)}`);
    return errorExpr(e.loc);
  }
  if (x.kind === 'member' && x.member.bitWidth !== null) {
    ctx.error(e.loc, `address of bit-field requested`);
    return errorExpr(e.loc);
  }
  // &*p is p (6.5.3.2p3), which keeps `&*p` valid even for void *.
  if (x.kind === 'deref') return castTo(x.operand, pointerTo(x.type));
  return { kind: 'addrOf', loc: e.loc, type: pointerTo(x.type), operand: x };
}

function checkIncDec(ctx: SemaContext, e: Extract<A.Expr, { kind: 'incDec' }>): TExpr {
  const target = checkExpr(ctx, e.operand);
  if (isError(target.type)) return errorExpr(e.loc);
  if (isComplexType(target.type) && checkModifiable(ctx, target, e.loc)) {
    return complexIncDec(ctx, e.loc, e.op === '++', e.isPrefix, target) ?? errorExpr(e.loc);
  }
  if (isVector(target.type)) {
    return checkModifiable(ctx, target, e.loc) ? checkVectorIncDec(ctx, e.loc, e.op === '++', e.isPrefix, target) : errorExpr(e.loc);
  }
  if (!isScalar(target.type)) {
    ctx.error(e.loc, `cannot ${e.op === '++' ? 'increment' : 'decrement'} value of type ${quoteType(target.type)}`);
    return errorExpr(e.loc);
  }
  if (!checkModifiable(ctx, target, e.loc)) return errorExpr(e.loc);
  let elemSize = 1;
  if (target.type.kind === 'pointer') {
    const to = target.type.to;
    if (!isComplete(to) && to.kind !== 'void' && to.kind !== 'function') {
      ctx.error(e.loc, `arithmetic on a pointer to an incomplete type ${quoteType(to)}`);
      return errorExpr(e.loc);
    }
    elemSize = sizeOf(to);
    if (isVlaSized(to)) return vlaPointerIncDec(e.loc, e.op === '++', e.isPrefix, target, to);
  }
  return { kind: 'incDec', loc: e.loc, type: unqualified(target.type), isInc: e.op === '++', isPrefix: e.isPrefix, target, elemSize };
}

function checkCast(ctx: SemaContext, e: Extract<A.Expr, { kind: 'cast' }>): TExpr {
  const to = checkTypeName(ctx, e.type);
  const v = checkValue(ctx, e.operand);
  if (isError(to) || isError(v.type)) return errorExpr(e.loc);
  if (to.kind === 'void') return { kind: 'cast', loc: e.loc, type: to, operand: v, isImplicit: false };
  if ((isComplexType(to) || isComplexType(v.type)) && isArithmeticOrComplex(to) && isArithmeticOrComplex(v.type)) {
    return convertComplex(v, to);
  }
  if (isVector(to) || isVector(v.type)) return checkVectorCast(ctx, e.loc, to, v);
  if (!isScalar(to)) {
    // GNU allows casting a struct to its own type.
    if (to.kind === 'record' && v.type.kind === 'record' && to.info === v.type.info) return v;
    ctx.error(e.loc, `used type ${quoteType(to)} where arithmetic or pointer type is required`);
    return errorExpr(e.loc);
  }
  if (!isScalar(v.type)) {
    ctx.error(e.loc, `operand of type ${quoteType(v.type)} where arithmetic or pointer type is required`);
    return errorExpr(e.loc);
  }
  if (to.kind === 'pointer' && v.type.kind === 'float') {
    ctx.error(e.loc, `operand of type ${quoteType(v.type)} cannot be cast to a pointer type`);
    return errorExpr(e.loc);
  }
  if (to.kind === 'float' && v.type.kind === 'pointer') {
    ctx.error(e.loc, `pointer cannot be cast to type ${quoteType(to)}`);
    return errorExpr(e.loc);
  }
  const c = foldConstant(ctx, castTo(v, to, false));
  return c === v ? { kind: 'cast', loc: e.loc, type: unqualified(to), operand: v, isImplicit: false } : { ...c, loc: e.loc } as TExpr;
}

function sizeofResult(ctx: SemaContext, t: CType, loc: A.Expr['loc'], what: 'sizeof' | 'alignof', isBitField: boolean): TExpr {
  if (isError(t)) return errorExpr(loc, SIZE_T);
  const op = what === 'sizeof' ? `'sizeof'` : `'_Alignof'`;
  if (isBitField) {
    ctx.error(loc, `invalid application of ${op} to bit-field`);
    return errorExpr(loc, SIZE_T);
  }
  if (t.kind === 'function') {
    ctx.error(loc, `invalid application of ${op} to a function type`);
    return errorExpr(loc, SIZE_T);
  }
  if (t.kind !== 'void' && !isComplete(t)) {
    ctx.error(loc, `invalid application of ${op} to an incomplete type ${quoteType(t)}`);
    return errorExpr(loc, SIZE_T);
  }
  if (what === 'sizeof' && isVlaSized(t)) return vlaSizeofExpr(t, loc);
  // gcc's _Alignof caps a vector type's alignment at 16 (without AVX) though layout uses its size.
  const value = what === 'sizeof' ? sizeOf(t) : t.kind === 'vector' ? Math.min(alignOf(t), 16) : alignOf(t);
  return { kind: 'intConst', loc, type: SIZE_T, value: BigInt(value) };
}

function checkCall(ctx: SemaContext, e: Extract<A.Expr, { kind: 'call' }>): TExpr {
  if (e.callee.kind === 'ident' && !ctx.scope.lookup(e.callee.name)) {
    const builtin = checkBuiltinCall(ctx, e, e.callee.name);
    if (builtin) return builtin;
    ctx.warning(nameRange(e.callee.loc, e.callee.name), `implicit declaration of function '${e.callee.name}'`, [], 'implicit-function-declaration');
    const sym = declareImplicitFunction(ctx, e.callee.name, e.callee.loc);
    if (sym) {
      sym.isUsed = true;
      return finishCall(ctx, e, rvalue({ kind: 'func', loc: e.callee.loc, type: sym.type, sym }), e.callee.name);
    }
    ctx.error(nameRange(e.callee.loc, e.callee.name), `called object '${e.callee.name}' is not a function or function pointer`);
    for (const a of e.args) checkValue(ctx, a);
    return errorExpr(e.loc);
  }
  const callee = checkValue(ctx, e.callee);
  return finishCall(ctx, e, callee, e.callee.kind === 'ident' ? e.callee.name : null);
}

/** The function a call names directly (through its implicit decay to a pointer), if any. */
function calleeFunction(callee: TExpr): FuncSym | null {
  let e = callee;
  while (e.kind === 'decay' || e.kind === 'addrOf' || (e.kind === 'cast' && e.isImplicit)) e = e.operand;
  return e.kind === 'func' ? e.sym : null;
}

/** Checks a call's arguments against the callee's type (6.5.2.2). */
export function finishCall(ctx: SemaContext, e: Extract<A.Expr, { kind: 'call' }>, callee: TExpr, name: string | null): TExpr {
  const args = e.args.map((a) => checkValue(ctx, a));
  if (isError(callee.type)) return errorExpr(e.loc);
  const fnType = callee.type.kind === 'pointer' && callee.type.to.kind === 'function' ? callee.type.to : null;
  if (!fnType) {
    ctx.error(e.loc, `called object type ${quoteType(callee.type)} is not a function or function pointer`);
    return errorExpr(e.loc);
  }
  const converted: TExpr[] = [];
  if (fnType.hasPrototype) {
    const n = fnType.params.length;
    if (args.length < n || (args.length > n && !fnType.isVariadic)) {
      const few = args.length < n;
      const atLeast = fnType.isVariadic ? 'at least ' : '';
      // Name the function and point at its declaration, as gcc and clang do.
      const sym = calleeFunction(callee);
      const what = sym ? `function '${sym.name}'` : 'function call';
      const notes = sym ? [ctx.note(nameRange(sym.loc, sym.name), `'${sym.name}' declared here`)] : [];
      ctx.error(few ? e.loc : args[n]!.loc, `too ${few ? 'few' : 'many'} arguments to ${what}, expected ${atLeast}${n}, have ${args.length}`, notes);
      return errorExpr(e.loc, unqualified(fnType.ret));
    }
    args.forEach((a, i) => {
      if (i < n) converted.push(convertArgument(ctx, a, fnType.params[i]!.type, i, name));
      else converted.push(defaultArgumentPromotion(checkVoidArgument(ctx, a)));
    });
  } else {
    for (const a of args) converted.push(defaultArgumentPromotion(checkVoidArgument(ctx, a)));
  }
  const ret = unqualified(fnType.ret);
  if (ret.kind !== 'void' && !isComplete(ret) && !isError(ret)) {
    ctx.error(e.loc, `calling function with incomplete return type ${quoteType(ret)}`);
    return errorExpr(e.loc);
  }
  if (converted.some((a) => a.kind === 'error')) return errorExpr(e.loc, ret);
  const direct = callee.kind === 'decay' && callee.operand.kind === 'func' ? callee.operand.sym : null;
  const inlined = direct !== null ? inlineLibraryCall(direct.name, fnType, converted) : null;
  if (inlined !== null) return inlined;
  return { kind: 'call', loc: e.loc, type: ret, callee, args: converted, fnType };
}


function checkVoidArgument(ctx: SemaContext, a: TExpr): TExpr {
  if (a.type.kind === 'void') {
    ctx.error(a.loc, `argument type 'void' is incomplete`);
    return errorExpr(a.loc);
  }
  return a;
}

function convertArgument(ctx: SemaContext, a: TExpr, to: CType, index: number, callee: string | null): TExpr {
  if (a.type.kind === 'void') return checkVoidArgument(ctx, a);
  return convertForAssignment(ctx, a, to, { kind: 'argument', index, callee }, a.loc);
}

function checkIndex(ctx: SemaContext, e: Extract<A.Expr, { kind: 'index' }>): TExpr {
  let base = checkValue(ctx, e.base);
  let index = checkValue(ctx, e.index);
  if (isError(base.type) || isError(index.type)) return errorExpr(e.loc);
  if (isVector(base.type)) return checkVectorIndex(ctx, e.loc, base, index);
  // a[i] is *(a + i), so i[a] is allowed too (6.5.2.1p2).
  if (base.type.kind !== 'pointer' && index.type.kind === 'pointer') [base, index] = [index, base];
  if (base.type.kind !== 'pointer') {
    ctx.error(e.loc, `subscripted value is not an array, pointer, or vector`);
    return errorExpr(e.loc);
  }
  if (!isInteger(index.type)) {
    ctx.error(e.index.loc, `array subscript is not an integer`);
    return errorExpr(e.loc);
  }
  const elem = base.type.to;
  if (!isComplete(elem)) {
    ctx.error(e.loc, `subscript of pointer to incomplete type ${quoteType(elem)}`);
    return errorExpr(e.loc);
  }
  const sum: TExpr = isVlaSized(elem)
    ? { kind: 'ptrAdd', loc: e.loc, type: base.type, isSub: false, ptr: base, index: scaleByVla(castTo(index, LONG), elem), elemSize: 1 }
    : { kind: 'ptrAdd', loc: e.loc, type: base.type, isSub: false, ptr: base, index: castTo(index, LONG), elemSize: sizeOf(elem) };
  return { kind: 'deref', loc: e.loc, type: elem, operand: sum };
}

function checkMember(ctx: SemaContext, e: Extract<A.Expr, { kind: 'member' }>): TExpr {
  let base: TExpr;
  let recType: CType;
  if (e.isArrow) {
    const p = checkValue(ctx, e.base);
    if (isError(p.type)) return errorExpr(e.loc);
    if (p.type.kind !== 'pointer') {
      ctx.error(e.loc, `member reference type ${quoteType(p.type)} is not a pointer`);
      return errorExpr(e.loc);
    }
    recType = p.type.to;
    base = { kind: 'deref', loc: e.loc, type: recType, operand: p };
  } else {
    base = checkExpr(ctx, e.base);
    if (isError(base.type)) return errorExpr(e.loc);
    recType = base.type;
  }
  if (recType.kind !== 'record') {
    ctx.error(e.loc, `member reference base type ${quoteType(recType)} is not a structure or union`);
    return errorExpr(e.loc);
  }
  if (recType.info.members === null) {
    ctx.error(e.loc, `incomplete definition of type ${quoteType(recType)}`);
    return errorExpr(e.loc);
  }
  const found = findMember(recType.info, e.member);
  if (!found) {
    ctx.error(e.loc, `no member named '${e.member}' in '${tagSpelling(recType)}'`);
    return errorExpr(e.loc);
  }
  const type = withQuals(found.member.type, found.member.type.quals | recType.quals);
  return { kind: 'member', loc: e.loc, type, base, member: found.member, offset: found.offset };
}

function checkGeneric(ctx: SemaContext, e: Extract<A.Expr, { kind: 'generic' }>): TExpr {
  const control = checkValue(ctx, e.control);
  if (isError(control.type)) return errorExpr(e.loc);
  let chosen: A.Expr | null = null;
  let fallback: A.Expr | null = null;
  for (const a of e.assocs) {
    if (a.type === null) { fallback = a.expr; continue; }
    const t = checkTypeName(ctx, a.type);
    if (chosen === null && areCompatibleUnqualified(unqualified(t), control.type) && t.quals === 0) chosen = a.expr;
  }
  const pick = chosen ?? fallback;
  if (!pick) {
    ctx.error(e.control.loc, `controlling expression type ${quoteType(control.type)} not compatible with any generic association type`);
    return errorExpr(e.loc);
  }
  return checkExpr(ctx, pick);
}

function checkBuiltin(ctx: SemaContext, e: Extract<A.Expr, { kind: 'builtin' }>): TExpr {
  switch (e.name) {
    case '__builtin_offsetof': case 'offsetof': return checkOffsetof(ctx, e);
    case '__builtin_types_compatible_p': {
      const [a, b] = e.args;
      if (a?.kind !== 'typeName' || b?.kind !== 'typeName') break;
      const ta = unqualified(checkTypeName(ctx, a));
      const tb = unqualified(checkTypeName(ctx, b));
      return { kind: 'intConst', loc: e.loc, type: INT, value: areCompatibleUnqualified(ta, tb) ? 1n : 0n };
    }
    case '__builtin_va_arg': {
      // 7.16.1.1: va_arg(ap, T) has type T; ap is a va_list (a pointer after decay).
      const [ap, tn] = e.args;
      if (ap === undefined || ap.kind === 'typeName' || ap.kind === 'offsetofDesignator' || tn?.kind !== 'typeName') break;
      const list = checkValue(ctx, ap);
      const t = checkTypeName(ctx, tn);
      if (isError(list.type) || isError(t)) return errorExpr(e.loc);
      if (!isVaListOperand(list.type, ctx.target)) {
        ctx.error(ap.loc, `first argument to 'va_arg' is of type ${quoteType(list.type)} and not 'va_list'`);
        return errorExpr(e.loc);
      }
      if (!isComplete(t) || t.kind === 'void' || t.kind === 'function' || t.kind === 'array') {
        ctx.error(e.loc, `second argument to 'va_arg' is of incomplete or invalid type ${quoteType(t)}`);
        return errorExpr(e.loc);
      }
      return { kind: 'vaBuiltin', loc: e.loc, type: unqualified(t), name: 'arg', args: [list] };
    }
    case '__builtin_convertvector': {
      const [v, tn] = e.args;
      if (v === undefined || v.kind === 'typeName' || v.kind === 'offsetofDesignator' || tn?.kind !== 'typeName') break;
      return checkConvertVector(ctx, e.loc, checkValue(ctx, v), checkTypeName(ctx, tn));
    }
    default: break;
  }
  ctx.error(e.loc, `'${e.name}' is not supported yet`);
  return errorExpr(e.loc);
}

function checkOffsetof(ctx: SemaContext, e: Extract<A.Expr, { kind: 'builtin' }>): TExpr {
  const [tn, des] = e.args;
  if (tn?.kind !== 'typeName' || des?.kind !== 'offsetofDesignator') {
    ctx.error(e.loc, `expected a type and a member designator`);
    return errorExpr(e.loc, SIZE_T);
  }
  let t = checkTypeName(ctx, tn);
  let offset = 0n;
  for (const step of des.path) {
    if (isError(t)) return errorExpr(e.loc, SIZE_T);
    if (step.kind === 'field') {
      if (t.kind !== 'record' || t.info.members === null) {
        ctx.error(step.loc, `offsetof requires struct, union, or class type, ${quoteType(t)} invalid`);
        return errorExpr(e.loc, SIZE_T);
      }
      const found = findMember(t.info, step.name);
      if (!found) {
        ctx.error(step.loc, `no member named '${step.name}' in '${tagSpelling(t)}'`);
        return errorExpr(e.loc, SIZE_T);
      }
      if (found.member.bitWidth !== null) {
        ctx.error(step.loc, `cannot compute offset of bit-field '${step.name}'`);
        return errorExpr(e.loc, SIZE_T);
      }
      offset += BigInt(found.offset);
      t = found.member.type;
    } else {
      if (t.kind !== 'array') {
        ctx.error(step.loc, `subscripted value is not an array, pointer, or vector`);
        return errorExpr(e.loc, SIZE_T);
      }
      const i = evalIntConst(checkValue(ctx, step.index), ctx.target);
      if (i === null) {
        ctx.error(step.index.loc, `expression is not an integer constant expression`);
        return errorExpr(e.loc, SIZE_T);
      }
      offset += i * BigInt(sizeOf(t.elem));
      t = t.elem;
    }
  }
  return { kind: 'intConst', loc: e.loc, type: SIZE_T, value: offset };
}
