// Expressions (C11 6.5) as IR: values, addresses of lvalues, and conditions
// lowered straight into branches.
//
// Input: typed expressions (implicit conversions explicit, see typed.ts).
// Output: IR operands. A value of aggregate type is represented by the
// address of memory holding it; copies happen only where C copies (assignment,
// argument passing, return, initialization).
// Invariants: `lowerValue` on a scalar returns an operand of the expression's
// IR type; `lowerAddr` returns a ptr; `&&`, `||` and `?:` produce values
// through block parameters of a join block.

import { lowerBuiltinLongjmp, lowerBuiltinSetjmp } from './lower-builtin-setjmp.js';
import { InternalCompilerError, unreachable } from '../../diagnostics.js';
import { floatOperand, globalOperand, intOperand, type ArgAbi, type Block, type IrType, type Operand } from '../../ir/ir.js';
import type { CmpCond, FloatCond } from '../../ir/ops.js';
import { alignOf, isSignedType, LONG, sizeOf, Q_VOLATILE, type CType } from '../sema/types.js';
import type { BinaryOpName, CompareOpName, TExpr } from '../sema/typed.js';
import type { FnLowerer } from './lower-function.js';
import { irSignature, paddedSize, partAbi } from './lower-function.js';
import { pieceIrType, pieceOffsets } from './abi/convention.js';
import { compareWithZero, convertValue } from './lower-convert.js';
import { addIndex, addOffset, bitFieldValue, copyBytes, initObject, loadBitField, storeBitField } from './lower-memory.js';
import { lowerStmt } from './lower-stmt.js';
import { lowerVaBuiltin } from './lower-va.js';
import { lowerAlloca } from './lower-alloca.js';
import { lowerVector } from './lower-vector.js';
import { irTypeOf, isAggregateType, scalarIrType, valueIrType } from './ir-types.js';
import { isLongDouble, ldBinary, ldCompare, ldCompareZero, ldConstant, ldCopy, ldNeg } from './lower-long-double.js';
import { ldFromNumber, signExponentOffset } from '../sema/long-double.js';
import { int128DivRem, isInt128 } from './lower-int128.js';

const UNUSED: Operand = { kind: 'int', value: 0n };

/** Evaluates `e` for its side effects only. */
export function lowerEffect(fl: FnLowerer, e: TExpr): void {
  lowerValue(fl, e);
}

