// const-fold: constant folding and algebraic simplification.
//
// Input: any function. Output: instructions whose operands are constants
// replaced by their value, and identities (x+0, x*1, x&x, x-x, …) replaced
// by the simpler operand, with exact C semantics:
//  - integers wrap at the instruction type's width (the IR's add/sub/mul
//    are two's-complement; C's signed overflow is undefined, so wrapping
//    is one valid choice and matches the hardware);
//  - division and remainder by zero, and INT_MIN / -1, are not folded
//    (C11 6.5.5p5-6: undefined; x86 `idiv` traps, so the program's
//    behaviour stays what the machine does);
//  - shifts by a negative amount or ≥ the width are not folded (C11
//    6.5.7p3 undefined; x86 masks the count to 5 or 6 bits, C does not);
//  - float→int conversions out of range or of NaN are not folded
//    (C11 6.3.1.4p1 undefined);
//  - floats follow IEEE 754 binary32/binary64 with round-to-nearest; f32
//    results are rounded through Math.fround. No algebraic identities on
//    floats (x+0.0 is not x when x is -0.0).
// `copy` is propagated away (its result replaced by its operand).
// Runs in reverse postorder so operands are usually folded before their users.

import type { Inst, IrFunction, IrType, Operand } from '../ir.js';
import { isFloatType } from '../ir.js';
import { OPS, invertCond, isInvertible, swapCond, type CmpCond } from '../ops.js';
import type { FunctionPass, PassContext } from '../pass.js';
import { resolve, sameOperand, substitute, type Substitution } from '../rewrite.js';
import { floatMathBinary, floatMathUnary } from '../float-math.js';

export const constFold: FunctionPass = {
  name: 'const-fold',
  preservesCfg: true,
  run(fn: IrFunction, ctx: PassContext): boolean {
    const subst: Substitution = new Map();
    let changed = false;
    const cfg = ctx.cfg();
    const order = [...cfg.rpo, ...cfg.blocks.map((_, i) => i).filter((i) => cfg.rpoIndex[i] < 0)];
    // Comparisons seen so far, for rules on their 0/1 results.
    const compares = new Map<number, Inst>();
    const compareOf = (o: Operand) => (o.kind === 'value' ? compares.get(o.id) : undefined);
    for (const bi of order) {
      const blk = cfg.blocks[bi];
      const kept: Inst[] = [];
      for (const inst of blk.insts) {
        inst.args = inst.args.map((a) => resolve(subst, a));
        const r = simplify(inst, compareOf);
        if ((inst.op === 'icmp' || inst.op === 'fcmp') && inst.result !== null) compares.set(inst.result, inst);
        if (r === 'changed') changed = true;
        if (r !== null && r !== 'changed' && inst.result !== null) {
          subst.set(inst.result, r);
          changed = true;
        } else {
          kept.push(inst);
        }
      }
      blk.insts = kept;
    }
    return substitute(fn, subst) || changed;
  },
};

export function bitsOf(ty: IrType): number {
  switch (ty) {
    case 'i8': return 8;
    case 'i16': return 16;
    case 'i32': case 'f32': return 32;
    case 'i64': case 'f64': case 'ptr': return 64;
    case 'i128': return 128;
    case 'v4i32': case 'v2i64': case 'v4f32': case 'v2f64': return 128;
  }
}

const int = (value: bigint, ty: IrType): Operand => ({ kind: 'int', value: BigInt.asIntN(bitsOf(ty), value) });
const float = (value: number, ty: IrType): Operand => ({ kind: 'float', value: ty === 'f32' ? Math.fround(value) : value });

/**
 * The operand the instruction's result equals, 'changed' when the
 * instruction was rewritten in place into a cheaper one, or null.
 */
