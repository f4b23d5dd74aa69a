// legalize-i128: rewrites every i128 value into a pair of i64 values (low
// half, high half), so instruction selection sees only types that fit a
// register. Codegen runs it on each function before selection, on every
// target: no ISA has 128-bit general registers, and the expansions below
// use only target-neutral IR (plus `umulh`, the high half of a 64×64-bit
// product, which every 64-bit ISA has: x86 `mul`, A64 `umulh`).
//
// Why here and not in the frontend or in each backend: the frontend keeps
// `__int128` one IR value, so mem2reg promotes its locals, constants fold
// and value numbering sees through it exactly as for the other integer
// types; and one rewrite shared by all targets keeps every backend free of
// register pairs. What the ABI decides (how an __int128 argument or result
// travels) stays in the calling conventions, which pass it as two i64
// pieces; what libgcc computes (division, conversions to and from floating
// point) the frontend calls, as gcc does. ir.ts lists what may be i128.
//
// Input: a verified function. Output: the same function without i128 (block
// parameters and edge arguments split in two, constants split), still
// verified. Expansions (lo, hi halves; u<: unsigned less than, 0/1 as i64):
//   add   lo = a.lo + b.lo;  hi = a.hi + b.hi + (lo u< a.lo)
//   sub   lo = a.lo − b.lo;  hi = a.hi − b.hi − (a.lo u< b.lo)
//   mul   lo = a.lo·b.lo;    hi = umulh(a.lo, b.lo) + a.lo·b.hi + a.hi·b.lo
//   and/or/xor/not           each half
//   shifts by a constant     the halves' shifts and the bits crossing over
//   shifts by n              s = n & 63, both results for n < 64 and n ≥ 64
//                            built branch-free and chosen by n & 64 (the
//                            count is used modulo 128, as the hardware masks
//                            a 64-bit count modulo 64)
//   icmp eq/ne               (a.lo ^ b.lo) | (a.hi ^ b.hi) against 0
//   icmp ordered             a.hi == b.hi ? a.lo u-cond b.lo : a.hi cond b.hi
//   sext/zext to i128        hi = lo >>s 63 / 0;  trunc: from the low half
//   load/store               two i64 accesses at +0 and +8 (little-endian)
//   switch                   on the low half under a test of the high half
//                            when every case shares it, else a chain of tests
// Trivial results are folded while building (x + 0, x · 0, a constant high
// half), so zero-extended operands cost nothing: `(u128)a * b` is one `mul`
// and one `umulh`. Blocks unreachable from the entry are removed first (no
// code is generated for them; their uses need not be split).

import { computeCfg } from '../analysis/cfg.js';
import type { Block, BlockCall, Inst, IrFunction, IrType, Operand } from '../ir.js';
import { successors } from '../ir.js';
import type { IntCond, Opcode } from '../ops.js';
import type { FunctionPass } from '../pass.js';
import { newValue, sameOperand, substitute, type Substitution } from '../rewrite.js';
import { foldIntOp, compareInts } from './const-fold.js';

type Pair = readonly [lo: Operand, hi: Operand];

const ZERO: Operand = { kind: 'int', value: 0n };

export const legalizeI128: FunctionPass = {
  name: 'legalize-i128',
  run: (fn: IrFunction) => legalizeI128Values(fn),
};

/** The pass on its own (codegen runs it before selection); true when the function had i128 values. */
export function legalizeI128Values(fn: IrFunction): boolean {
  if (!fn.values.some((v) => v.ty === 'i128')) return false;
  removeUnreachable(fn);
  new Legalizer(fn).run();
  return true;
}

function removeUnreachable(fn: IrFunction): void {
  const cfg = computeCfg(fn);
  fn.blocks = fn.blocks.filter((_, i) => cfg.rpoIndex[i]! >= 0);
}

function unsignedCond(c: IntCond): IntCond {
  switch (c) {
    case 'slt': return 'ult';
    case 'sle': return 'ule';
    case 'sgt': return 'ugt';
    case 'sge': return 'uge';
    default: return c;
  }
}

class Legalizer {
  private readonly pairs = new Map<number, Pair>();
  private readonly subst: Substitution = new Map();
  /** Each block's parameter types before the split (edges are split by them). */
  private readonly paramTypes = new Map<number, IrType[]>();
  private out: Inst[] = [];
  private loc: Inst['loc'];
  private nextBlockId: number;

  constructor(private readonly fn: IrFunction) {
    this.nextBlockId = Math.max(...fn.blocks.map((b) => b.id)) + 1;
  }