export function lowerValue(fl: FnLowerer, e: TExpr): Operand {
  const b = fl.b;
  switch (e.kind) {
    case 'intConst': return intOperand(e.value);
    case 'floatConst': return isLongDouble(e.type) ? ldConstant(fl, e.ld ?? ldFromNumber(e.value)) : floatOperand(e.value);
    case 'load': case 'var': case 'deref': case 'member': case 'string': case 'compoundLiteral':
      return loadLvalue(fl, e.kind === 'load' ? e.operand : e);
    case 'func': return globalOperand(e.sym.irName);
    case 'decay': case 'addrOf': return lowerAddr(fl, e.operand);
    case 'binary': return lowerBinary(fl, e.op, e.type, lowerValue(fl, e.left), lowerValue(fl, e.right));
    case 'ptrAdd': return pointerStep(fl, lowerValue(fl, e.ptr), lowerValue(fl, e.index), e.elemSize, e.isSub);
    case 'ptrDiff': {
      const l = b.convert('ptrtoint', 'i64', 'ptr', lowerValue(fl, e.left));
      const r = b.convert('ptrtoint', 'i64', 'ptr', lowerValue(fl, e.right));
      const bytes = b.binary('sub', 'i64', l, r);
      return e.elemSize === 1 ? bytes : b.binary('sdiv', 'i64', bytes, intOperand(e.elemSize));
    }
    case 'compare': {
      if (isLongDouble(e.left.type)) return ldCompare(fl, FLOAT_CONDS[e.op] as FloatCond, lowerValue(fl, e.left), lowerValue(fl, e.right));
      const { op, ty, cond } = compareParts(fl, e);
      return b.compare(op, cond, ty, lowerValue(fl, e.left), lowerValue(fl, e.right));
    }
    case 'logical': case 'not': return boolValue(fl, e);
    case 'neg': {
      if (isLongDouble(e.type)) return ldNeg(fl, lowerValue(fl, e.operand));
      const ty = scalarIrType(e.type);
      return b.unary(ty === 'f32' || ty === 'f64' ? 'fneg' : 'neg', ty, lowerValue(fl, e.operand));
    }
    case 'bitNot': return b.unary('not', scalarIrType(e.type), lowerValue(fl, e.operand));
    case 'assign': return lowerAssign(fl, e);
    case 'compoundAssign': return lowerCompoundAssign(fl, e);
    case 'incDec': return lowerIncDec(fl, e);
    case 'cond': return lowerCondExpr(fl, e);
    case 'cast': {
      const v = lowerValue(fl, e.operand);
      if (e.type.kind === 'void') return UNUSED;
      return convertValue(fl, v, e.operand.type, e.type);
    }
    case 'call': return lowerCall(fl, e);
    case 'comma': lowerEffect(fl, e.left); return lowerValue(fl, e.right);
    case 'stmtExpr': {
      for (const s of e.body) lowerStmt(fl, s);
      return e.result ? lowerValue(fl, e.result) : UNUSED;
    }
    case 'bitcast': {
      // long double → its sign/exponent word (check-builtins.ts signbit).
      if (isLongDouble(e.operand.type)) return b.load('i16', addOffset(fl, lowerValue(fl, e.operand), signExponentOffset(fl.target.longDouble)));
      const from = scalarIrType(e.operand.type);
      const to = scalarIrType(e.type);
      const v = lowerValue(fl, e.operand);
      return from === to ? v : b.convert('bitcast', to, from, v);
    }
    case 'vaBuiltin': return lowerVaBuiltin(fl, e);
    case 'alloca': return lowerAlloca(fl, e);
    case 'builtinSetjmp': return lowerBuiltinSetjmp(fl, e);
    case 'builtinLongjmp':
      lowerBuiltinLongjmp(fl, e);
      return intOperand(0); // a void expression's value is never used
    case 'frameAddress': {
      const result = fl.b.newValue('ptr');
      fl.b.emit({ op: 'frameaddr', result, ty: 'ptr', args: [] });
      return { kind: 'value', id: result };
    }
    case 'vector': return lowerVector(fl, e);
    case 'labelAddr': return globalOperand(e.label.symbol);
    case 'error':
      throw new InternalCompilerError(`cannot lower '${e.kind}' (sema should have rejected it)`, e.loc);
    default: return unreachable(e, 'expression');
  }
}

function isVolatile(t: CType): boolean {
  return (t.quals & Q_VOLATILE) !== 0;
}

/** The value an lvalue designates: aggregates by address, bit-fields extracted, scalars loaded. */
function loadLvalue(fl: FnLowerer, lv: TExpr): Operand {
  const addr = lowerAddr(fl, lv);
  // long double values are pointers to their bytes (lower-long-double.ts).
  if (isAggregateType(lv.type) || isLongDouble(lv.type)) return addr;
  if (lv.kind === 'member' && lv.member.bitWidth !== null) {
    return loadBitField(fl, addr, lv.member, isSignedType(lv.member.type, fl.target));
  }
  return fl.b.load(scalarIrType(lv.type), addr, isVolatile(lv.type));
}

export function storeLvalue(fl: FnLowerer, lv: TExpr, addr: Operand, v: Operand): void {
  if (isAggregateType(lv.type) || isLongDouble(lv.type)) {
    copyBytes(fl, addr, v, sizeOf(lv.type));
  } else if (lv.kind === 'member' && lv.member.bitWidth !== null) {
    storeBitField(fl, addr, lv.member, v);
  } else {
    fl.b.store(scalarIrType(lv.type), v, addr, isVolatile(lv.type));
  }
}

