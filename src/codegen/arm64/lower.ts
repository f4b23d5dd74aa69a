// Instruction selection for AArch64: one IrFunction → machine IR over vregs.
//
// Input: an IrFunction (SSA with block parameters) and module facts (which
// symbols are defined here and final, C signatures).
// Output: a LoweredFunction — the MachFunction plus its constant pool and
// jump tables (emitted after the function's code, reached PC-relative).
//
// Each IR instruction is matched by a rule below or in the lower-*.ts files
// beside it; the comment above a rule shows the shape it matches. Folding
// decisions (addresses, compare + branch fusion) were made by
// core/lower-plan.ts under a64PlanRules. A64 is three-address, so results
// go straight to their vreg. Fixed registers (arguments, results, x8)
// appear as pregs in operands; the allocator works around them.
//
// Invariant (as on x86-64): values of type i8/i16/i32 live in 64-bit
// registers whose bits above their width are unspecified; every consumer
// that cares extends explicitly. 32-bit operations (w registers) are used
// for everything narrower than 64 bits.

import { CompileError, InternalCompilerError, formatLoc, unreachable, type SourceLoc } from '../../diagnostics.js';
import type { Block, Inst, IrFunction, IrType, Operand } from '../../ir/ir.js';
import { isFloatType, isVectorType } from '../../ir/ir.js';
import { lowerVector } from './lower-vector.js';
import type { ModuleFacts } from '../core/driver.js';
import { MachLowering, type CopySource, type LoweredFunction } from '../core/lowering.js';
import type { IrAddress, PlanRules } from '../core/lower-plan.js';
import type { MachInstInfo } from '../core/mach.js';
import { returnRegs } from './abi.js';
import { lowerAsm } from './lower-asm.js';
import type { A64Inst, A64Op, A64Operand, Cond, MemOperand } from './inst.js';
import { a64InstInfo, COND, imm, inst, label, mem, memSym, reg, sym, zr } from './inst.js';
import { encodeAddImmediate, encodeFpImm, isBitmaskImmediate } from './immediates.js';
import { intConstantInsts } from './int-constant.js';
import { FP, SP, V0, X0 } from './regs.js';
import { emitCompare } from './lower-compare.js';
import { lowerConvert } from './lower-convert.js';
import { lowerSwitch } from './lower-switch.js';
import { lowerCall, lowerEntry, lowerVaStart, VA_SAVE_AREA } from './lower-call.js';
import { lowerIntArith } from './lower-int-arith.js';
import { lowerFloatMath } from './lower-float-math.js';

export type { CopySource };

/**
 * What A64 instructions absorb: [base + offset] with offsets the unscaled
 * or scaled forms hold (built with an add when they do not), [base + index]
 * (scaled by the access size when the plan's scale matches it, lower.ts
 * `addressMem`) but not both at once — `p + i` stays a value of its own,
 * computed once for all of `p[i].a`, `p[i].b`…; no memory operands on
 * arithmetic; `tst` with any mask of low bits (always a logical immediate).
 */
export const a64PlanRules: PlanRules = {
  fitsDisp: (d) => d >= -256n && d < 1n << 24n,
  scales: [1, 2, 4, 8],
  canFoldLoadInto: () => false,
  fitsTestMask: (mask) => mask < 1n << 63n,
  canIndexWithDisp: false,
};

export function lowerFunction(fn: IrFunction, facts: ModuleFacts): LoweredFunction<A64Inst> {
  return new A64Lowering(fn, facts).run();
}

/** The register width an integer type computes in. */
export function intSize(ty: IrType): 4 | 8 {
  return ty === 'i64' || ty === 'ptr' ? 8 : 4;
}
export function exactSize(ty: IrType): 1 | 2 | 4 | 8 {
  switch (ty) {
    case 'i8': return 1;
    case 'i16': return 2;
    case 'i32': case 'f32': return 4;
    case 'i64': case 'f64': case 'ptr': return 8;
    case 'i128': throw new InternalCompilerError('i128 reached AArch64 instruction selection (legalize-i128 did not run)');
    case 'v4i32': case 'v2i64': case 'v4f32': case 'v2f64': throw new InternalCompilerError(`vector ${ty} where a scalar is expected`);
  }
}

/** An integer constant as the signed value of its type's width. */
export function signedOfType(value: bigint, ty: IrType): bigint {
  return BigInt.asIntN(exactSize(ty) * 8, value);
}

