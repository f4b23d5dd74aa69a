// inst-combine: rewrites of an instruction together with the instructions
// that compute its operands (const-fold handles one instruction alone).
//
// Input: any function. Output: the same function with, on integers only
// (floating point is never reassociated: (a+b)+c is not a+(b+c)):
//  - constants gathered:   (x op c1) op c2 → x op (c1 op c2) for add, mul,
//    and, or, xor; x - c → x + (−c); (c1 − x) + c2 → (c1+c2) − x;
//    shifts of shifts by constants add up;
//  - inverses cancelled:   (a+b)−b → a, (a−b)+b → a, a−(a−b) → b,
//    (a^b)^b → a, −(−a) → a, ~~a → a, a+(−b) → a−b, a−(−b) → a+b,
//    −(a−b) → b−a;
//  - conversions chained:  trunc(ext x) → x or a narrower trunc/ext,
//    ext(ext x) → one ext, inttoptr(ptrtoint p) → p, and of a zext with a
//    mask covering its source → the zext;
//  - comparisons narrowed: (x+c1) == c2 → x == c2−c1, (x^c1) == c2 →
//    x == c1^c2, (a−b) == 0 → a == b, compare of two sign extensions (or
//    a sign extension and a constant that fits) → compare of the narrow
//    values, the same with zero extensions as an unsigned compare;
//  - division by a constant (not a power of two, which the backend does
//    with shifts) as a multiply-high and shifts (Granlund & Montgomery,
//    "Division by invariant integers using multiplication", PLDI 1994;
//    Hacker's Delight ch. 10): q = mulh(x, m) >> s, with the signed
//    correction q += (x < 0) and the 33-bit-magic form
//    q = (((x − t) >> 1) + t) >> (s − 1), t = umulh(x, m); remainders as
//    x − q·d. Exact for every dividend of the type; by 0 and by −1 stay
//    divisions (undefined or trapping in C, and not slower anyway).
// Rules run in reverse postorder until nothing changes (at most a few
// rounds); each rule keeps types exact, so the verifier holds after it.

import type { Inst, IrFunction, IrType, Operand } from '../ir.js';
import { isIntType } from '../ir.js';
import { swapCond, type CmpCond } from '../ops.js';
import type { FunctionPass, PassContext } from '../pass.js';
import { newValue, resolve, sameOperand, substitute, type Substitution } from '../rewrite.js';
import { bitsOf } from './const-fold.js';

const MAX_ROUNDS = 4;
const ASSOCIATIVE: ReadonlySet<string> = new Set(['add', 'mul', 'and', 'or', 'xor']);

export const instCombine: FunctionPass = {
  name: 'inst-combine',
  preservesCfg: true,
  run(fn: IrFunction, ctx: PassContext): boolean {
    let changed = false;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if (!combineOnce(fn, ctx)) break;
      changed = true;
    }
    return changed;
  },
};

/**
 * What a rule does: the result equals an operand; or new instructions go
 * before the instruction, whose result then equals `value` (or which was
 * rewritten in place); or the instruction was rewritten in place.
 */
type Outcome = Operand | { readonly before: Inst[]; readonly value?: Operand } | 'rewritten' | null;

class Combiner {
  readonly defs = new Map<number, Inst>();
  constructor(readonly fn: IrFunction) {}

  def(o: Operand): Inst | undefined {
    return o.kind === 'value' ? this.defs.get(o.id) : undefined;
  }

  /** A fresh instruction computing `op ty args`, to be placed before the current one. */
  make(op: Inst['op'], ty: IrType, args: Operand[], extra: Partial<Inst> = {}): Inst {
    const inst: Inst = { op, result: newValue(this.fn, ty), ty, args, ...extra };
    this.defs.set(inst.result!, inst);
    return inst;
  }
}

function combineOnce(fn: IrFunction, ctx: PassContext): boolean {
  const cfg = ctx.cfg();
  const c = new Combiner(fn);
  const subst: Substitution = new Map();
  let changed = false;
  for (const blk of fn.blocks) for (const inst of blk.insts) if (inst.result !== null) c.defs.set(inst.result, inst);
  const order = [...cfg.rpo, ...cfg.blocks.map((_, i) => i).filter((i) => cfg.rpoIndex[i]! < 0)];
  for (const bi of order) {
    const blk = cfg.blocks[bi]!;
    const out: Inst[] = [];
    for (const inst of blk.insts) {
      inst.args = inst.args.map((a) => resolve(subst, a));
      const r = inst.result !== null && inst.ty !== null ? combine(c, inst) : null;
      if (r === null) { out.push(inst); continue; }
      changed = true;
      if (r === 'rewritten') { out.push(inst); continue; }
      if ('before' in r) {
        out.push(...r.before);
        if (r.value === undefined) out.push(inst);
        else subst.set(inst.result!, r.value);
        continue;
      }
      subst.set(inst.result!, r);
    }
    blk.insts = out;
  }
  return substitute(fn, subst) || changed;
}

