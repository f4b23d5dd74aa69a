// Lowering of the AAPCS64 calling convention: incoming parameters in the
// pre-entry block, calls (arguments into registers and the outgoing area,
// the indirect result address in x8, results out of x0/x1/v0–v3 or into a
// return buffer), and `vastart` over the register save area (AAPCS64
// §6.8.2, §6.9, appendix B). Input: IR instructions and the classification
// from abi.ts. Output: A64 machine instructions emitted through the
// A64Lowering.
//
// A piece marked 'up' (the upper half of a q register: binary128 long
// double, 16-byte vectors) moves through a general register: `umov` out of
// lane d[1], `ins` into it.

import type { Block, Inst, IrType, Operand, RegPiece } from '../../ir/ir.js';
import { isFloatType, pieceSize } from '../../ir/ir.js';
import { assert } from '../../diagnostics.js';
import { classifyArgs, returnRegs } from './abi.js';
import type { A64Operand, MemOperand } from './inst.js';
import { lane, mem, reg, sym, zr } from './inst.js';
import type { A64Lowering } from './lower.js';
import { CALL_CLOBBERS, FLOAT_ARG_REGS, INT_ARG_REGS, SP, V0, X0 } from './regs.js';

/** Appendix B: x0–x7 (8 bytes each), then q0–q7 (16 bytes each), saved by a variadic function's entry. */
export const VA_SAVE_AREA = { bytes: 64 + 128, grBytes: 64 } as const;

function frameMem(frame: MemOperand['frame'], offset = 0): MemOperand {
  return { kind: 'mem', base: SP, mode: 'offset', offset, frame };
}

/** A pre-entry block: incoming arguments into the entry block's parameter vregs. */
export function lowerEntry(lw: A64Lowering, entry: Block): void {
  const tys = entry.params.map((p) => lw.tyOf(p));
  const { locs } = classifyArgs(tys, lw.fn.paramAbi);
  const used = locs.flatMap((l) => (l.kind === 'reg' ? [l.preg] : []));
  const argRegs = [...new Set(lw.saveSlot >= 0 ? [...INT_ARG_REGS, ...FLOAT_ARG_REGS, ...used] : used)];
  lw.emit('nop', 8, [], { implicitDefs: argRegs });
  if (lw.saveSlot >= 0) {
    // Every argument register goes to the save area; va_arg reads only what the caller set.
    const slot = { kind: 'slot', index: lw.saveSlot } as const;
    INT_ARG_REGS.forEach((r, k) => lw.emit('str', 8, [reg(r), frameMem(slot, 8 * k)]));
    FLOAT_ARG_REGS.forEach((r, k) => lw.emit('str', 16, [reg(r), frameMem(slot, VA_SAVE_AREA.grBytes + 16 * k)]));
  }
  entry.params.forEach((p, i) => {
    const loc = locs[i]!;
    const ty = tys[i]!;
    const d = lw.vreg(p);
    switch (loc.kind) {
      case 'reg':
        if (loc.isUpper) {
          const t = lw.temp('int');
          lw.emit('umov', 8, [reg(t), lane(loc.preg, 1)]);
          lw.emit('fmov', 8, [reg(d), reg(t)]);
        } else {
          lw.emit(isFloatType(ty) ? 'fmov' : 'mov', 8, [reg(d), reg(loc.preg)]);
        }
        return;
      case 'stack':
        lw.emit('ldr', isFloatType(ty) ? (loc.size as 4 | 8) : 8, [reg(d), frameMem({ kind: 'incoming', offset: loc.offset })]);
        return;
      case 'byval':
        lw.frameAddress(d, { kind: 'incoming', offset: loc.offset });
        return;
      case 'none':
        assert(false, 'a parameter cannot be a retbuf (verify.ts)');
    }
  });
}

/**
 * d = call f(args…): stack arguments stored into the preallocated outgoing
 * area at sp, then register arguments moved into their pregs, `bl f` (or
 * `blr reg`), and the result copied out of x0 / v0 or the pieces stored
 * into the return buffer.
 */
