// Lowering of the System V AMD64 calling convention: incoming parameters in
// the pre-entry block, calls (arguments into registers and the outgoing
// area, %al for variadic callees, results out of rax/rdx/xmm0/xmm1 or a
// return buffer), and `vastart` over the register save area (psABI §3.2.3,
// §3.5.7). Input: IR instructions and the classification from abi.ts.
// Output: x64 machine instructions emitted through the X64Lowering.

import type { Block, Inst, Operand } from '../../ir/ir.js';
import { isFloatType } from '../../ir/ir.js';
import { assert } from '../../diagnostics.js';
import { classifyArgs, returnRegs } from './abi.js';
import type { MemOperand, X64Operand } from './inst.js';
import { imm, mem, reg } from './inst.js';
import type { CopySource, X64Lowering } from './lower.js';
import { exactSize } from './lower.js';
import { CALLER_SAVED, FLOAT_ARG_REGS, INT_ARG_REGS, RAX, RCX, RDI, RSI, RSP, XMM0 } from './regs.js';

/** A pre-entry block: incoming arguments into the entry block's parameter vregs. */
export function lowerEntry(lw: X64Lowering, entry: Block): void {
  const tys = entry.params.map((p) => lw.tyOf(p));
  const { locs } = classifyArgs(tys, lw.fn.paramAbi);
  const argRegs = lw.regSaveSlot >= 0 ? [...INT_ARG_REGS, ...FLOAT_ARG_REGS] : locs.flatMap((l) => (l.kind === 'reg' ? [l.preg] : []));
  lw.emit('args', 8, [], { implicitDefs: argRegs });
  if (lw.regSaveSlot >= 0) {
    // Every argument register goes to the save area, whatever %al says: storing
    // unused xmm registers is harmless, and va_arg reads only what the caller set.
    const at = (disp: number): MemOperand => ({ ...mem(null, disp), frame: { kind: 'slot', index: lw.regSaveSlot } });
    INT_ARG_REGS.forEach((r, k) => lw.emit('mov', 8, [at(8 * k), reg(r)]));
    // Whole registers: va_arg of a 16-byte vector reads both halves.
    FLOAT_ARG_REGS.forEach((r, k) => lw.emit('movups', 8, [at(48 + 16 * k), reg(r)]));
  }
  entry.params.forEach((p, i) => {
    const loc = locs[i]!;
    const ty = tys[i]!;
    const d = lw.vreg(p);
    switch (loc.kind) {
      case 'reg':
        if (loc.isUpper) lw.emit('movhlps', 8, [reg(d), reg(loc.preg)]);
        else lw.emit(isFloatType(ty) ? 'movaps' : 'mov', 8, [reg(d), reg(loc.preg)]);
        return;
      case 'stack': {
        const src: MemOperand = { ...mem(null, 0), frame: { kind: 'incoming', offset: loc.offset } };
        lw.emit(ty === 'f64' ? 'movsd' : ty === 'f32' ? 'movss' : 'mov', 8, [reg(d), src]);
        return;
      }
      case 'byval':
        // The caller's copy in the argument area is the parameter's storage.
        lw.emit('lea', 8, [reg(d), { ...mem(null, 0), frame: { kind: 'incoming', offset: loc.offset } }]);
        return;
      case 'none':
        assert(false, 'a parameter cannot be a retbuf (verify.ts)');
    }
  });
}

/**
 * d = call f(args…) — System V AMD64 §3.2.3: stack arguments stored into
 * the preallocated outgoing area, then register arguments moved into their
 * pregs, `mov eax, <vector regs used>` for variadic callees, `call f@PLT`
 * (or `call reg`), and the result copied out of rax / xmm0.
 */