/** A construct this target cannot compile yet, reported as a C error at its source position. */
export function unsupported(loc: SourceLoc | undefined, what: string): never {
  const where = loc ?? { file: '<input>', line: 1, col: 1 };
  const message = `${what} is not supported for aarch64 yet`;
  throw new CompileError([{ severity: 'error', message, range: { loc: where, length: 1 }, notes: [] }], `${formatLoc(where)}: error: ${message}`);
}

function a64Frame(fn: IrFunction): { slots: { size: number; align: number }[]; saveSlot: number; isDynamic: boolean } {
  const slots = fn.slots.map((s) => ({ size: s.size, align: s.align }));
  let saveSlot = -1;
  if (fn.isVariadic) {
    saveSlot = slots.length;
    slots.push({ size: VA_SAVE_AREA.bytes, align: 16 });
  }
  const isDynamic = fn.blocks.some((b) => b.insts.some((i) => i.op === 'stackalloc' || i.op === 'stackrestore'));
  return { slots, saveSlot, isDynamic };
}

export class A64Lowering extends MachLowering<A64Inst> {
  protected readonly instInfo: MachInstInfo<A64Inst> = a64InstInfo;
  protected readonly planRules: PlanRules = a64PlanRules;
  /** The frame slot of a variadic function's register save area, else -1. */
  readonly saveSlot: number;

  constructor(fn: IrFunction, facts: ModuleFacts) {
    const frame = a64Frame(fn);
    super(fn, facts, { slots: frame.slots, hasDynamicStack: frame.isDynamic });
    this.saveSlot = frame.saveSlot;
  }

  protected lowerEntry(entry: Block): void {
    lowerEntry(this, entry);
  }

  /** fadd/fsub → the fmul they absorb and its operand position (allowsContraction). */
  readonly contractions = new Map<Inst, { readonly mul: Inst; readonly index: 0 | 1 }>();
  /** fmul instructions emitted as part of their consumer. */
  readonly contractedMuls = new Set<Inst>();

  /**
   * Where the function allows contraction (IrFunction.allowsContraction),
   * `fadd|fsub (fmul x, y), z` with the fmul's only use there, in the same
   * block, becomes one fused instruction (Arm ARM C7.2: FMADD d = a + n·m,
   * FMSUB d = a − n·m, FNMSUB d = n·m − a), rounded once.
   */
  protected override afterEntry(): void {
    if (!this.fn.allowsContraction) return;
    for (const blk of this.fn.blocks) {
      const at = new Map(blk.insts.map((inst, n) => [inst, n]));
      blk.insts.forEach((i, n) => {
        if ((i.op !== 'fadd' && i.op !== 'fsub') || this.plan.skipped.has(i)) return;
        for (const index of [1, 0] as const) {
          const op = i.args[index]!;
          if (op.kind !== 'value' || this.plan.useCounts[op.id] !== 1) continue;
          const mul = this.plan.defs.get(op.id);
          if (mul?.op !== 'fmul' || mul.ty !== i.ty || this.contractedMuls.has(mul) || (at.get(mul) ?? n) >= n) continue;
          this.contractions.set(i, { mul, index });
          this.contractedMuls.add(mul);
          return;
        }
      });
    }
  }

  /** d = fadd|fsub with a contracted fmul: fmadd / fmsub / fnmsub. */
  private lowerContracted(i: Inst, d: number, c: { readonly mul: Inst; readonly index: 0 | 1 }): void {
    const ty = i.ty!;
    const size = ty === 'f32' ? 4 : 8;
    const [x, y] = c.mul.args as [Operand, Operand];
    const other = reg(this.regOf(i.args[1 - c.index]!, ty));
    const op = i.op === 'fadd' ? 'fmadd' : c.index === 1 ? 'fmsub' : 'fnmsub';
    this.emit(op, size, [reg(d), reg(this.regOf(x, ty)), reg(this.regOf(y, ty)), other]);
  }

  makeJump(l: number): A64Inst {
    return inst('b', 8, [label(l)], this.sourceLoc === undefined ? {} : { loc: this.sourceLoc });
  }

  get loc(): SourceLoc | undefined {
    return this.sourceLoc;
  }

  emit(op: A64Op, size: A64Inst['size'], ops: readonly A64Operand[], extra: Partial<A64Inst> = {}): void {
    this.push(inst(op, size, ops, this.sourceLoc === undefined ? extra : { loc: this.sourceLoc, ...extra }));
  }

