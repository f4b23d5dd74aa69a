// Instruction selection for x86-64: one IrFunction → machine IR over vregs.
//
// Input: an IrFunction (SSA with block parameters) and module facts (which
// symbols are defined here, C signatures).
// Output: a LoweredFunction — the MachFunction plus its constant pool and
// jump tables (emitted after the function's code, RIP-relative, so they
// need no relocations).
//
// Each IR instruction is matched by a rule below; the comment above each
// rule shows the shape it matches. Folding decisions (addressing modes,
// compare+branch fusion) were made up front by lower-plan.ts. Two-address
// forms are written `mov d, a; op d, b`: the copy is a hint to the
// allocator, which gives d and a one register when a dies here, and then
// emission drops the copy. Fixed registers (division, shifts by cl, calls,
// returns) appear as pregs in operands; the allocator works around them.
// Block parameters become parallel copies on edges, sequentialised with a
// temporary for cycles; critical edges get a block of their own.
//
// Invariant: values of type i8/i16/i32 live in 64-bit registers whose upper
// bits are unspecified; every consumer that cares extends explicitly.

import { InternalCompilerError } from '../../diagnostics.js';
import type { Block, Inst, IrFunction, IrType, Operand } from '../../ir/ir.js';
import { isFloatType, isVectorType } from '../../ir/ir.js';
import type { ModuleFacts } from '../core/driver.js';
import { MachLowering, type CopySource, type LoweredFunction } from '../core/lowering.js';
import type { IrAddress, PlanRules } from '../core/lower-plan.js';
import type { MachInstInfo } from '../core/mach.js';
import { returnRegs } from './abi.js';
import type { MemOperand, OpSize, X64Inst, X64Op, X64Operand } from './inst.js';
import { fitsInt32, imm, inst, label, mem, reg, x64InstInfo } from './inst.js';
import { RAX, RBP, XMM0 } from './regs.js';
import { emitCompare, materializeBool } from './lower-compare.js';
import type { FlagCond } from './lower-compare.js';
import { lowerConvert } from './lower-convert.js';
import { lowerFloatMath } from './lower-float-math.js';
import { lowerVector } from './lower-vector.js';
import { lowerSwitch } from './lower-switch.js';
import { lowerAdd, lowerBitwise, lowerDivRem, lowerMul, lowerMulHigh, lowerShift, lowerSub } from './lower-int-arith.js';
import { lowerCall, lowerEntry, lowerVaStart } from './lower-call.js';
import { lowerAsm } from './asm/lower-asm.js';
import { emitX87Compare, lowerX87 } from './lower-x87.js';
import { allocateOverAlignedSlots, hasDynamicStack, lowerStackAlloc, lowerStackRestore, lowerStackSave } from './lower-dynamic-stack.js';

export type { CopySource };

/** §3.5.7: 6 general-purpose registers × 8 bytes + 8 vector registers × 16 bytes. */
const REG_SAVE_AREA_BYTES = 176;

/**
 * What x86-64 instructions absorb: [base + index·{1,2,4,8} + disp32]
 * addresses; a memory second operand of add/sub/and/or/xor/imul, of
 * addsd/subsd/mulsd/divsd (and the ss forms), and of cmp, on 32/64-bit
 * integers and floats; `test r, imm32` for remainder tests.
 */
export const x64PlanRules: PlanRules = {
  fitsDisp: fitsInt32,
  scales: [1, 2, 4, 8],
  canFoldLoadInto(i: Inst): boolean {
    const isIntOp = i.op === 'add' || i.op === 'sub' || i.op === 'and' || i.op === 'or' || i.op === 'xor' || i.op === 'mul';
    const isFloatOp = i.op === 'fadd' || i.op === 'fsub' || i.op === 'fmul' || i.op === 'fdiv';
    if (!isIntOp && !isFloatOp && i.op !== 'icmp') return false;
    const ty = i.op === 'icmp' ? i.opTy : i.ty;
    return ty === 'i32' || ty === 'i64' || ty === 'f32' || ty === 'f64';
  },
  fitsTestMask: (mask) => mask <= 0x7fffffffn,
};

export function lowerFunction(fn: IrFunction, facts: ModuleFacts): LoweredFunction<X64Inst> {
  return new X64Lowering(fn, facts).run();
}