export function simplify(inst: Inst, compareOf: CompareLookup = () => undefined): Operand | 'changed' | null {
  const info = OPS[inst.op];
  const ty = inst.ty;
  if (ty === null || inst.result === null) return null;
  switch (info.shape) {
    case 'copy': return inst.args[0];
    case 'binary': {
      if (isFloatType(ty)) return foldFloatBinary(inst, ty);
      const r = simplifyIntBinary(inst, ty);
      // A comparison result is 0 or 1, so `and c, 1` is c.
      const [a, b] = inst.args;
      if (r === null && inst.op === 'and' && b.kind === 'int' && b.value === 1n && compareOf(a)?.ty === ty) return a;
      return r;
    }
    case 'unary': return foldUnary(inst, ty);
    case 'compare': return simplifyCompare(inst) ?? simplifyCompareOfCompare(inst, compareOf);
    case 'convert': return foldConvert(inst, ty);
    case 'select': {
      const [c, a, b] = inst.args;
      if (c.kind === 'int') return BigInt.asUintN(bitsOf(inst.opTy ?? 'i64'), c.value) !== 0n ? a : b;
      if (sameOperand(a, b)) return a;
      // select c, 1, 0 is c itself when c is a comparison of the same type; select c, 0, 1 is its negation.
      if (compareOf(c)?.ty === ty && a.kind === 'int' && b.kind === 'int') {
        if (a.value === 1n && b.value === 0n) return c;
        if (a.value === 0n && b.value === 1n) {
          inst.op = 'xor';
          inst.args = [c, b];
          delete inst.opTy;
          return 'changed';
        }
      }
      return null;
    }
    case 'load': case 'store': case 'call': case 'slotaddr': case 'vastart': case 'asm': case 'ldmem': case 'ldcmp':
    case 'stackalloc': case 'stacksave': case 'stackrestore': return null;
  }
}

function foldUnary(inst: Inst, ty: IrType): Operand | null {
  const a = inst.args[0];
  if (inst.op === 'fneg') return a.kind === 'float' ? float(-a.value, ty) : null;
  if (isFloatType(ty)) {
    const r = a.kind === 'float' ? floatMathUnary(inst.op, ty === 'f32' ? Math.fround(a.value) : a.value, ty) : null;
    return r === null ? null : float(r, ty);
  }
  if (a.kind !== 'int') return null;
  return inst.op === 'neg' ? int(-a.value, ty) : int(~a.value, ty);
}

function foldFloatBinary(inst: Inst, ty: IrType): Operand | null {
  const [a, b] = inst.args;
  if (a.kind !== 'float' || b.kind !== 'float') return null;
  const x = ty === 'f32' ? Math.fround(a.value) : a.value;
  const y = ty === 'f32' ? Math.fround(b.value) : b.value;
  switch (inst.op) {
    case 'fadd': return float(x + y, ty);
    case 'fsub': return float(x - y, ty);
    case 'fmul': return float(x * y, ty);
    case 'fdiv': return float(x / y, ty);
    default: {
      const r = floatMathBinary(inst.op, x, y);
      return r === null ? null : float(r, ty);
    }
  }
}

/** The integer result of `op` on constants, or null where C leaves it undefined. */
export function foldIntOp(op: string, a: bigint, b: bigint, ty: IrType): bigint | null {
  const w = bitsOf(ty);
  const ua = BigInt.asUintN(w, a);
  const ub = BigInt.asUintN(w, b);
  const sa = BigInt.asIntN(w, a);
  const sb = BigInt.asIntN(w, b);
  switch (op) {
    case 'add': return a + b;
    case 'sub': return a - b;
    case 'mul': return a * b;
    case 'smulh': return (sa * sb) >> BigInt(w);
    case 'umulh': return (ua * ub) >> BigInt(w);
    case 'and': return ua & ub;
    case 'or': return ua | ub;
    case 'xor': return ua ^ ub;
    case 'shl': return ub < BigInt(w) ? ua << ub : null;
    case 'lshr': return ub < BigInt(w) ? ua >> ub : null;
    case 'ashr': return ub < BigInt(w) ? sa >> ub : null;
    case 'sdiv': case 'srem': {
      if (sb === 0n) return null;
      if (sb === -1n && sa === -(1n << BigInt(w - 1))) return null;
      return op === 'sdiv' ? sa / sb : sa % sb; // BigInt truncates toward zero, as C11 6.5.5p6
    }
    case 'udiv': return ub === 0n ? null : ua / ub;
    case 'urem': return ub === 0n ? null : ua % ub;
    default: return null;
  }
}

function log2Exact(v: bigint, w: number): number {
  const u = BigInt.asUintN(w, v);
  if (u === 0n || (u & (u - 1n)) !== 0n) return -1;
  return u.toString(2).length - 1;
}