  run(): void {
    const fn = this.fn;
    for (const blk of fn.blocks) {
      this.paramTypes.set(blk.id, blk.params.map((p) => fn.values[p]!.ty));
      blk.params = blk.params.flatMap((p) => {
        if (fn.values[p]!.ty !== 'i128') return [p];
        const lo = newValue(fn, 'i64');
        const hi = newValue(fn, 'i64');
        this.pairs.set(p, [{ kind: 'value', id: lo }, { kind: 'value', id: hi }]);
        return [lo, hi];
      });
    }
    // Reverse postorder: every definition is rewritten before its uses (block parameters are split above).
    const cfg = computeCfg(fn);
    const extra: Block[] = [];
    for (const index of cfg.rpo) {
      const blk = fn.blocks[index]!;
      this.out = [];
      for (const inst of blk.insts) {
        this.loc = inst.loc;
        this.rewrite(inst);
      }
      blk.insts = this.out;
      extra.push(...this.rewriteTerminator(blk));
    }
    fn.blocks.push(...extra);
    substitute(fn, this.subst);
  }

  // ---- building, with the trivial cases folded ----------------------------

  private emit(op: Opcode, ty: IrType, args: Operand[], extra: Partial<Inst> = {}): Operand {
    const result = newValue(this.fn, ty);
    this.out.push({ op, result, ty, args, ...extra, ...(this.loc ? { loc: this.loc } : {}) });
    return { kind: 'value', id: result };
  }

  private bin(op: Opcode, a: Operand, b: Operand): Operand {
    const isComm = op === 'add' || op === 'mul' || op === 'and' || op === 'or' || op === 'xor' || op === 'umulh';
    if (isComm && a.kind === 'int' && b.kind !== 'int') [a, b] = [b, a];
    if (a.kind === 'int' && b.kind === 'int') {
      const r = foldIntOp(op, a.value, b.value, 'i64');
      if (r !== null) return { kind: 'int', value: BigInt.asIntN(64, r) };
    }
    const c = b.kind === 'int' ? BigInt.asIntN(64, b.value) : null;
    switch (op) {
      case 'add': case 'or': case 'xor': case 'sub': case 'shl': case 'lshr': case 'ashr':
        if (c === 0n) return a;
        break;
      case 'and':
        if (c === 0n) return ZERO;
        if (c === -1n) return a;
        break;
      case 'mul':
        if (c === 0n) return ZERO;
        if (c === 1n) return a;
        break;
      case 'umulh':
        if (c === 0n || c === 1n) return ZERO;
        break;
      default: break;
    }
    if (op === 'sub' && sameOperand(a, b)) return ZERO;
    return this.emit(op, 'i64', [a, b]);
  }

  /** A 0/1 compare of i64 halves, as type `ty`. */
  private cmp(cond: IntCond, a: Operand, b: Operand, ty: IrType = 'i64'): Operand {
    if (a.kind === 'int' && b.kind === 'int') return { kind: 'int', value: compareInts(cond, a.value, b.value, 64) ? 1n : 0n };
    return this.emit('icmp', ty, [a, b], { opTy: 'i64', cond });
  }

  private select(cond: Operand, condTy: IrType, ty: IrType, a: Operand, b: Operand): Operand {
    if (sameOperand(a, b)) return a;
    if (cond.kind === 'int') return cond.value !== 0n ? a : b;
    return this.emit('select', ty, [cond, a, b], { opTy: condTy });
  }

  private split(o: Operand): Pair {
    switch (o.kind) {
      case 'int': return [{ kind: 'int', value: BigInt.asIntN(64, o.value) }, { kind: 'int', value: BigInt.asIntN(64, o.value >> 64n) }];
      case 'value': {
        const p = this.pairs.get(o.id);
        if (p === undefined) throw new Error(`legalize-i128: %${o.id} used before its definition was split`);
        return p;
      }
      default: throw new Error(`legalize-i128: a ${o.kind} operand cannot be i128`);
    }
  }

  private define(inst: Inst, pair: Pair): void {
    this.pairs.set(inst.result!, pair);
  }

  /** The original non-i128 result `inst` defines becomes `value`. */
  private replace(inst: Inst, value: Operand): void {
    this.subst.set(inst.result!, value);
  }

  // ---- instructions --------------------------------------------------------