export function intSize(ty: IrType): 4 | 8 {
  return ty === 'i64' || ty === 'ptr' ? 8 : 4;
}
export function exactSize(ty: IrType): OpSize {
  switch (ty) {
    case 'i8': return 1;
    case 'i16': return 2;
    case 'i32': case 'f32': return 4;
    case 'i64': case 'f64': case 'ptr': return 8;
    case 'i128': throw new InternalCompilerError('i128 reached x86-64 instruction selection (legalize-i128 did not run)');
    case 'v4i32': case 'v2i64': case 'v4f32': case 'v2f64': throw new InternalCompilerError(`vector ${ty} where a scalar is expected`);
  }
}

/** An integer constant as the signed value of its type's width (what an imm field holds). */
export function signedOfType(value: bigint, ty: IrType): bigint {
  return BigInt.asIntN(exactSize(ty) * 8, value);
}

/** The frame a function's IR slots need on x86-64: the register save area of a variadic function, and over-aligned slots under a moving rsp. */
function x64Frame(fn: IrFunction): {
  slots: { size: number; align: number }[]; regSaveSlot: number; isDynamic: boolean; overAligned: { size: number; align: number }[];
} {
  const slots = fn.slots.map((s) => ({ size: s.size, align: s.align }));
  let regSaveSlot = -1;
  if (fn.isVariadic) {
    // §3.5.7 register save area: rdi…r9 at 0–40, xmm0–7 at 48–160 (16 bytes each).
    regSaveSlot = slots.length;
    slots.push({ size: REG_SAVE_AREA_BYTES, align: 16 });
  }
  const isDynamic = hasDynamicStack(fn.blocks.flatMap((b) => b.insts));
  // rsp moves: over-aligned slots cannot stay rsp-relative (lower-dynamic-stack.ts).
  const overAligned = isDynamic ? slots.slice() : [];
  const frameSlots = isDynamic ? slots.map((s) => (s.align > 16 ? { size: 0, align: 1 } : s)) : slots;
  return { slots: frameSlots, regSaveSlot, isDynamic, overAligned };
}

export class X64Lowering extends MachLowering<X64Inst> {
  protected readonly instInfo: MachInstInfo<X64Inst> = x64InstInfo;
  protected readonly planRules: PlanRules = x64PlanRules;

  constructor(fn: IrFunction, facts: ModuleFacts) {
    const frame = x64Frame(fn);
    super(fn, facts, { slots: frame.slots, hasDynamicStack: frame.isDynamic });
    // rbp stays the frame pointer where rsp moves or is realigned, and around
    // inline asm (whose template may name rbp or move rsp).
    if (facts.omitFramePointer && !frame.isDynamic && frame.slots.every((s) => s.align <= 16)
      && fn.blocks.every((b) => b.insts.every((i) => i.op !== 'asm' && i.op !== 'stacksave' && i.op !== 'stackrestore'))) {
      this.mf.omitsFramePointer = true;
    }
    this.regSaveSlot = frame.regSaveSlot;
    this.overAlignedSlots = frame.overAligned;
  }

  /** With a dynamic stack: the IR slots, whose over-aligned ones get `dynamicSlotBases` instead of frame space. */
  private readonly overAlignedSlots: readonly { readonly size: number; readonly align: number }[];
  private dynamicSlotBases = new Map<number, number>();

  /** The frame slot of a variadic function's register save area, else -1. */
  readonly regSaveSlot: number;

  protected lowerEntry(entry: Block): void {
    lowerEntry(this, entry);
  }

  protected override afterEntry(): void {
    this.dynamicSlotBases = allocateOverAlignedSlots(this, this.overAlignedSlots);
  }

  makeJump(l: number): X64Inst {
    return inst('jmp', 8, [label(l)], this.sourceLoc === undefined ? {} : { loc: this.sourceLoc });
  }

  emit(op: X64Op, size: OpSize, ops: readonly X64Operand[], extra: Partial<X64Inst> = {}): void {
    this.push(inst(op, size, ops, this.sourceLoc === undefined ? extra : { loc: this.sourceLoc, ...extra }));
  }

  /** The operand's integer constant as an imm32, or null if it is not one. */
  imm32(op: Operand, ty: IrType): bigint | null {
    if (op.kind !== 'int') return null;
    const v = signedOfType(op.value, ty);
    return fitsInt32(v) ? v : null;
  }

  /** reg-or-imm32 form of an integer operand. */
  rmi(op: Operand, ty: IrType): X64Operand {
    const c = this.imm32(op, ty);
    return c !== null ? imm(c) : reg(this.regOf(op, ty));
  }