export function lowerAddr(fl: FnLowerer, e: TExpr): Operand {
  switch (e.kind) {
    case 'var': return fl.addressOf(e.sym);
    case 'func': return globalOperand(e.sym.irName);
    case 'deref': return lowerValue(fl, e.operand);
    case 'member': {
      const base = e.base.kind === 'var' || e.base.kind === 'deref' || e.base.kind === 'member' || e.base.kind === 'compoundLiteral' || e.base.kind === 'string'
        ? lowerAddr(fl, e.base)
        : lowerValue(fl, e.base); // an rvalue struct: its value is its address
      return addOffset(fl, base, e.offset);
    }
    case 'string': return globalOperand(fl.module.strings.nameFor(e.units, e.unitSize));
    case 'compoundLiteral': {
      if (e.sym.storage === 'static') return globalOperand(e.sym.irName);
      const addr = fl.addressOf(e.sym);
      initObject(fl, addr, e.init);
      return addr;
    }
    default:
      // Struct-valued calls, assignments, conditionals: their value is an address.
      if (isAggregateType(e.type)) return lowerValue(fl, e);
      throw new InternalCompilerError(`not an lvalue: ${e.kind}`, e.loc);
  }
}

function pointerStep(fl: FnLowerer, p: Operand, index: Operand, elemSize: number, isSub: boolean): Operand {
  const b = fl.b;
  if (index.kind === 'int') {
    const delta = (isSub ? -index.value : index.value) * BigInt(elemSize);
    return addOffset(fl, p, BigInt.asUintN(64, delta));
  }
  let scaled = elemSize === 1 ? index : b.binary('mul', 'i64', index, intOperand(elemSize));
  if (isSub) scaled = b.unary('neg', 'i64', scaled);
  return addIndex(fl, p, scaled);
}

export function lowerBinary(fl: FnLowerer, op: BinaryOpName, type: CType, l: Operand, r: Operand): Operand {
  if (isLongDouble(type)) {
    if (op !== 'add' && op !== 'sub' && op !== 'mul' && op !== 'div') throw new InternalCompilerError(`float operator ${op}`);
    return ldBinary(fl, op, l, r);
  }
  if ((op === 'div' || op === 'rem') && isInt128(type)) return int128DivRem(fl, op, type, l, r);
  const ty = scalarIrType(type);
  const isFloat = ty === 'f32' || ty === 'f64';
  const isSigned = isSignedType(type, fl.target);
  const b = fl.b;
  if (isFloat) {
    const fop = op === 'add' ? 'fadd' : op === 'sub' ? 'fsub' : op === 'mul' ? 'fmul' : op === 'div' ? 'fdiv' : null;
    if (fop === null) throw new InternalCompilerError(`float operator ${op}`);
    return b.binary(fop, ty, l, r);
  }
  switch (op) {
    case 'add': case 'sub': case 'mul': case 'and': case 'or': case 'xor': case 'shl':
      return b.binary(op, ty, l, r);
    case 'div': return b.binary(isSigned ? 'sdiv' : 'udiv', ty, l, r);
    case 'rem': return b.binary(isSigned ? 'srem' : 'urem', ty, l, r);
    case 'shr': return b.binary(isSigned ? 'ashr' : 'lshr', ty, l, r);
    default: return unreachable(op, 'operator');
  }
}

const INT_CONDS: Record<CompareOpName, [CmpCond, CmpCond]> = {
  lt: ['slt', 'ult'], gt: ['sgt', 'ugt'], le: ['sle', 'ule'], ge: ['sge', 'uge'], eq: ['eq', 'eq'], ne: ['ne', 'ne'],
};
const FLOAT_CONDS: Record<CompareOpName, CmpCond> = { lt: 'olt', gt: 'ogt', le: 'ole', ge: 'oge', eq: 'oeq', ne: 'une' };