  /** The operand in a register (constants and addresses materialised into a fresh vreg). */
  regOf(op: Operand, ty: IrType): number {
    if (op.kind === 'value') return this.vreg(op.id);
    const t = this.temp(isFloatType(ty) ? 'float' : 'int');
    this.materializeInto(t, op, ty);
    return t;
  }

  /** An integer operand as `#imm` when add/sub/cmp can hold it, else in a register. */
  addImmOrReg(op: Operand, ty: IrType): A64Operand {
    if (op.kind === 'int') {
      const v = signedOfType(op.value, ty);
      if (v >= 0n && encodeAddImmediate(v) !== null) return imm(v);
    }
    return reg(this.regOf(op, ty));
  }

  /** An integer operand as a logical immediate when it is one, else in a register. */
  logicalImmOrReg(op: Operand, ty: IrType): A64Operand {
    const size = intSize(ty);
    if (op.kind === 'int') {
      const v = BigInt.asUintN(size * 8, signedOfType(op.value, ty));
      if (isBitmaskImmediate(v, size)) return imm(v);
    }
    return reg(this.regOf(op, ty));
  }

  /** dst ← src, for any operand kind; dst may be a vreg or a preg. */
  materializeInto(dst: number, src: CopySource, ty: IrType): void {
    const isFloat = isFloatType(ty);
    switch (src.kind) {
      case 'value': case 'temp': {
        const r = src.kind === 'value' ? this.vreg(src.id) : src.reg;
        // A vector moves whole (fmov d would keep only its low half).
        if (isVectorType(ty)) return this.emit('orr', 16, [reg(dst), reg(r), reg(r)], { arrangement: '16b' });
        this.emit(isFloat ? 'fmov' : 'mov', 8, [reg(dst), reg(r)]);
        return;
      }
      case 'int':
        for (const i of intConstantInsts(dst, signedOfType(src.value, ty), intSize(ty), this.sourceLoc === undefined ? {} : { loc: this.sourceLoc })) this.push(i);
        return;
      case 'float':
        this.floatInto(dst, src.value, ty === 'f32' ? 4 : 8);
        return;
      case 'global':
        this.addressInto(dst, src.name, src.offset);
        return;
    }
  }

  /** A floating-point constant: fmov #imm8, fmov from xzr for +0.0, else a load from the constant pool. */
  floatInto(dst: number, value: number, size: 4 | 8): void {
    if (Object.is(value, 0)) {
      this.emit('fmov', size, [reg(dst), zr()]);
      return;
    }
    if (encodeFpImm(value) !== null && (size === 8 || Math.fround(value) === value)) {
      this.emit('fmov', size, [reg(dst), { kind: 'fimm', value }]);
      return;
    }
    const bytes = new Uint8Array(size);
    const view = new DataView(bytes.buffer);
    if (size === 4) view.setFloat32(0, value, true); else view.setFloat64(0, value, true);
    this.emit('ldr', size, [reg(dst), label(this.poolLabel(bytes, size))]);
  }

  /**
   * dst ← &name + offset (AAELF64 §5.7.6): `adrp` + `add :lo12:` when the
   * symbol is defined here and final, else its address from the GOT
   * (`adrp :got:` + `ldr :got_lo12:`); thread-local variables through the
   * initial-exec sequence (TPIDR_EL0 plus the offset from the GOT).
   */
  addressInto(dst: number, name: string, offset: number): void {
    if (this.facts.isThreadLocal(name)) {
      const t = this.temp('int');
      this.emit('adrp', 8, [reg(dst), sym(name, 'gottprel')]);
      this.emit('ldr', 8, [reg(dst), memSym(dst, sym(name, 'gottprel_lo12'))]);
      this.emit('mrs', 8, [reg(t)]);
      this.emit('add', 8, [reg(dst), reg(dst), reg(t)]);
      if (offset !== 0) this.addConstant(dst, dst, offset);
      return;
    }
    if (this.facts.isDirect(name)) {
      this.emit('adrp', 8, [reg(dst), sym(name, 'page', offset)]);
      this.emit('add', 8, [reg(dst), reg(dst), sym(name, 'lo12', offset)]);
      return;
    }
    this.emit('adrp', 8, [reg(dst), sym(name, 'got')]);
    this.emit('ldr', 8, [reg(dst), memSym(dst, sym(name, 'got_lo12'))]);
    if (offset !== 0) this.addConstant(dst, dst, offset);
  }