  /** The operand in a register (constants and addresses materialised into a fresh vreg). */
  regOf(op: Operand, ty: IrType): number {
    if (op.kind === 'value') return this.vreg(op.id);
    const t = this.temp(isFloatType(ty) ? 'float' : 'int');
    this.materializeInto(t, op, ty);
    return t;
  }

  /** dst ← op, for any operand kind; dst may be a vreg or a preg. */
  materializeInto(dst: number, op: CopySource, ty: IrType): void {
    const isFloat = isFloatType(ty) || isVectorType(ty);
    switch (op.kind) {
      case 'value': case 'temp': {
        const src = op.kind === 'value' ? this.vreg(op.id) : op.reg;
        if (isFloat) this.emit('movaps', 8, [reg(dst), reg(src)]);
        else this.emit('mov', 8, [reg(dst), reg(src)]);
        return;
      }
      case 'int': {
        const v = signedOfType(op.value, ty);
        // mov r32, imm32 zero-extends: the shortest form for values in [0, 2^32).
        const size: OpSize = v >= 0n && v < 1n << 32n ? 4 : 8;
        this.emit('mov', size, [reg(dst), imm(v)]);
        return;
      }
      case 'float':
        if (Object.is(op.value, 0)) this.emit(ty === 'f32' ? 'xorps' : 'xorpd', 8, [reg(dst), reg(dst)]);
        else this.emit(ty === 'f32' ? 'movss' : 'movsd', 8, [reg(dst), this.floatConst(op.value, ty)]);
        return;
      case 'global':
        this.emitAddressOf(dst, op.name, op.offset);
        return;
    }
  }

  /** dst ← &name + offset: `lea [rip+sym]` if defined here and not preemptible, else a GOT load (psABI §9.4 / §4.4.1). */
  emitAddressOf(dst: number, name: string, offset: number): void {
    if (this.facts.isThreadLocal(name)) {
      // Initial-exec TLS (psABI TLS §4.3.4): the variable's offset from the thread
      // pointer comes from the GOT; fs:[0] holds the thread pointer itself.
      this.emit('mov', 8, [reg(dst), { ...mem(null, 0), sym: name, isTlsGot: true }]);
      this.emit('add', 8, [reg(dst), { ...mem(null, 0), seg: 'fs' }]);
      if (offset !== 0) this.emit('lea', 8, [reg(dst), mem(dst, offset)]);
      return;
    }
    if (this.facts.isDirect(name)) {
      this.emit('lea', 8, [reg(dst), { ...mem(null, offset), sym: name }]);
      return;
    }
    this.emit('mov', 8, [reg(dst), { ...mem(null, 0), sym: name, isGot: true }]);
    if (offset !== 0) this.emit('lea', 8, [reg(dst), mem(dst, offset)]);
  }

  floatConst(value: number, ty: 'f32' | 'f64' | IrType): MemOperand {
    const bytes = new Uint8Array(ty === 'f32' ? 4 : 8);
    const view = new DataView(bytes.buffer);
    if (ty === 'f32') view.setFloat32(0, value, true); else view.setFloat64(0, value, true);
    return this.poolConst(bytes, bytes.length);
  }

  /** A constant in the function's pool, addressed RIP-relative; equal bytes share one entry. */
  poolConst(bytes: Uint8Array, align: number): MemOperand {
    return { ...mem(null, 0), label: this.poolLabel(bytes, align) };
  }

  addressMem(addr: IrAddress): MemOperand {
    const index = addr.index === null ? null : this.vreg(addr.index);
    const scale = addr.scale as 1 | 2 | 4 | 8; // x64PlanRules.scales
    switch (addr.base.kind) {
      case 'slot': {
        const dyn = this.dynamicSlotBases.get(addr.base.slot);
        if (dyn !== undefined) return mem(dyn, addr.disp, index, scale);
        if (index === null) return { ...mem(null, addr.disp), frame: { kind: 'slot', index: addr.base.slot } };
        break;
      }
      case 'global':
        if (index === null && this.facts.isDirect(addr.base.name) && !this.facts.isThreadLocal(addr.base.name)) {
          return { ...mem(null, addr.disp), sym: addr.base.name };
        }
        break;
      case 'value':
        return mem(this.vreg(addr.base.id), addr.disp, index, scale);
      case 'operand':
        return mem(this.regOf(addr.base.op, 'ptr'), addr.disp, index, scale);
    }
    // A base that needs a register of its own (slot or external global plus index).
    const base = this.temp('int');
    if (addr.base.kind === 'slot') this.emit('lea', 8, [reg(base), { ...mem(null, 0), frame: { kind: 'slot', index: addr.base.slot } }]);
    else this.emitAddressOf(base, addr.base.name, 0);
    return mem(base, addr.disp, index, scale);
  }