const intOp = (value: bigint, ty: IrType): Operand => ({ kind: 'int', value: BigInt.asIntN(bitsOf(ty), value) });
const constOf = (o: Operand, ty: IrType): bigint | null => (o.kind === 'int' ? BigInt.asIntN(bitsOf(ty), o.value) : null);

function combine(c: Combiner, inst: Inst): Outcome {
  const ty = inst.ty!;
  switch (inst.op) {
    case 'add': case 'sub': case 'mul': case 'and': case 'or': case 'xor':
      return isIntType(ty) ? combineArith(c, inst, ty) : null;
    case 'shl': case 'lshr': case 'ashr':
      return combineShift(c, inst, ty);
    case 'neg': case 'not': {
      const d = c.def(inst.args[0]!);
      if (d?.op === inst.op) return d.args[0]!;
      if (inst.op === 'neg' && d?.op === 'sub') return rewrite(inst, 'sub', [d.args[1]!, d.args[0]!]);
      return null;
    }
    case 'trunc': case 'sext': case 'zext': case 'inttoptr': case 'ptrtoint':
      return combineConvert(c, inst, ty);
    case 'icmp':
      return combineCompare(c, inst);
    case 'sdiv': case 'udiv': case 'srem': case 'urem':
      return divideByConstant(c, inst, ty);
    default:
      return null;
  }
}

function rewrite(inst: Inst, op: Inst['op'], args: Operand[]): 'rewritten' {
  inst.op = op;
  inst.args = args;
  return 'rewritten';
}

function combineArith(c: Combiner, inst: Inst, ty: IrType): Outcome {
  let [a, b] = inst.args as [Operand, Operand];
  if (inst.op !== 'sub' && a.kind === 'int' && b.kind !== 'int') {
    [a, b] = [b, a];
    inst.args = [a, b];
  }
  const k = constOf(b, ty);
  const da = c.def(a), db = c.def(b);
  // x - c → x + (-c): one canonical form for the rules below (the backend emits lea either way).
  if (inst.op === 'sub' && k !== null && ty !== 'ptr') return rewrite(inst, 'add', [a, intOp(-k, ty)]);
  // (x op c1) op c2 → x op (c1 op c2)
  if (k !== null && ASSOCIATIVE.has(inst.op) && da?.op === inst.op && da.ty === ty) {
    const k1 = constOf(da.args[1]!, ty);
    if (k1 !== null) return rewrite(inst, inst.op, [da.args[0]!, intOp(fold(inst.op, k1, k), ty)]);
  }
  if (inst.op === 'add') {
    // (c1 - x) + c2 → (c1 + c2) - x
    if (k !== null && da?.op === 'sub' && da.ty === ty) {
      const k1 = constOf(da.args[0]!, ty);
      if (k1 !== null) return rewrite(inst, 'sub', [intOp(k1 + k, ty), da.args[1]!]);
    }
    // (a - b) + b → a
    if (da?.op === 'sub' && sameOperand(da.args[1]!, b)) return da.args[0]!;
    if (db?.op === 'sub' && sameOperand(db.args[1]!, a)) return db.args[0]!;
    // a + (-b) → a - b;  (-a) + b → b - a
    if (db?.op === 'neg') return rewrite(inst, 'sub', [a, db.args[0]!]);
    if (da?.op === 'neg') return rewrite(inst, 'sub', [b, da.args[0]!]);
  }
  if (inst.op === 'sub') {
    // (a + b) - b → a;  (a + b) - a → b
    if (da?.op === 'add' && sameOperand(da.args[1]!, b)) return da.args[0]!;
    if (da?.op === 'add' && sameOperand(da.args[0]!, b)) return da.args[1]!;
    // a - (a - b) → b
    if (db?.op === 'sub' && sameOperand(db.args[0]!, a)) return db.args[1]!;
    // a - (-b) → a + b
    if (db?.op === 'neg') return rewrite(inst, 'add', [a, db.args[0]!]);
  }
  if (inst.op === 'xor') {
    // (a ^ b) ^ b → a
    if (da?.op === 'xor' && sameOperand(da.args[1]!, b)) return da.args[0]!;
    if (da?.op === 'xor' && sameOperand(da.args[0]!, b)) return da.args[1]!;
  }
  if (inst.op === 'and' && k !== null && da?.op === 'zext' && da.opTy !== undefined) {
    // and (zext x), mask → zext x when the mask keeps every bit x can have
    const low = (1n << BigInt(bitsOf(da.opTy))) - 1n;
    if ((BigInt.asUintN(bitsOf(ty), k) & low) === low) return a;
  }
  return null;
}