function simplifyIntBinary(inst: Inst, ty: IrType): Operand | 'changed' | null {
  const w = bitsOf(ty);
  let [a, b] = inst.args;
  // Constants go right on commutative ops, so the rules below see one shape.
  if (OPS[inst.op].isCommutative && a.kind !== 'value' && b.kind === 'value') {
    inst.args = [b, a];
    [a, b] = [b, a];
  }
  if (a.kind === 'int' && b.kind === 'int') {
    const r = foldIntOp(inst.op, a.value, b.value, ty);
    return r === null ? null : int(r, ty);
  }
  // Address arithmetic on a symbol: @g + 8 is the operand @g+8.
  if (ty === 'ptr' && a.kind === 'global' && b.kind === 'int' && (inst.op === 'add' || inst.op === 'sub')) {
    const off = BigInt(a.offset) + (inst.op === 'add' ? b.value : -b.value);
    if (off >= -(1n << 31n) && off < 1n << 31n) return { kind: 'global', name: a.name, offset: Number(off) };
    return null;
  }
  const c = b.kind === 'int' ? BigInt.asIntN(w, b.value) : null;
  const same = sameOperand(a, b) && a.kind === 'value';
  const zero = int(0n, ty);
  const rewrite = (op: Inst['op'], args: Operand[]): 'changed' => {
    inst.op = op;
    inst.args = args;
    return 'changed';
  };
  switch (inst.op) {
    case 'add': case 'or': case 'xor':
      if (c === 0n) return a;
      if (same) return inst.op === 'xor' ? zero : inst.op === 'or' ? a : null;
      if (c === -1n && inst.op === 'or') return int(-1n, ty);
      if (c === -1n && inst.op === 'xor') return rewrite('not', [a]);
      return null;
    case 'sub':
      if (c === 0n) return a;
      if (same) return zero;
      if (a.kind === 'int' && BigInt.asIntN(w, a.value) === 0n) return rewrite('neg', [b]);
      return null;
    case 'and':
      if (c === 0n) return zero;
      if (c === -1n || same) return a;
      return null;
    case 'mul': {
      if (c === 0n) return zero;
      if (c === 1n) return a;
      if (c === -1n) return rewrite('neg', [a]);
      const k = c === null ? -1 : log2Exact(c, w);
      if (k > 0) return rewrite('shl', [a, int(BigInt(k), ty)]);
      return null;
    }
    case 'shl': case 'lshr': case 'ashr':
      if (c === 0n) return a;
      return null;
    case 'sdiv':
      if (c === 1n) return a;
      if (c === -1n) return rewrite('neg', [a]); // INT_MIN / -1 is undefined, so wrapping is fine
      return null;
    case 'udiv': {
      if (c === 1n) return a;
      const k = c === null ? -1 : log2Exact(c, w);
      if (k > 0) return rewrite('lshr', [a, int(BigInt(k), ty)]);
      return null;
    }
    case 'srem':
      if (c === 1n || c === -1n) return zero;
      return null;
    case 'urem': {
      if (c === 1n) return zero;
      const k = c === null ? -1 : log2Exact(c, w);
      if (k > 0) return rewrite('and', [a, int((1n << BigInt(k)) - 1n, ty)]);
      return null;
    }
    default:
      return null;
  }
}

function simplifyCompare(inst: Inst): Operand | 'changed' | null {
  const opTy = inst.opTy;
  const cond = inst.cond;
  if (opTy === undefined || cond === undefined || inst.ty === null) return null;
  let [a, b] = inst.args;
  const one = int(1n, inst.ty);
  const zero = int(0n, inst.ty);
  if (inst.op === 'icmp') {
    if (a.kind === 'int' && b.kind === 'int') return compareInts(cond, a.value, b.value, bitsOf(opTy)) ? one : zero;
    if (a.kind === 'value' && sameOperand(a, b)) {
      return cond === 'eq' || cond === 'sle' || cond === 'sge' || cond === 'ule' || cond === 'uge' ? one : zero;
    }
    if (a.kind !== 'value' && b.kind === 'value') {
      inst.args = [b, a];
      inst.cond = swapCond(cond);
      [a, b] = [b, a];
      return 'changed';
    }
    return null;
  }
  if (a.kind === 'float' && b.kind === 'float') return compareFloats(cond, a.value, b.value) ? one : zero;
  return null;
}

/** The comparison instruction that defines a value, when known. */
export type CompareLookup = (o: Operand) => Inst | undefined;