function compareParts(fl: FnLowerer, e: Extract<TExpr, { kind: 'compare' }>): { op: 'icmp' | 'fcmp'; ty: IrType; cond: CmpCond } {
  const ty = scalarIrType(e.left.type);
  if (ty === 'f32' || ty === 'f64') return { op: 'fcmp', ty, cond: FLOAT_CONDS[e.op] };
  const isSigned = isSignedType(e.left.type, fl.target);
  return { op: 'icmp', ty, cond: INT_CONDS[e.op][isSigned ? 0 : 1] };
}

/**
 * Branches to `t` when `e` is true and to `f` otherwise, without
 * materialising 0/1 where C's operators allow (6.5.13-14 short-circuit).
 */
export function lowerCond(fl: FnLowerer, e: TExpr, t: Block, f: Block): void {
  const b = fl.b;
  switch (e.kind) {
    case 'logical': {
      const mid = b.newBlock();
      if (e.op === 'and') lowerCond(fl, e.left, mid, f);
      else lowerCond(fl, e.left, t, mid);
      b.setBlock(mid);
      lowerCond(fl, e.right, t, f);
      return;
    }
    case 'not': lowerCond(fl, e.operand, f, t); return;
    case 'compare': {
      if (isLongDouble(e.left.type)) {
        b.br(ldCompare(fl, FLOAT_CONDS[e.op] as FloatCond, lowerValue(fl, e.left), lowerValue(fl, e.right)), t, f);
        return;
      }
      const { op, ty, cond } = compareParts(fl, e);
      const c = b.compare(op, cond, ty, lowerValue(fl, e.left), lowerValue(fl, e.right));
      b.br(c, t, f);
      return;
    }
    case 'intConst': b.jmp(e.value !== 0n ? t : f); return;
    default: {
      const v = lowerValue(fl, e);
      if (isLongDouble(e.type)) {
        b.br(ldCompareZero(fl, v, 'ne'), t, f);
        return;
      }
      const ty = scalarIrType(e.type);
      b.br(compareWithZero(b, v, ty, 'ne'), t, f);
    }
  }
}

/** `&&`, `||` and `!` as an int 0/1 value, through a join block parameter. */
function boolValue(fl: FnLowerer, e: TExpr): Operand {
  const b = fl.b;
  if (e.kind === 'not') {
    const v = lowerValue(fl, e.operand);
    if (isLongDouble(e.operand.type)) return ldCompareZero(fl, v, 'eq');
    return compareWithZero(b, v, scalarIrType(e.operand.type), 'eq');
  }
  const t = b.newBlock();
  const f = b.newBlock();
  const join = b.newBlock();
  const result = b.addParam(join, 'i32');
  lowerCond(fl, e, t, f);
  b.setBlock(t);
  b.jmp(join, [intOperand(1)]);
  b.setBlock(f);
  b.jmp(join, [intOperand(0)]);
  b.setBlock(join);
  return { kind: 'value', id: result };
}

function lowerCondExpr(fl: FnLowerer, e: Extract<TExpr, { kind: 'cond' }>): Operand {
  const b = fl.b;
  const t = b.newBlock();
  const f = b.newBlock();
  const join = b.newBlock();
  const isVoid = e.type.kind === 'void';
  const result = isVoid ? null : b.addParam(join, valueIrType(e.type));
  lowerCond(fl, e.cond, t, f);
  for (const [blk, arm] of [[t, e.then], [f, e.else]] as const) {
    b.setBlock(blk);
    const v = lowerValue(fl, arm);
    if (!b.isTerminated) b.jmp(join, result === null ? [] : [v]);
  }
  b.setBlock(join);
  return result === null ? UNUSED : { kind: 'value', id: result };
}

function lowerAssign(fl: FnLowerer, e: Extract<TExpr, { kind: 'assign' }>): Operand {
  const v = lowerValue(fl, e.value);
  const addr = lowerAddr(fl, e.target);
  storeLvalue(fl, e.target, addr, v);
  if (isAggregateType(e.type)) return addr;
  return storedValue(fl, e.target, v);
}