  private rewrite(inst: Inst): void {
    const wide = inst.ty === 'i128' || inst.opTy === 'i128';
    if (!wide) {
      this.out.push(inst);
      return;
    }
    const [x, y] = inst.args;
    switch (inst.op) {
      case 'add': return this.define(inst, this.add(this.split(x!), this.split(y!)));
      case 'sub': return this.define(inst, this.sub(this.split(x!), this.split(y!)));
      case 'mul': return this.define(inst, this.mul(this.split(x!), this.split(y!)));
      case 'and': case 'or': case 'xor': {
        const [a, b] = [this.split(x!), this.split(y!)];
        return this.define(inst, [this.bin(inst.op, a[0], b[0]), this.bin(inst.op, a[1], b[1])]);
      }
      case 'not': {
        const a = this.split(x!);
        return this.define(inst, [this.bin('xor', a[0], { kind: 'int', value: -1n }), this.bin('xor', a[1], { kind: 'int', value: -1n })]);
      }
      case 'neg': return this.define(inst, this.sub([ZERO, ZERO], this.split(x!)));
      case 'shl': case 'lshr': case 'ashr': return this.define(inst, this.shift(inst.op, this.split(x!), this.split(y!)[0]));
      case 'copy': return this.define(inst, this.split(x!));
      case 'icmp': return this.replace(inst, this.compare(inst.cond as IntCond, this.split(x!), this.split(y!), inst.ty!));
      case 'sext': case 'zext': {
        const from = inst.opTy!;
        const lo = from === 'i64' ? x! : this.emit(inst.op, 'i64', [x!], { opTy: from });
        return this.define(inst, [lo, inst.op === 'zext' ? ZERO : this.bin('ashr', lo, { kind: 'int', value: 63n })]);
      }
      case 'trunc': {
        const lo = this.split(x!)[0];
        return this.replace(inst, inst.ty === 'i64' ? lo : this.emit('trunc', inst.ty!, [lo], { opTy: 'i64' }));
      }
      case 'load': {
        const flags = inst.isVolatile ? { isVolatile: true } : {};
        const lo = this.emit('load', 'i64', [x!], flags);
        const hi = this.emit('load', 'i64', [this.emit('add', 'ptr', [x!, { kind: 'int', value: 8n }])], flags);
        return this.define(inst, [lo, hi]);
      }
      case 'store': {
        const [lo, hi] = this.split(x!);
        const flags = inst.isVolatile ? { isVolatile: true } : {};
        this.out.push({ op: 'store', result: null, ty: 'i64', args: [lo, y!], ...flags, ...(this.loc ? { loc: this.loc } : {}) });
        const at = this.emit('add', 'ptr', [y!, { kind: 'int', value: 8n }]);
        this.out.push({ op: 'store', result: null, ty: 'i64', args: [hi, at], ...flags, ...(this.loc ? { loc: this.loc } : {}) });
        return;
      }
      case 'select': {
        let cond = x!;
        let condTy = inst.opTy!;
        if (condTy === 'i128') {
          const c = this.split(cond);
          cond = this.bin('or', c[0], c[1]);
          condTy = 'i64';
        }
        if (inst.ty !== 'i128') return this.replace(inst, this.select(cond, condTy, inst.ty!, y!, inst.args[2]!));
        const [a, b] = [this.split(y!), this.split(inst.args[2]!)];
        return this.define(inst, [this.select(cond, condTy, 'i64', a[0], b[0]), this.select(cond, condTy, 'i64', a[1], b[1])]);
      }
      default:
        throw new Error(`legalize-i128: '${inst.op}' on i128 is not legal IR`);
    }
  }

  private add(a: Pair, b: Pair): Pair {
    const lo = this.bin('add', a[0], b[0]);
    const carry = b[0].kind === 'int' && b[0].value === 0n ? ZERO : this.cmp('ult', lo, a[0]);
    return [lo, this.bin('add', this.bin('add', a[1], b[1]), carry)];
  }

  private sub(a: Pair, b: Pair): Pair {
    const lo = this.bin('sub', a[0], b[0]);
    const borrow = this.cmp('ult', a[0], b[0]);
    return [lo, this.bin('sub', this.bin('sub', a[1], b[1]), borrow)];
  }

  private mul(a: Pair, b: Pair): Pair {
    const lo = this.bin('mul', a[0], b[0]);
    const cross = this.bin('add', this.bin('mul', a[0], b[1]), this.bin('mul', a[1], b[0]));
    return [lo, this.bin('add', this.bin('umulh', a[0], b[0]), cross)];
  }

  private shift(op: 'shl' | 'lshr' | 'ashr', [lo, hi]: Pair, n: Operand): Pair {
    const k = (v: bigint): Operand => ({ kind: 'int', value: v });
    if (n.kind === 'int') return this.shiftBy(op, lo, hi, Number(BigInt.asUintN(7, n.value)));
    const s = this.bin('and', n, k(63n));
    const isBig = this.bin('and', n, k(64n));
    // The bits crossing between halves for 0 ≤ s < 64, shifted twice so s = 0 moves none (a shift by 64 is masked to 0).
    const back = this.bin('xor', s, k(63n));
    if (op === 'shl') {
      const t = this.bin('shl', lo, s);
      const crossing = this.bin('lshr', this.bin('lshr', lo, k(1n)), back);
      const hiSmall = this.bin('or', this.bin('shl', hi, s), crossing);
      return [this.select(isBig, 'i64', 'i64', ZERO, t), this.select(isBig, 'i64', 'i64', t, hiSmall)];
    }
    const t = this.bin(op, hi, s);
    const crossing = this.bin('shl', this.bin('shl', hi, k(1n)), back);
    const loSmall = this.bin('or', this.bin('lshr', lo, s), crossing);
    const fill = op === 'lshr' ? ZERO : this.bin('ashr', hi, k(63n));
    return [this.select(isBig, 'i64', 'i64', t, loSmall), this.select(isBig, 'i64', 'i64', fill, t)];
  }