  // ---- blocks and edges -------------------------------------------------

  branchOn(fc: FlagCond, thenLabel: number, elseLabel: number): void {
    switch (fc.kind) {
      case 'cc':
        this.emit('jcc', 8, [label(thenLabel)], { cc: fc.cc });
        break;
      case 'oeq': // equal and ordered: ZF=1, PF=0
        this.emit('jcc', 8, [label(elseLabel)], { cc: 10 });
        this.emit('jcc', 8, [label(thenLabel)], { cc: 4 });
        break;
      case 'une': // not equal or unordered: ZF=0 or PF=1
        this.emit('jcc', 8, [label(thenLabel)], { cc: 10 });
        this.emit('jcc', 8, [label(thenLabel)], { cc: 5 });
        break;
    }
    this.emit('jmp', 8, [label(elseLabel)]);
  }

  /** Flags for "operand is non-zero" or the fused compare producing it. */
  conditionFlags(cond: Operand, condTy: IrType): FlagCond {
    if (cond.kind === 'value' && this.plan.fusedCompares.has(cond.id)) return emitCompare(this, this.plan.defs.get(cond.id)!);
    if (cond.kind === 'int') {
      // Constant condition: compare a zero register with itself (ZF=1), then pick e/ne.
      const t = this.regOf({ kind: 'int', value: 0n }, 'i32');
      this.emit('test', 4, [reg(t), reg(t)]);
      return { kind: 'cc', cc: cond.value === 0n ? 5 : 4 };
    }
    const r = this.regOf(cond, condTy);
    const size = exactSize(condTy);
    this.emit('test', size, [reg(r), reg(r)]);
    return { kind: 'cc', cc: 5 };
  }

  protected lowerTerminator(blk: Block): void {
    const t = blk.term;
    switch (t.kind) {
      case 'jmp':
        this.jumpAlong(t.target);
        return;
      case 'br': {
        const condTy = t.cond.kind === 'value' ? this.tyOf(t.cond.id) : 'i32';
        const thenLabel = this.edgeLabel(t.then);
        const elseLabel = this.edgeLabel(t.else);
        this.branchOn(this.conditionFlags(t.cond, condTy), thenLabel, elseLabel);
        return;
      }
      case 'switch':
        lowerSwitch(this, t);
        return;
      case 'ijmp':
        // goto *p → jmp p; the targets are the jump's successors (they take no arguments).
        this.emit('jmp', 8, [reg(this.regOf(t.value, 'ptr'))], { table: [...new Set(t.targets.map((e) => this.edgeLabel(e)))] });
        return;
      case 'ret': {
        const uses: number[] = [];
        if (t.value !== null && this.fn.retAbi?.[0] === 'ldouble') {
          // §3.2.3: a long double (class X87) is returned in %st0; a complex one (COMPLEX_X87) has
          // its imaginary part in %st1, so that part is pushed first.
          const p = this.regOf(t.value, 'ptr');
          for (let k = this.fn.retAbi.length - 1; k >= 0; k--) this.emit('fldt', 8, [mem(p, 16 * k)]);
        } else if (t.value !== null && this.fn.retAbi) {
          // §3.2.3: the eightbytes of a register-class aggregate, loaded into
          // temporaries first so the pointer survives until the last load.
          const p = this.regOf(t.value, 'ptr');
          const pregs = returnRegs(this.fn.retAbi);
          const temps = this.fn.retAbi.map((c, k) => {
            const tmp = this.temp(c === 'i64' ? 'int' : 'float');
            this.emit(c === 'i64' ? 'mov' : 'movsd', 8, [reg(tmp), mem(p, 8 * k)]);
            return tmp;
          });
          pregs.forEach((preg, k) => {
            const c = this.fn.retAbi![k];
            // SSEUP: the high half of the register the previous eightbyte filled.
            if (c === 'up') {
              this.emit('movlhps', 8, [reg(preg), reg(temps[k]!)]);
              return;
            }
            this.emit(c === 'f64' ? 'movaps' : 'mov', 8, [reg(preg), reg(temps[k]!)]);
            uses.push(preg);
          });
        } else if (t.value !== null) {
          const ty = this.fn.ret === 'void' ? 'i64' : this.fn.ret;
          const preg = isFloatType(ty) ? XMM0 : RAX;
          this.materializeInto(preg, t.value, ty);
          uses.push(preg);
        }
        this.emit('ret', 8, [], { implicitUses: uses });
        return;
      }
      case 'unreachable':
        this.emit('ud2', 8, []);
        return;
    }
  }