export function lowerCall(lw: X64Lowering, i: Inst, d: number): void {
  const [callee, ...args] = i.args as [Operand, ...Operand[]];
  const tys = i.argTys ?? [];
  const { locs, stackBytes, floatRegs } = classifyArgs(tys, i.argAbi);
  lw.mf.outgoingArgBytes = Math.max(lw.mf.outgoingArgBytes, stackBytes);
  const sig = callee.kind === 'global' ? lw.facts.signatures.get(callee.name) : undefined;
  const target: X64Operand = callee.kind === 'global' ? { kind: 'sym', name: callee.name } : reg(lw.regOf(callee, 'ptr'));
  // Narrow integer arguments are extended to 32 bits by the caller, as gcc does
  // (signedness from the callee's C prototype when known, else signed).
  const sources: CopySource[] = args.map((op, k) => {
    const ty = tys[k]!;
    if ((ty !== 'i8' && ty !== 'i16') || op.kind !== 'value') return op;
    const p = sig?.params[k]?.type;
    const isSigned = p?.kind === 'int' ? p.isSigned : p?.kind !== 'bool';
    const t = lw.temp('int');
    lw.emit(isSigned ? 'movsx' : 'movzx', 4, [reg(t), reg(lw.vreg(op.id))], { srcSize: exactSize(ty) });
    return { kind: 'temp', reg: t };
  });
  locs.forEach((loc, k) => {
    if (loc.kind === 'byval') copyToArgArea(lw, lw.regOf(args[k]!, 'ptr'), loc.offset, loc.size);
    if (loc.kind !== 'stack') return;
    const ty = tys[k]!;
    const slot = mem(RSP, loc.offset);
    const src = sources[k]!;
    if (isFloatType(ty)) {
      const r = src.kind === 'temp' ? src.reg : lw.regOf(src, ty);
      lw.emit(ty === 'f32' ? 'movss' : 'movsd', 8, [slot, reg(r)]);
    } else {
      lw.emit('mov', 8, [slot, src.kind === 'temp' ? reg(src.reg) : lw.rmi(src, ty)]);
    }
  });
  const uses: number[] = [];
  locs.forEach((loc, k) => {
    if (loc.kind !== 'reg') return;
    if (loc.isUpper) {
      // SSEUP: the high half joins the low half already in the register.
      const src = sources[k]!;
      lw.emit('movlhps', 8, [reg(loc.preg), reg(src.kind === 'temp' ? src.reg : lw.regOf(src, 'f64'))]);
      return;
    }
    lw.materializeInto(loc.preg, sources[k]!, tys[k]!);
    uses.push(loc.preg);
  });
  if (i.fixedArgs !== undefined) {
    // §3.5.7: %al holds an upper bound on the vector registers used by a variadic call.
    lw.emit('mov', 4, [reg(RAX), imm(floatRegs)]);
    uses.push(RAX);
  }
  const retTy = i.ty;
  const bufIndex = i.argAbi?.findIndex((a) => a?.kind === 'retbuf') ?? -1;
  const bufAbi = bufIndex >= 0 ? i.argAbi![bufIndex] : null;
  const bufClasses = bufAbi?.kind === 'retbuf' ? bufAbi.pieces : [];
  if (bufClasses[0] === 'ldouble') {
    // §3.2.3: a long double (X87) comes back in %st0, a complex one (COMPLEX_X87) in %st0 (real) and
    // %st1 (imaginary); popping them into the buffer in that order leaves the x87 stack empty.
    lw.emit('call', 8, [target], { implicitUses: uses, implicitDefs: [], clobbers: CALLER_SAVED });
    const buf = lw.regOf(args[bufIndex]!, 'ptr');
    bufClasses.forEach((_, k) => lw.emit('fstpt', 8, [mem(buf, 16 * k)]));
    return;
  }
  const defs = bufClasses.length > 0 ? returnRegs(bufClasses) : retTy === null ? [] : [isFloatType(retTy) ? XMM0 : RAX];
  const defRegs = [...new Set(defs)];
  const saved = CALLER_SAVED.filter((r) => !defs.includes(r));
  // A plain call on a cold path keeps every register (see X64Inst.preserves): values live across
  // it need no spill code on the hot path around it. Only register arguments, so rsp is free to move.
  const isColdCall = lw.isColdBlock && stackBytes === 0 && i.fixedArgs === undefined && bufClasses.length === 0 && !locs.some((l) => l.kind === 'byval');
  lw.emit('call', 8, [target], isColdCall
    ? { implicitUses: uses, implicitDefs: defRegs, preserves: saved }
    : { implicitUses: uses, implicitDefs: defRegs, clobbers: saved });
  if (bufClasses.length > 0) {
    // The returned eightbytes leave their pregs first, then go to the buffer.
    const temps = bufClasses.map((c, k) => {
      const tmp = lw.temp(c === 'i64' ? 'int' : 'float');
      lw.emit(c === 'i64' ? 'mov' : c === 'up' ? 'movhlps' : 'movaps', 8, [reg(tmp), reg(defs[k]!)]);
      return tmp;
    });
    const buf = lw.regOf(args[bufIndex]!, 'ptr');
    bufClasses.forEach((c, k) => lw.emit(c === 'i64' ? 'mov' : 'movsd', 8, [mem(buf, 8 * k), reg(temps[k]!)]));
  } else if (retTy !== null && d >= 0) {
    lw.emit(isFloatType(retTy) ? 'movaps' : 'mov', 8, [reg(d), reg(defs[0]!)]);
  }
}