/** `icmp ne c, 0` is c and `icmp eq c, 0` is c inverted, when c is a comparison (0 or 1). */
function simplifyCompareOfCompare(inst: Inst, compareOf: CompareLookup): Operand | 'changed' | null {
  if (inst.op !== 'icmp') return null;
  const [a, b] = inst.args;
  const inner = compareOf(a);
  if (!inner || inner.ty !== inst.opTy || b.kind !== 'int' || b.value !== 0n) return null;
  if (inst.cond === 'ne' && inner.ty === inst.ty) return a;
  if (inst.cond === 'eq' && inner.cond !== undefined && isInvertible(inner.cond)) {
    inst.op = inner.op;
    inst.cond = invertCond(inner.cond);
    inst.opTy = inner.opTy;
    inst.args = inner.args.slice();
    return 'changed';
  }
  return null;
}

export function compareInts(cond: CmpCond, a: bigint, b: bigint, w: number): boolean {
  const sa = BigInt.asIntN(w, a), sb = BigInt.asIntN(w, b);
  const ua = BigInt.asUintN(w, a), ub = BigInt.asUintN(w, b);
  switch (cond) {
    case 'eq': return ua === ub;
    case 'ne': return ua !== ub;
    case 'slt': return sa < sb;
    case 'sle': return sa <= sb;
    case 'sgt': return sa > sb;
    case 'sge': return sa >= sb;
    case 'ult': return ua < ub;
    case 'ule': return ua <= ub;
    case 'ugt': return ua > ub;
    case 'uge': return ua >= ub;
    default: return false;
  }
}

export function compareFloats(cond: CmpCond, a: number, b: number): boolean {
  const isUnordered = Number.isNaN(a) || Number.isNaN(b);
  switch (cond) {
    case 'oeq': return a === b;
    case 'une': return a !== b; // true when unordered, as `!=` must be
    case 'olt': return a < b;
    case 'ole': return a <= b;
    case 'ogt': return a > b;
    case 'oge': return a >= b;
    case 'uno': return isUnordered;
    case 'ord': return !isUnordered;
    default: return false;
  }
}

function foldConvert(inst: Inst, ty: IrType): Operand | null {
  const from = inst.opTy;
  const a = inst.args[0];
  if (from === undefined) return null;
  const fw = bitsOf(from);
  if (a.kind === 'int') {
    switch (inst.op) {
      case 'sext': return int(BigInt.asIntN(fw, a.value), ty);
      case 'zext': return int(BigInt.asUintN(fw, a.value), ty);
      case 'trunc': case 'ptrtoint': case 'inttoptr': return int(a.value, ty);
      case 'sitofp': case 'uitofp': {
        const v = inst.op === 'sitofp' ? BigInt.asIntN(fw, a.value) : BigInt.asUintN(fw, a.value);
        // Number(bigint) rounds once to double; rounding that to float could
        // round twice, so f32 is only folded where the double is exact.
        if (ty === 'f32' && (v > 1n << 53n || v < -(1n << 53n))) return null;
        return float(Number(v), ty);
      }
      case 'bitcast':
        if (isFloatType(ty)) return float(bitsToFloat(BigInt.asUintN(fw, a.value), ty), ty);
        return int(a.value, ty);
      default: return null;
    }
  }
  if (a.kind === 'float') {
    switch (inst.op) {
      case 'fpext': return float(a.value, ty);
      case 'fptrunc': return float(Math.fround(a.value), ty);
      case 'fptosi': case 'fptoui': {
        if (!Number.isFinite(a.value)) return null;
        const t = BigInt(Math.trunc(a.value));
        const w = bitsOf(ty);
        const [lo, hi] = inst.op === 'fptosi' ? [-(1n << BigInt(w - 1)), (1n << BigInt(w - 1)) - 1n] : [0n, (1n << BigInt(w)) - 1n];
        return t < lo || t > hi ? null : int(t, ty);
      }
      case 'bitcast':
        return isFloatType(ty) ? float(a.value, ty) : int(floatToBits(a.value, from), ty);
      default: return null;
    }
  }
  return null;
}

function bitsToFloat(bits: bigint, ty: IrType): number {
  const dv = new DataView(new ArrayBuffer(8));
  if (ty === 'f32') { dv.setUint32(0, Number(bits)); return dv.getFloat32(0); }
  dv.setBigUint64(0, bits);
  return dv.getFloat64(0);
}

function floatToBits(v: number, ty: IrType): bigint {
  const dv = new DataView(new ArrayBuffer(8));
  if (ty === 'f32') { dv.setFloat32(0, v); return BigInt(dv.getUint32(0)); }
  dv.setFloat64(0, v);
  return dv.getBigUint64(0);
}