export function lowerCall(lw: A64Lowering, i: Inst, d: number): void {
  const [callee, ...args] = i.args as [Operand, ...Operand[]];
  const tys = i.argTys ?? [];
  const { locs, stackBytes } = classifyArgs(tys, i.argAbi);
  lw.mf.outgoingArgBytes = Math.max(lw.mf.outgoingArgBytes, stackBytes);
  const target: A64Operand = callee.kind === 'global' && callee.offset === 0 ? sym(callee.name) : reg(lw.regOf(callee, 'ptr'));
  locs.forEach((loc, k) => {
    if (loc.kind === 'byval') copyToArgArea(lw, lw.regOf(args[k]!, 'ptr'), loc.offset, loc.size);
    if (loc.kind !== 'stack') return;
    const ty = tys[k]!;
    const src = args[k]!;
    const value: A64Operand = src.kind === 'int' && src.value === 0n ? zr() : reg(lw.regOf(src, ty));
    lw.emit('str', isFloatType(ty) ? (loc.size as 4 | 8) : 8, [value, mem(SP, loc.offset)]);
  });
  const uses: number[] = [];
  locs.forEach((loc, k) => {
    if (loc.kind !== 'reg') return;
    if (loc.isUpper) {
      // The high half joins the low half already in the q register.
      const t = lw.temp('int');
      lw.emit('fmov', 8, [reg(t), reg(lw.regOf(args[k]!, 'f64'))]);
      lw.emit('ins', 8, [lane(loc.preg, 1), reg(t)]);
      return;
    }
    lw.materializeInto(loc.preg, args[k]!, tys[k]!);
    if (!uses.includes(loc.preg)) uses.push(loc.preg);
  });
  const bufIndex = i.argAbi?.findIndex((a) => a?.kind === 'retbuf') ?? -1;
  const bufAbi = bufIndex >= 0 ? i.argAbi![bufIndex] : null;
  const pieces: readonly RegPiece[] = bufAbi?.kind === 'retbuf' ? bufAbi.pieces : [];
  const retTy = i.ty;
  const defs = pieces.length > 0 ? returnRegs(pieces) : retTy === null ? [] : [isFloatType(retTy) ? V0 : X0];
  const defRegs = [...new Set(defs)];
  lw.emit(target.kind === 'sym' ? 'bl' : 'blr', 8, [target], { implicitUses: uses, implicitDefs: defRegs, clobbers: CALL_CLOBBERS.filter((r) => !defRegs.includes(r)) });
  if (pieces.length > 0) {
    // The returned pieces leave their pregs first, then go to the buffer.
    const temps = pieces.map((c, k) => {
      const tmp = lw.temp(c === 'i64' || c === 'up' ? 'int' : 'float');
      if (c === 'up') lw.emit('umov', 8, [reg(tmp), lane(defs[k]!, 1)]);
      else lw.emit(c === 'i64' ? 'mov' : 'fmov', c === 'f32' ? 4 : 8, [reg(tmp), reg(defs[k]!)]);
      return tmp;
    });
    const buf = lw.regOf(args[bufIndex]!, 'ptr');
    let at = 0;
    pieces.forEach((c, k) => {
      lw.emit('str', pieceSize(c) as 4 | 8, [reg(temps[k]!), mem(buf, at)]);
      at += pieceSize(c);
    });
  } else if (retTy !== null && d >= 0) {
    lw.emit(isFloatType(retTy) ? 'fmov' : 'mov', 8, [reg(d), reg(defs[0]!)]);
  }
}

/**
 * vastart ap — appendix B.3: __stack points past the named parameters'
 * stack words, __gr_top / __vr_top at the ends of the two halves of the
 * save area the entry filled, __gr_offs / __vr_offs at minus the bytes of
 * the registers the named parameters left unused.
 */
export function lowerVaStart(lw: A64Lowering, i: Inst): void {
  assert(lw.saveSlot >= 0, 'vastart outside a variadic function');
  const { stackBytes, intRegs, floatRegs } = classifyArgs(lw.fn.params, lw.fn.paramAbi);
  const ap = lw.regOf(i.args[0]!, 'ptr');
  const slot = { kind: 'slot', index: lw.saveSlot } as const;
  const store = (size: 4 | 8, value: number, offset: number) => lw.emit('str', size, [reg(value), mem(ap, offset)]);
  const stack = lw.temp('int');
  lw.frameAddress(stack, { kind: 'incoming', offset: stackBytes });
  store(8, stack, 0);
  const grTop = lw.temp('int');
  lw.frameAddress(grTop, slot, VA_SAVE_AREA.grBytes);
  store(8, grTop, 8);
  const vrTop = lw.temp('int');
  lw.frameAddress(vrTop, slot, VA_SAVE_AREA.bytes);
  store(8, vrTop, 16);
  const intConst = (v: number, ty: IrType) => lw.regOf({ kind: 'int', value: BigInt(v) }, ty);
  store(4, intConst(-8 * (INT_ARG_REGS.length - intRegs), 'i32'), 24);
  store(4, intConst(-16 * (FLOAT_ARG_REGS.length - floatRegs), 'i32'), 28);
}

/** A value passed in memory ('byval'): `size` bytes from [src] into the outgoing area at sp+offset. */
function copyToArgArea(lw: A64Lowering, src: number, offset: number, size: number): void {
  const t = lw.temp('int');
  let at = 0;
  for (const chunk of [8, 4, 2, 1] as const) {
    while (size - at >= chunk) {
      lw.emit('ldr', chunk, [reg(t), mem(src, at)]);
      lw.emit('str', chunk, [reg(t), mem(SP, offset + at)]);
      at += chunk;
    }
  }
}