function lowerCompoundAssign(fl: FnLowerer, e: Extract<TExpr, { kind: 'compoundAssign' }>): Operand {
  const addr = lowerAddr(fl, e.target);
  const old = loadAt(fl, e.target, addr);
  const rhs = lowerValue(fl, e.value);
  let result: Operand;
  if (e.type.kind === 'pointer') {
    result = pointerStep(fl, old, rhs, e.elemSize, e.op === 'sub');
  } else {
    const wide = convertValue(fl, old, e.type, e.computeType);
    const r = lowerBinary(fl, e.op, e.computeType, wide, rhs);
    result = convertValue(fl, r, e.computeType, e.type);
  }
  storeLvalue(fl, e.target, addr, result);
  return storedValue(fl, e.target, result);
}

/** The value of an assignment to `lv` that stored `v` (C11 6.5.16p3): bit-fields keep only their width. */
function storedValue(fl: FnLowerer, lv: TExpr, v: Operand): Operand {
  if (lv.kind !== 'member' || lv.member.bitWidth === null) return v;
  return bitFieldValue(fl, lv.member, v, isSignedType(lv.member.type, fl.target));
}

/** Loads the lvalue `lv` whose address is already computed. */
function loadAt(fl: FnLowerer, lv: TExpr, addr: Operand): Operand {
  if (lv.kind === 'member' && lv.member.bitWidth !== null) return loadBitField(fl, addr, lv.member, isSignedType(lv.member.type, fl.target));
  if (isLongDouble(lv.type)) return addr;
  return fl.b.load(scalarIrType(lv.type), addr, isVolatile(lv.type));
}

function lowerIncDec(fl: FnLowerer, e: Extract<TExpr, { kind: 'incDec' }>): Operand {
  const b = fl.b;
  const addr = lowerAddr(fl, e.target);
  const old = loadAt(fl, e.target, addr);
  const t = e.type;
  let next: Operand;
  if (isLongDouble(t)) {
    // The result of x++ is the old value, which the store below overwrites: keep a copy.
    const before = ldCopy(fl, old);
    next = ldBinary(fl, e.isInc ? 'add' : 'sub', before, ldConstant(fl, ldFromNumber(1)));
    storeLvalue(fl, e.target, addr, next);
    return e.isPrefix ? next : before;
  }
  if (t.kind === 'pointer') {
    next = pointerStep(fl, old, intOperand(1), e.elemSize, !e.isInc);
  } else if (t.kind === 'float') {
    const ty = scalarIrType(t);
    next = b.binary(e.isInc ? 'fadd' : 'fsub', ty, old, floatOperand(1));
  } else if (t.kind === 'int' && t.name === 'bool') {
    // ++ on _Bool sets it; -- flips it (6.5.2.4 via conversion to _Bool).
    next = e.isInc ? intOperand(1) : b.binary('xor', 'i8', old, intOperand(1));
  } else {
    next = b.binary(e.isInc ? 'add' : 'sub', scalarIrType(t), old, intOperand(1));
  }
  storeLvalue(fl, e.target, addr, next);
  return e.isPrefix ? storedValue(fl, e.target, next) : old;
}

function lowerCall(fl: FnLowerer, e: Extract<TExpr, { kind: 'call' }>): Operand {
  const callee = e.callee.kind === 'decay' && e.callee.operand.kind === 'func'
    ? globalOperand(e.callee.operand.sym.irName)
    : lowerValue(fl, e.callee);
  return emitCall(fl, callee, e.fnType, e.type, e.args.length, (i) => ({ value: lowerValue(fl, e.args[i]!), type: e.args[i]!.type }));
}

/**
 * A call to `callee` of C type `fnType`, its arguments passed and its result
 * returned as the calling convention says. `arg(i)` lowers argument i (in
 * order, each after the previous one was passed). Returns the result: a
 * value, or the address of an aggregate or long double result.
 */