  /** dst ← src + c (64-bit). */
  addConstant(dst: number, src: number, c: number | bigint): void {
    const v = BigInt(c);
    if (encodeAddImmediate(v) !== null) this.emit('add', 8, [reg(dst), reg(src), imm(v)]);
    else if (encodeAddImmediate(-v) !== null) this.emit('sub', 8, [reg(dst), reg(src), imm(-v)]);
    else {
      const t = this.temp('int');
      for (const i of intConstantInsts(t, v, 8)) this.push(i);
      this.emit('add', 8, [reg(dst), reg(src), reg(t)]);
    }
  }

  /** `add d, <frame ref>`: the address of a frame location (emit.ts resolves it to `add d, sp|x29, #offset`). */
  frameAddress(d: number, frame: MemOperand['frame'], offset = 0): void {
    this.emit('add', 8, [reg(d), { kind: 'mem', base: SP, mode: 'offset', offset, frame }]);
  }

  /**
   * A memory operand for an access of `access` bytes at a planned address:
   *   [xB, #d]                     unscaled simm9 or scaled uimm12
   *   [xB, xI{, lsl #log2 access}] when the scale is 1 or the access size
   *   otherwise the address is built with add (and lsl) first.
   */
  addressMem(addr: IrAddress, access: number): MemOperand {
    const fitsOffset = (d: number) => (d >= -256 && d <= 255) || (d >= 0 && d % access === 0 && d / access < 4096);
    if (addr.base.kind === 'slot' && addr.index === null && fitsOffset(addr.disp)) {
      // Resolved at emission; legalize.ts handles offsets that end up out of range.
      return { kind: 'mem', base: SP, mode: 'offset', offset: addr.disp, frame: { kind: 'slot', index: addr.base.slot } };
    }
    let base: number;
    switch (addr.base.kind) {
      case 'slot': base = this.temp('int'); this.frameAddress(base, { kind: 'slot', index: addr.base.slot }); break;
      case 'global': base = this.temp('int'); this.addressInto(base, addr.base.name, 0); break;
      case 'value': base = this.vreg(addr.base.id); break;
      case 'operand': base = this.regOf(addr.base.op, 'ptr'); break;
    }
    if (addr.index !== null) {
      const index = this.vreg(addr.index);
      if (addr.disp !== 0) {
        const b2 = this.temp('int');
        this.addConstant(b2, base, addr.disp);
        base = b2;
      }
      if (addr.scale === 1) return { kind: 'mem', base, mode: 'offset', offset: 0, index, extend: 'lsl', isScaled: false };
      if (addr.scale === access) return { kind: 'mem', base, mode: 'offset', offset: 0, index, extend: 'lsl', isScaled: true };
      const b3 = this.temp('int');
      this.emit('add', 8, [reg(b3), reg(base), { kind: 'shifted', reg: index, shift: 'lsl', amount: Math.log2(addr.scale) }]);
      return mem(b3, 0);
    }
    if (fitsOffset(addr.disp)) return mem(base, addr.disp);
    const b4 = this.temp('int');
    this.addConstant(b4, base, addr.disp);
    return mem(b4, 0);
  }

  // ---- blocks and edges -------------------------------------------------

  /** The condition under which `cond` (an integer, or the fused compare producing it) is true, flags set. */
  conditionFlags(cond: Operand, condTy: IrType): Cond {
    if (cond.kind === 'value' && this.plan.fusedCompares.has(cond.id)) return emitCompare(this, this.plan.defs.get(cond.id)!);
    if (cond.kind === 'int') {
      // A constant condition (unoptimised code): flags of 0 == 0, then the condition that is always or never true.
      const t = this.regOf({ kind: 'int', value: 0n }, 'i32');
      this.emit('cmp', 4, [reg(t), imm(0)]);
      return cond.value === 0n ? COND.ne : COND.eq;
    }
    const r = this.regOf(cond, condTy);
    const size = exactSize(condTy);
    if (size < 4) this.emit('tst', 4, [reg(r), imm(size === 1 ? 0xff : 0xffff)]);
    else this.emit('cmp', size, [reg(r), imm(0)]);
    return COND.ne;
  }