  // ---- instructions -----------------------------------------------------

  /**
   * The consumer's operands with a folded load (lower-plan.ts) as a memory
   * operand: [the other operand, the load's address]. Only commutative ops
   * have their load first, so swapping is sound.
   */
  foldedLoad(i: Inst): [Operand, MemOperand] | null {
    const f = this.plan.foldedLoads.get(i);
    if (!f) return null;
    return [i.args[1 - f.index]!, this.addressMem(this.plan.addresses.get(f.load)!)];
  }

  protected lowerInst(i: Inst): void {
    const d = i.result === null ? -1 : this.vreg(i.result);
    const ty = i.ty!;
    if (ty !== null && isVectorType(ty)) return lowerVector(this, i, d, ty);
    const [a, b] = i.args as [Operand, Operand];
    const folded = this.foldedLoad(i);
    if (folded && i.op !== 'icmp') {
      // d = op a, (load p)  →  mov d, a; op d, [address(p)]
      const [other, m] = folded;
      const opName = (i.op === 'mul' ? 'imul' : isFloatType(ty) ? `${i.op.slice(1)}${ty === 'f32' ? 'ss' : 'sd'}` : i.op) as X64Op;
      this.materializeInto(d, other, ty);
      this.emit(opName, isFloatType(ty) ? exactSize(ty) : intSize(ty), [reg(d), m]);
      return;
    }
    switch (i.op) {
      case 'add': return lowerAdd(this, d, a, b, ty);
      case 'sub': return lowerSub(this, d, a, b, ty);
      case 'mul': return lowerMul(this, d, a, b, ty);
      case 'smulh': case 'umulh': return lowerMulHigh(this, i.op, d, a, b, ty);
      case 'and': case 'or': case 'xor': return lowerBitwise(this, i.op, d, a, b, ty);
      case 'shl': case 'lshr': case 'ashr': return lowerShift(this, i.op, d, a, b, ty);
      case 'sdiv': case 'udiv': case 'srem': case 'urem': return lowerDivRem(this, i.op, d, a, b, ty);
      case 'neg': case 'not':
        // d = neg a  →  mov d, a; neg d
        this.materializeInto(d, a, ty);
        this.emit(i.op, intSize(ty), [reg(d)]);
        return;
      case 'fadd': case 'fsub': case 'fmul': case 'fdiv': {
        // d = fadd a, b  →  movaps d, a; addsd d, b|[rip+const]
        const sfx = ty === 'f32' ? 'ss' : 'sd';
        const opName = `${i.op.slice(1)}${sfx}` as X64Op;
        const rhs: X64Operand = b.kind === 'float' ? this.floatConst(b.value, ty) : reg(this.regOf(b, ty));
        this.materializeInto(d, a, ty);
        this.emit(opName, 8, [reg(d), rhs]);
        return;
      }
      case 'fneg': {
        // d = fneg a  →  movaps d, a; xorpd d, [sign mask] (flips only the sign bit, NaN-safe)
        const mask = new Uint8Array(16);
        if (ty === 'f32') mask[3] = 0x80; else mask[7] = 0x80;
        const m = this.poolConst(mask, 16);
        this.materializeInto(d, a, ty);
        this.emit(ty === 'f32' ? 'xorps' : 'xorpd', 8, [reg(d), m]);
        return;
      }
      case 'icmp': case 'fcmp':
        materializeBool(this, emitCompare(this, i), d);
        return;
      case 'fsqrt': case 'fabs': case 'fcopysign': case 'fmin': case 'fmax': case 'ffloor': case 'fceil': case 'ftrunc':
        return lowerFloatMath(this, i, d);
      case 'sext': case 'zext': case 'trunc': case 'sitofp': case 'uitofp': case 'fptosi': case 'fptoui':
      case 'fpext': case 'fptrunc': case 'ptrtoint': case 'inttoptr': case 'bitcast':
        lowerConvert(this, i, d, a);
        return;
      case 'load': return this.lowerLoad(i, d, ty);
      case 'store': return this.lowerStore(i, ty);
      case 'slotaddr': {
        const dyn = this.dynamicSlotBases.get(i.slot!);
        if (dyn !== undefined) this.emit('mov', 8, [reg(d), reg(dyn)]);
        else this.emit('lea', 8, [reg(d), { ...mem(null, 0), frame: { kind: 'slot', index: i.slot! } }]);
        return;
      }
      case 'stackalloc': return lowerStackAlloc(this, i, d);
      case 'stacksave': return lowerStackSave(this, d);
      // The function keeps rbp as its frame pointer (hasDynamicStack): its value is the frame address.
      case 'frameaddr': return this.emit('mov', 8, [reg(d), reg(RBP)]);
      case 'stackrestore': return lowerStackRestore(this, i);
      case 'select': return this.lowerSelect(i, d, ty);
      case 'call': return lowerCall(this, i, d);
      case 'vastart': return lowerVaStart(this, i);
      case 'asm': return lowerAsm(this, i, d);
      case 'ldadd': case 'ldsub': case 'ldmul': case 'lddiv': case 'ldneg': case 'ldext': case 'ldtrunc':
        return lowerX87(this, i);
      case 'ldcmp':
        materializeBool(this, emitX87Compare(this, i), d);
        return;
      case 'copy':
        this.materializeInto(d, a, ty);
        return;
    }
  }