export function emitCall(
  fl: FnLowerer, callee: Operand, fnType: Extract<CType, { kind: 'function' }>, resultType: CType,
  argCount: number, arg: (i: number) => { readonly value: Operand; readonly type: CType },
): Operand {
  const b = fl.b;
  const conv = fl.module.convention;
  const sig = irSignature(conv, fnType);
  const args: Operand[] = [];
  const argTys: IrType[] = [];
  const argAbi: (ArgAbi | null)[] = [];
  const push = (v: Operand, ty: IrType, abi: ArgAbi | null) => {
    args.push(v);
    argTys.push(ty);
    argAbi.push(abi);
  };
  let sret: Operand | null = null;
  if (sig.hasSret) {
    sret = fl.temp(resultType);
    push(sret, 'ptr', { kind: 'sret' });
  } else if (sig.retAbi) {
    // Result in register pieces: the backend stores them here.
    sret = b.slot(paddedSize(resultType, sig.retAbi), Math.max(8, alignOf(resultType)));
    push(sret, 'ptr', { kind: 'retbuf', pieces: sig.retAbi });
  }
  let fixed = args.length;
  for (let i = 0; i < argCount; i++) {
    const { value: v, type } = arg(i);
    const a = { type };
    const shape = conv.paramShape(a.type);
    switch (shape.kind) {
      case 'scalar':
        push(v, isAggregateType(a.type) ? 'ptr' : irTypeOf(a.type) ?? scalarIrType(LONG), null);
        break;
      case 'pieces': {
        if (irTypeOf(a.type) === 'i128') {
          // An __int128 value: its halves, low first.
          const hi = b.convert('trunc', 'i64', 'i128', b.binary('lshr', 'i128', v, intOperand(64)));
          push(b.convert('trunc', 'i64', 'i128', v), 'i64', partAbi(shape, 0));
          push(hi, 'i64', partAbi(shape, 1));
          break;
        }
        // An aggregate is copied into padded storage first, so whole pieces can be read; a long double is its own 16 bytes.
        let from = v;
        if (isAggregateType(a.type)) {
          from = b.slot(paddedSize(a.type, shape.pieces), Math.max(8, alignOf(a.type)));
          copyBytes(fl, from, v, sizeOf(a.type));
        }
        const offsets = pieceOffsets(shape.pieces);
        shape.pieces.forEach((piece, k) => {
          const at = k === 0 ? from : b.binary('add', 'ptr', from, intOperand(offsets[k]!));
          const ty = pieceIrType(piece);
          push(b.load(ty, at), ty, partAbi(shape, k));
        });
        break;
      }
      case 'byval': {
        // Passed in memory: the backend copies from this pointer into the stack argument area.
        let from = v;
        if (isAggregateType(a.type)) {
          from = fl.temp(a.type);
          copyBytes(fl, from, v, sizeOf(a.type));
        }
        push(from, 'ptr', { kind: 'byval', size: sizeOf(a.type), align: alignOf(a.type) });
        break;
      }
      case 'indirect': {
        // By reference to a copy the callee may change.
        const copy = fl.temp(a.type);
        copyBytes(fl, copy, v, sizeOf(a.type));
        push(copy, 'ptr', null);
        break;
      }
      case 'empty': break;
      default: unreachable(shape, 'parameter shape');
    }
    if (i < fnType.params.length) fixed = args.length;
  }
  const isVariadicCall = fnType.isVariadic || !fnType.hasPrototype;
  const callRet = sig.retAbi ? 'void' : sig.ret;
  const result = b.call(callRet, callee, args, argTys, isVariadicCall ? Math.min(fixed, args.length) : undefined);
  if (argAbi.some((x) => x !== null)) {
    const inst = b.currentBlock.insts[b.currentBlock.insts.length - 1]!;
    inst.argAbi = argAbi;
  }
  // A scalar returned in pieces (__int128) is read back as one value.
  if (sret && sig.retAbi && irTypeOf(resultType) === 'i128') return b.load('i128', sret);
  if (sret) return sret;
  return result ?? UNUSED;
}