  /** A fused `icmp eq|ne x, 0` on a 32/64-bit x: the cbz/cbnz that branches when it holds. */
  private zeroTest(cond: Operand): { op: 'cbz' | 'cbnz'; size: 4 | 8; reg: number } | null {
    if (cond.kind !== 'value' || !this.plan.fusedCompares.has(cond.id)) return null;
    const cmp = this.plan.defs.get(cond.id)!;
    if (cmp.op !== 'icmp' || (cmp.cond !== 'eq' && cmp.cond !== 'ne') || this.plan.remainderTests.has(cmp)) return null;
    const size = exactSize(cmp.opTy!);
    if (size < 4) return null;
    let [x, y] = cmp.args as [Operand, Operand];
    if (x.kind === 'int') [x, y] = [y, x];
    if (y.kind !== 'int' || signedOfType(y.value, cmp.opTy!) !== 0n || x.kind === 'int') return null;
    return { op: cmp.cond === 'eq' ? 'cbz' : 'cbnz', size: size as 4 | 8, reg: this.regOf(x, cmp.opTy!) };
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
        const isPlainValue = t.cond.kind === 'value' && !this.plan.fusedCompares.has(t.cond.id);
        const zeroTest = this.zeroTest(t.cond);
        if (isPlainValue && exactSize(condTy) >= 4) {
          // br %c (not a fused compare) → cbnz c, then; b else
          this.emit('cbnz', exactSize(condTy) as 4 | 8, [reg(this.regOf(t.cond, condTy)), label(thenLabel)]);
        } else if (zeroTest !== null) {
          // br (icmp eq|ne x, 0) → cbz|cbnz x, then; b else
          this.emit(zeroTest.op, zeroTest.size, [reg(zeroTest.reg), label(thenLabel)]);
        } else {
          this.emit('bcond', 8, [label(thenLabel)], { cond: this.conditionFlags(t.cond, condTy) });
        }
        this.emit('b', 8, [label(elseLabel)]);
        return;
      }
      case 'switch':
        lowerSwitch(this, t);
        return;
      case 'ijmp':
        // goto *p → br p; the targets are the branch's successors (they take no arguments).
        this.emit('br', 8, [reg(this.regOf(t.value, 'ptr'))], { table: [...new Set(t.targets.map((e) => this.edgeLabel(e)))] });
        return;
      case 'ret': {
        const uses: number[] = [];
        if (t.value !== null && this.fn.retAbi) {
          // §6.9: the pieces of a value returned in registers, loaded into
          // temporaries first so the pointer survives until the last load.
          const p = this.regOf(t.value, 'ptr');
          const pieces = this.fn.retAbi;
          const pregs = returnRegs(pieces);
          let at = 0;
          const temps = pieces.map((c) => {
            const size = c === 'f32' ? 4 : 8;
            const tmp = this.temp(c === 'i64' || c === 'up' ? 'int' : 'float');
            this.emit('ldr', size, [reg(tmp), mem(p, at)]);
            at += size;
            return tmp;
          });
          pieces.forEach((c, k) => {
            const preg = pregs[k]!;
            if (c === 'up') {
              this.emit('ins', 8, [{ kind: 'lane', reg: preg, index: 1 }, reg(temps[k]!)]);
              return;
            }
            this.emit(c === 'i64' ? 'mov' : 'fmov', c === 'f32' ? 4 : 8, [reg(preg), reg(temps[k]!)]);
            if (!uses.includes(preg)) uses.push(preg);
          });
        } else if (t.value !== null) {
          const ty = this.fn.ret === 'void' ? 'i64' : this.fn.ret;
          const preg = isFloatType(ty) ? V0 : X0;
          this.materializeInto(preg, t.value, ty);
          uses.push(preg);
        }
        this.emit('ret', 8, [], { implicitUses: uses });
        return;
      }
      case 'unreachable':
        this.emit('brk', 8, [imm(1000)]);
        return;
      default:
        // A new terminator fails to type-check here until it has a rule.
        unreachable(t, 'IR terminator');
    }
  }

  // ---- instructions -----------------------------------------------------

  protected lowerInst(i: Inst): void {
    const d = i.result === null ? -1 : this.vreg(i.result);
    const ty = i.ty!;
    if (ty !== null && isVectorType(ty)) return lowerVector(this, i, d, ty);
    const [a, b] = i.args as [Operand, Operand];
    switch (i.op) {
      case 'add': case 'sub': case 'mul': case 'smulh': case 'umulh': case 'sdiv': case 'udiv': case 'srem': case 'urem':
      case 'and': case 'or': case 'xor': case 'shl': case 'lshr': case 'ashr': case 'neg': case 'not':
        lowerIntArith(this, i, d);
        return;
      case 'fadd': case 'fsub': case 'fmul': case 'fdiv': {
        // d = fadd a, b  →  fadd d, a, b
        const size = ty === 'f32' ? 4 : 8;
        const c = this.contractions.get(i);
        if (c !== undefined) return this.lowerContracted(i, d, c);
        if (this.contractedMuls.has(i)) return;
        this.emit(i.op, size, [reg(d), reg(this.regOf(a, ty)), reg(this.regOf(b, ty))]);
        return;
      }
      case 'fneg':
        this.emit('fneg', ty === 'f32' ? 4 : 8, [reg(d), reg(this.regOf(a, ty))]);
        return;
      case 'fsqrt': case 'fabs': case 'fcopysign': case 'fmin': case 'fmax': case 'ffloor': case 'fceil': case 'ftrunc':
        lowerFloatMath(this, i, d);
        return;
      case 'icmp': case 'fcmp':
        this.emit('cset', 4, [reg(d)], { cond: emitCompare(this, i) });
        return;
      case 'sext': case 'zext': case 'trunc': case 'sitofp': case 'uitofp': case 'fptosi': case 'fptoui':
      case 'fpext': case 'fptrunc': case 'ptrtoint': case 'inttoptr': case 'bitcast':
        lowerConvert(this, i, d, a);
        return;
      case 'load': return this.lowerLoad(i, d, ty);
      case 'store': return this.lowerStore(i, ty);
      case 'slotaddr':
        this.frameAddress(d, { kind: 'slot', index: i.slot! });
        return;
      case 'stackalloc': {
        // d = stackalloc n → sp -= round_up(n, 16); d = sp + outgoing area
        const n = this.regOf(a, 'i64');
        const t = this.temp('int');
        this.emit('add', 8, [reg(t), reg(n), imm(15)]);
        this.emit('and', 8, [reg(t), reg(t), imm(-16n)]);
        this.emit('sub', 8, [reg(SP), reg(SP), reg(t)]);
        this.frameAddress(d, { kind: 'dynamic' });
        return;
      }
      case 'stacksave': this.emit('mov', 8, [reg(d), reg(SP)]); return;
      case 'stackrestore': this.emit('mov', 8, [reg(SP), reg(this.regOf(a, 'ptr'))]); return;
      // x29 points at the frame record (frame.ts): the frame address.
      case 'frameaddr': this.emit('mov', 8, [reg(d), reg(FP)]); return;
      case 'select': return this.lowerSelect(i, d, ty);
      case 'call': return lowerCall(this, i, d);
      case 'vastart': return lowerVaStart(this, i);
      case 'asm': return lowerAsm(this, i);
      case 'ldadd': case 'ldsub': case 'ldmul': case 'lddiv': case 'ldneg': case 'ldext': case 'ldtrunc': case 'ldcmp':
        // AArch64's long double is binary128 through libgcc calls (frontend/lower/long-double-libgcc.ts).
        return unsupported(i.loc, 'long double arithmetic in the IR (the frontend lowers it to libgcc calls for this target)');
      case 'copy':
        this.materializeInto(d, a, ty);
        return;
      case 'splat':
        throw new InternalCompilerError('splat to a scalar type');
      default:
        // A new IR opcode fails to type-check here until it has a rule.
        unreachable(i.op, 'IR opcode');
    }
  }

  /** d = load p → ldr{b,h} wD / ldr wD|xD / ldr sD|dD, [address(p)]. */
  private lowerLoad(i: Inst, d: number, ty: IrType): void {
    const size = exactSize(ty);
    this.emit('ldr', size, [reg(d), this.addressMem(this.plan.addresses.get(i)!, size)]);
  }

  /** store v, p → str{b,h} / str / str s|d, [address(p)] (the zero register for integer 0). */
  private lowerStore(i: Inst, ty: IrType): void {
    const value = i.args[0]!;
    const size = exactSize(ty);
    const src: A64Operand = value.kind === 'int' && value.value === 0n && !isFloatType(ty) ? zr() : reg(this.regOf(value, ty));
    this.emit('str', size, [src, this.addressMem(this.plan.addresses.get(i)!, size)]);
  }

  /** d = select c, a, b → [flags of c]; csel|fcsel d, a, b, cc. */
  private lowerSelect(i: Inst, d: number, ty: IrType): void {
    const [c, a, b] = i.args as [Operand, Operand, Operand];
    const condTy = i.opTy ?? (c.kind === 'value' ? this.tyOf(c.id) : 'i32');
    const ra = this.regOf(a, ty);
    const rb = this.regOf(b, ty);
    const cond = this.conditionFlags(c, condTy);
    if (isFloatType(ty)) this.emit('fcsel', ty === 'f32' ? 4 : 8, [reg(d), reg(ra), reg(rb)], { cond });
    else this.emit('csel', intSize(ty), [reg(d), reg(ra), reg(rb)], { cond });
  }
}