  /** d = load p → mov/movzx/movsd d, [address(p)]. */
  private lowerLoad(i: Inst, d: number, ty: IrType): void {
    const m = this.addressMem(this.plan.addresses.get(i)!);
    switch (ty) {
      case 'i8': case 'i16': this.emit('movzx', 4, [reg(d), m], { srcSize: exactSize(ty) }); return;
      case 'i32': this.emit('mov', 4, [reg(d), m]); return;
      case 'i64': case 'ptr': this.emit('mov', 8, [reg(d), m]); return;
      case 'f32': this.emit('movss', 4, [reg(d), m]); return;
      case 'f64': this.emit('movsd', 8, [reg(d), m]); return;
    }
  }

  /** store v, p → mov [address(p)], v|imm32  (movss/movsd for floats). */
  private lowerStore(i: Inst, ty: IrType): void {
    const value = i.args[0]!;
    const src: X64Operand = isFloatType(ty) ? reg(this.regOf(value, ty)) : this.rmi(value, ty);
    const m = this.addressMem(this.plan.addresses.get(i)!);
    if (ty === 'f64') this.emit('movsd', 8, [m, src]);
    else if (ty === 'f32') this.emit('movss', 4, [m, src]);
    else this.emit('mov', exactSize(ty), [m, src]);
  }

  /**
   * d = select c, a, b (integer) → [flags of c]; mov d, b; cmov<cc> d, a
   * d = select c, a, b (float)   → mask = -(c != 0); d = ((a ^ b) & mask) ^ b
   */
  private lowerSelect(i: Inst, d: number, ty: IrType): void {
    const [c, a, b] = i.args as [Operand, Operand, Operand];
    const condTy = i.opTy ?? (c.kind === 'value' ? this.tyOf(c.id) : 'i32');
    const ra = this.regOf(a, ty);
    if (isFloatType(ty)) {
      const rb = this.regOf(b, ty);
      const bool = this.temp('int');
      materializeBool(this, this.conditionFlags(c, condTy), bool);
      this.emit('neg', 8, [reg(bool)]);
      const mask = this.temp('float');
      this.emit(ty === 'f32' ? 'movd' : 'movq', 8, [reg(mask), reg(bool)]);
      const [xor, and] = ty === 'f32' ? ['xorps', 'andps'] as const : ['xorpd', 'andpd'] as const;
      this.emit('movaps', 8, [reg(d), reg(ra)]);
      this.emit(xor, 8, [reg(d), reg(rb)]);
      this.emit(and, 8, [reg(d), reg(mask)]);
      this.emit(xor, 8, [reg(d), reg(rb)]);
      return;
    }
    let fc = this.conditionFlags(c, condTy);
    if (fc.kind !== 'cc') {
      const bool = this.temp('int');
      materializeBool(this, fc, bool);
      this.emit('test', 4, [reg(bool), reg(bool)]);
      fc = { kind: 'cc', cc: 5 };
    }
    this.materializeInto(d, b, ty);
    this.emit('cmovcc', intSize(ty), [reg(d), reg(ra)], { cc: fc.cc });
  }

}