function fold(op: string, x: bigint, y: bigint): bigint {
  switch (op) {
    case 'add': return x + y;
    case 'mul': return x * y;
    case 'and': return x & y;
    case 'or': return x | y;
    default: return x ^ y;
  }
}

function combineShift(c: Combiner, inst: Inst, ty: IrType): Outcome {
  const [a, b] = inst.args as [Operand, Operand];
  const w = BigInt(bitsOf(ty));
  const k = b.kind === 'int' ? BigInt.asUintN(64, b.value) : null;
  const da = c.def(a);
  if (k === null || k >= w || da?.op !== inst.op || da.ty !== ty) return null;
  const k1 = da.args[1]!.kind === 'int' ? BigInt.asUintN(64, (da.args[1] as { value: bigint }).value) : null;
  if (k1 === null || k1 >= w) return null;
  const total = k + k1;
  if (total < w) return rewrite(inst, inst.op, [da.args[0]!, intOp(total, ty)]);
  // Every bit shifted out: 0 for shl/lshr; ashr keeps copying the sign bit.
  if (inst.op === 'ashr') return rewrite(inst, 'ashr', [da.args[0]!, intOp(w - 1n, ty)]);
  return intOp(0n, ty);
}

const isExt = (op: string) => op === 'sext' || op === 'zext';

function combineConvert(c: Combiner, inst: Inst, ty: IrType): Outcome {
  const x = inst.args[0]!;
  const d = c.def(x);
  if (!d || d.opTy === undefined) return null;
  const src = d.opTy;
  if (inst.op === 'trunc' && isExt(d.op)) {
    // trunc(ext x): x itself, a narrower trunc of x, or a smaller ext of x
    if (src === ty) return d.args[0]!;
    return convertFrom(inst, bitsOf(src) > bitsOf(ty) ? 'trunc' : d.op, d.args[0]!, src);
  }
  if (inst.op === 'trunc' && d.op === 'trunc') return convertFrom(inst, 'trunc', d.args[0]!, src);
  // sext(sext x), zext(zext x), sext(zext x) = zext x (its sign bit is 0)
  if (isExt(inst.op) && isExt(d.op) && (inst.op === d.op || d.op === 'zext')) return convertFrom(inst, d.op, d.args[0]!, src);
  if (inst.op === 'inttoptr' && d.op === 'ptrtoint' && src === 'ptr' && inst.opTy === 'i64') return d.args[0]!;
  if (inst.op === 'ptrtoint' && d.op === 'inttoptr' && src === 'i64' && ty === 'i64') return d.args[0]!;
  return null;
}

/** Rewrites `inst` into the conversion `op` of `x`, whose type is `from`. */
function convertFrom(inst: Inst, op: Inst['op'], x: Operand, from: IrType): 'rewritten' {
  inst.opTy = from;
  return rewrite(inst, op, [x]);
}

const UNSIGNED: Record<string, CmpCond> = { slt: 'ult', sle: 'ule', sgt: 'ugt', sge: 'uge' };

function combineCompare(c: Combiner, inst: Inst): Outcome {
  const opTy = inst.opTy;
  let cond = inst.cond;
  if (opTy === undefined || cond === undefined || !isIntType(opTy)) return null;
  let [a, b] = inst.args as [Operand, Operand];
  if (a.kind !== 'value' && b.kind === 'value') {
    [a, b] = [b, a];
    cond = swapCond(cond);
    inst.cond = cond;
    inst.args = [a, b];
  }
  const da = c.def(a), db = c.def(b);
  const k = constOf(b, opTy);
  if (cond === 'eq' || cond === 'ne') {
    if (k !== null && da?.ty === opTy && (da.op === 'add' || da.op === 'xor')) {
      const k1 = constOf(da.args[1]!, opTy);
      if (k1 !== null) return rewrite(inst, 'icmp', [da.args[0]!, intOp(da.op === 'add' ? k - k1 : k ^ k1, opTy)]);
    }
    if (k === 0n && da?.op === 'sub' && da.ty === opTy && opTy !== 'ptr') return rewrite(inst, 'icmp', [da.args[0]!, da.args[1]!]);
  }
  // Compare the narrow values when both sides are extensions of the same kind from the same type.
  if (da && isExt(da.op) && da.opTy !== undefined) {
    const narrow = da.opTy;
    const isSigned = da.op === 'sext';
    let nb: Operand | null = null;
    if (db && db.op === da.op && db.opTy === narrow) nb = db.args[0]!;
    else if (k !== null && fitsIn(k, narrow, isSigned)) nb = intOp(k, narrow);
    if (nb !== null) {
      // Zero-extended values are never negative: a signed compare of them is the unsigned one.
      if (!isSigned && UNSIGNED[cond]) inst.cond = UNSIGNED[cond];
      inst.opTy = narrow;
      return rewrite(inst, 'icmp', [da.args[0]!, nb]);
    }
  }
  return null;
}