/**
 * vastart ap — §3.5.7: gp_offset and fp_offset skip the registers the
 * named parameters used, overflow_arg_area points past their stack
 * words, reg_save_area at the area the entry block filled.
 */
export function lowerVaStart(lw: X64Lowering, i: Inst): void {
  assert(lw.regSaveSlot >= 0, 'vastart outside a variadic function');
  const { locs, stackBytes } = classifyArgs(lw.fn.params, lw.fn.paramAbi);
  let ints = 0;
  let floats = 0;
  locs.forEach((l, k) => {
    if (l.kind !== 'reg' || l.isUpper) return;
    if (isFloatType(lw.fn.params[k]!)) floats++;
    else ints++;
  });
  const ap = lw.regOf(i.args[0]!, 'ptr');
  lw.emit('mov', 4, [mem(ap, 0), imm(8 * ints)]);
  lw.emit('mov', 4, [mem(ap, 4), imm(48 + 16 * floats)]);
  const t = lw.temp('int');
  lw.emit('lea', 8, [reg(t), { ...mem(null, 0), frame: { kind: 'incoming', offset: stackBytes } }]);
  lw.emit('mov', 8, [mem(ap, 8), reg(t)]);
  const u = lw.temp('int');
  lw.emit('lea', 8, [reg(u), { ...mem(null, 0), frame: { kind: 'slot', index: lw.regSaveSlot } }]);
  lw.emit('mov', 8, [mem(ap, 16), reg(u)]);
}

/** Above this many bytes a by-value argument is copied by `rep movsb` rather than by unrolled moves. */
const UNROLLED_COPY_LIMIT = 128;

/**
 * A MEMORY-class argument: `size` bytes from [src] into the outgoing area at
 * rsp+offset — 8/4/2/1-byte moves, or `rep movsb` for large ones (a 128 KiB
 * struct would otherwise be 32k instructions for the register allocator).
 * Stack arguments are stored before any argument register is loaded, so
 * rdi/rsi/rcx are free here.
 */
function copyToArgArea(lw: X64Lowering, src: number, offset: number, size: number): void {
  if (size > UNROLLED_COPY_LIMIT) {
    lw.emit('mov', 8, [reg(RSI), reg(src)]);
    lw.emit('lea', 8, [reg(RDI), mem(RSP, offset)]);
    lw.emit('mov', 8, [reg(RCX), imm(BigInt(size))]);
    lw.emit('repmovsb', 8, [], { implicitUses: [RSI, RDI, RCX], clobbers: [RSI, RDI, RCX] });
    return;
  }
  const t = lw.temp('int');
  let at = 0;
  for (const chunk of [8, 4, 2, 1] as const) {
    while (size - at >= chunk) {
      if (chunk >= 4) lw.emit('mov', chunk, [reg(t), mem(src, at)]);
      else lw.emit('movzx', 4, [reg(t), mem(src, at)], { srcSize: chunk });
      lw.emit('mov', chunk, [mem(RSP, offset + at), reg(t)]);
      at += chunk;
    }
  }
}