  private shiftBy(op: 'shl' | 'lshr' | 'ashr', lo: Operand, hi: Operand, n: number): Pair {
    const k = (v: number): Operand => ({ kind: 'int', value: BigInt(v) });
    if (n === 0) return [lo, hi];
    if (op === 'shl') {
      if (n >= 64) return [ZERO, this.bin('shl', lo, k(n - 64))];
      return [this.bin('shl', lo, k(n)), this.bin('or', this.bin('shl', hi, k(n)), this.bin('lshr', lo, k(64 - n)))];
    }
    const fill = op === 'lshr' ? ZERO : this.bin('ashr', hi, k(63));
    if (n >= 64) return [this.bin(op, hi, k(n - 64)), fill];
    return [this.bin('or', this.bin('lshr', lo, k(n)), this.bin('shl', hi, k(64 - n))), this.bin(op, hi, k(n))];
  }

  private compare(cond: IntCond, a: Pair, b: Pair, ty: IrType): Operand {
    if (cond === 'eq' || cond === 'ne') {
      const diff = this.bin('or', this.bin('xor', a[0], b[0]), this.bin('xor', a[1], b[1]));
      return this.cmp(cond, diff, ZERO, ty);
    }
    // The sign of a signed value is its high half's.
    if ((cond === 'slt' || cond === 'sge') && b[0].kind === 'int' && b[0].value === 0n && b[1].kind === 'int' && b[1].value === 0n) {
      return this.cmp(cond, a[1], ZERO, ty);
    }
    const hiEqual = this.cmp('eq', a[1], b[1], ty);
    return this.select(hiEqual, ty, ty, this.cmp(unsignedCond(cond), a[0], b[0], ty), this.cmp(cond, a[1], b[1], ty));
  }

  // ---- terminators ---------------------------------------------------------

  private splitArgs(e: BlockCall): void {
    const tys = this.paramTypes.get(e.block)!;
    e.args = e.args.flatMap((a, i) => (tys[i] === 'i128' ? [...this.split(a)] : [a]));
  }

  /** Rewrites the block's terminator; returns the blocks a switch on i128 needed. */
  private rewriteTerminator(blk: Block): Block[] {
    const t = blk.term;
    for (const e of successors(t)) this.splitArgs(e);
    this.loc = blk.termLoc;
    if (t.kind === 'br' && t.cond.kind === 'value' && this.fn.values[t.cond.id]!.ty === 'i128') {
      const [lo, hi] = this.split(t.cond);
      t.cond = this.bin('or', lo, hi);
      blk.insts = this.out;
    }
    if (t.kind !== 'switch' || t.ty !== 'i128') return [];
    const [lo, hi] = this.split(t.value);
    const his = new Set(t.cases.map((c) => BigInt.asIntN(64, c.value >> 64n)));
    if (his.size === 1) {
      // One high half for every case: test it, then switch on the low half.
      const inner: Block = {
        id: this.nextBlockId++, params: [], insts: [],
        term: { kind: 'switch', ty: 'i64', value: lo, cases: t.cases.map((c) => ({ value: BigInt.asIntN(64, c.value), target: c.target })), default: cloneCall(t.default) },
      };
      const isHiEqual = this.cmp('eq', hi, { kind: 'int', value: [...his][0]! }, 'i32');
      blk.insts = this.out;
      blk.term = { kind: 'br', cond: isHiEqual, then: { block: inner.id, args: [] }, else: t.default };
      return [inner];
    }
    // A chain of equality tests, one block per case after the first.
    const made: Block[] = [];
    let cur = blk;
    t.cases.forEach((c, i) => {
      const [clo, chi] = this.split({ kind: 'int', value: c.value });
      this.out = cur.insts;
      const isEqual = this.cmp('eq', this.bin('or', this.bin('xor', lo, clo), this.bin('xor', hi, chi)), ZERO, 'i32');
      const isLast = i === t.cases.length - 1;
      const next: Block | null = isLast ? null : { id: this.nextBlockId++, params: [], insts: [], term: { kind: 'unreachable' } };
      cur.term = { kind: 'br', cond: isEqual, then: c.target, else: next === null ? t.default : { block: next.id, args: [] } };
      if (next !== null) {
        made.push(next);
        cur = next;
      }
    });
    if (t.cases.length === 0) blk.term = { kind: 'jmp', target: t.default };
    return made;
  }
}

function cloneCall(e: BlockCall): BlockCall {
  return { block: e.block, args: [...e.args] };
}