function fitsIn(k: bigint, ty: IrType, isSigned: boolean): boolean {
  const w = BigInt(bitsOf(ty));
  return isSigned ? k >= -(1n << (w - 1n)) && k < 1n << (w - 1n) : k >= 0n && k < 1n << w;
}

// ---- division by constants ------------------------------------------------

/** A multiplier and shift for unsigned division by d (1 < d < 2^w, not a power of two). */
export function unsignedMagic(d: bigint, w: number): { m: bigint; s: number; isWide: boolean } {
  const W = BigInt(w);
  const l = BigInt(d.toString(2).length); // ceil(log2 d) for d not a power of two
  const xmax = (1n << W) - 1n;
  for (let p = W; p <= W + l; p++) {
    const m = ((1n << p) + d - 1n) / d;
    const e = m * d - (1n << p);
    if (e * xmax < 1n << p) return { m, s: Number(p - W), isWide: m >= 1n << W };
  }
  throw new Error('unreachable: p = w + ceil(log2 d) always works');
}

/**
 * A multiplier and shift for signed division by |d| (2 < |d| < 2^(w-1), not
 * a power of two): m < 2^w, and when m ≥ 2^(w-1) it does not fit a signed
 * w-bit operand, so the caller multiplies by m − 2^w and adds x back.
 */
export function signedMagic(ad: bigint, w: number): { m: bigint; s: number } {
  const W = BigInt(w);
  const l = BigInt(ad.toString(2).length);
  const xmax = 1n << (W - 1n); // |x| ≤ 2^(w-1)
  for (let p = W; p <= W - 1n + l; p++) {
    const m = ((1n << p) + ad - 1n) / ad;
    const e = m * ad - (1n << p);
    // Granlund & Montgomery theorem 5.1: 2^p ≤ m·d ≤ 2^p + 2^(p−w+1).
    if (e * xmax <= 1n << p) return { m, s: Number(p - W) };
  }
  throw new Error('unreachable: p = w - 1 + ceil(log2 d) always works');
}

function divideByConstant(c: Combiner, inst: Inst, ty: IrType): Outcome {
  if (ty === 'ptr' || !isIntType(ty)) return null;
  const [x, dOp] = inst.args as [Operand, Operand];
  if (dOp.kind !== 'int' || x.kind === 'int') return null;
  const w = bitsOf(ty);
  const isSigned = inst.op === 'sdiv' || inst.op === 'srem';
  const d = isSigned ? BigInt.asIntN(w, dOp.value) : BigInt.asUintN(w, dOp.value);
  const ad = d < 0n ? -d : d;
  if (ad <= 1n || (ad & (ad - 1n)) === 0n) return null; // 0, ±1 and powers of two: not here
  if (isSigned && ad >= 1n << BigInt(w - 1)) return null;
  const before: Inst[] = [];
  const emit = (op: Inst['op'], args: Operand[]): Operand => {
    const i = c.make(op, ty, args, inst.loc ? { loc: inst.loc } : {});
    before.push(i);
    return { kind: 'value', id: i.result! };
  };
  const k = (v: bigint | number) => intOp(BigInt(v), ty);
  let q: Operand;
  if (!isSigned) {
    const { m, s, isWide } = unsignedMagic(d, w);
    if (!isWide) {
      q = emit('umulh', [x, k(m)]);
      if (s > 0) q = emit('lshr', [q, k(s)]);
    } else {
      // m needs w+1 bits: t = umulh(x, m - 2^w); q = (((x - t) >> 1) + t) >> (s - 1)
      const t = emit('umulh', [x, k(m - (1n << BigInt(w)))]);
      const diff = emit('lshr', [emit('sub', [x, t]), k(1)]);
      q = emit('add', [diff, t]);
      if (s > 1) q = emit('lshr', [q, k(s - 1)]);
    }
  } else {
    const { m, s } = signedMagic(ad, w);
    const fits = m < 1n << BigInt(w - 1);
    // smulh(x, m − 2^w) = floor(x·m / 2^w) − x, so adding x back gives the same high half.
    let t = emit('smulh', [x, k(fits ? m : m - (1n << BigInt(w)))]);
    if (!fits) t = emit('add', [t, x]);
    if (s > 0) t = emit('ashr', [t, k(s)]);
    // Round toward zero: add 1 when x is negative (t − (x >> w−1)).
    q = emit('sub', [t, emit('ashr', [x, k(w - 1)])]);
    if (d < 0n) q = emit('neg', [q]);
  }
  if (inst.op === 'udiv' || inst.op === 'sdiv') return { before, value: q };
  // r = x - q·d
  const qd = emit('mul', [q, k(d)]);
  rewrite(inst, 'sub', [x, qd]);
  return { before };
}
