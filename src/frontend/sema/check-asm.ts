// GNU asm statements (gcc manual "Extended Asm", "Constraints"): operand
// constraints, lvalue outputs, matching constraints and clobbers.
//
// Input: an AST asm statement inside a function. Output: a TAsmStmt whose
// operands say whether they live in a register (value) or in memory
// (address). `+` operands are split the way gcc numbers them: the output
// with `=`, and a hidden input tied to it ("N") after the written inputs,
// unless the operand lives in memory (then the asm reads it in place).
// Invariant: every constraint in the result decodes (asm-constraints.ts),
// every matching constraint names an output, every output is a modifiable
// lvalue, every memory operand an lvalue.

import type * as A from '../parse/ast.js';
import type { SemaContext } from './context.js';
import { checkExpr, checkModifiable, checkValue } from './check-expr.js';
import { isLvalue, rvalue } from './conversions.js';
import { evalIntConst } from './const-eval.js';
import { isError, isScalar, quoteType } from './types.js';
import type { CType } from './types.js';
import type { TAsmOperand, TAsmStmt, TExpr, TStmt } from './typed.js';
import { parseConstraint } from '../lower/asm-constraints.js';
import type { AsmDialect, ParsedConstraint } from '../lower/asm-constraints.js';

export function checkAsm(ctx: SemaContext, s: A.AsmStmt): TStmt {
  if (s.isGoto) {
    ctx.error(s.loc, `'asm goto' is not supported`);
    return { kind: 'empty', loc: s.loc };
  }
  const outputs: TAsmOperand[] = [];
  const inputs: TAsmOperand[] = [];
  const hidden: TAsmOperand[] = [];
  s.outputs.forEach((o, k) => {
    const c = decode(ctx, o);
    if (c === null) return;
    if (!c.isOutput) {
      ctx.error(o.loc, `output operand constraint lacks '='`);
      return;
    }
    const target = checkExpr(ctx, o.expr);
    if (isError(target.type)) return;
    if (!isLvalue(target)) {
      ctx.error(o.expr.loc, `invalid lvalue in asm output ${k}`);
      return;
    }
    if (!checkModifiable(ctx, target, o.expr.loc)) return;
    const isMem = !c.allowsReg && c.allowsMem;
    if (!isMem && !checkRegisterType(ctx, o, target.type, c)) return;
    if (isMem && isBitField(target)) {
      ctx.error(o.expr.loc, `address of bit-field requested in asm output ${k}`);
      return;
    }
    const pinned = !isMem ? registerOf(target) : null;
    const constraint = pinned !== null ? `=${c.isEarlyClobber ? '&' : ''}{${pinned}}` : o.constraint.replace('+', '=');
    outputs.push({ name: o.name, constraint, expr: target, isMem });
    // gcc numbers the hidden input of a `+` operand after all written inputs.
    if (c.isReadWrite && !isMem) hidden.push({ name: null, constraint: String(k), expr: rvalue(target), isMem: false });
  });
  s.inputs.forEach((o, k) => {
    const c = decode(ctx, o);
    if (c === null) return;
    if (c.isOutput) {
      ctx.error(o.loc, `input operand constraint contains '${o.constraint.includes('+') ? '+' : '='}'`);
      return;
    }
    const tied = c.tiedTo ?? (c.tiedName !== null ? s.outputs.findIndex((p) => p.name === c.tiedName) : null);
    if (tied !== null && (tied < 0 || tied >= s.outputs.length)) {
      ctx.error(o.loc, c.tiedName !== null ? `undefined named operand '${c.tiedName}'` : `matching constraint references invalid operand number`);
      return;
    }
    if (tied !== null) {
      const value = checkValue(ctx, o.expr);
      if (isError(value.type)) return;
      if (!isScalar(value.type) || outputs[tied]?.isMem) {
        ctx.error(o.expr.loc, `matching constraint for input ${k} is not supported for this operand`);
        return;
      }
      inputs.push({ name: o.name, constraint: String(tied), expr: value, isMem: false });
      return;
    }
    if (!c.allowsReg && !c.allowsImm) {
      const lv = checkExpr(ctx, o.expr);
      if (isError(lv.type)) return;
      if (!isLvalue(lv) || isBitField(lv)) {
        ctx.error(o.expr.loc, `memory input ${k} is not directly addressable`);
        return;
      }
      inputs.push({ name: o.name, constraint: o.constraint, expr: lv, isMem: true });
      return;
    }
    const value = checkValue(ctx, o.expr);
    if (isError(value.type)) return;
    const isConst = c.allowsImm && evalIntConst(value, ctx.target) !== null;
    if (!isConst && !c.allowsReg) {
      ctx.error(o.expr.loc, `impossible constraint in 'asm'`);
      return;
    }
    if (!isConst && !checkRegisterType(ctx, o, value.type, c)) return;
    const pinned = !isConst && value.kind === 'load' ? registerOf(value.operand) : null;
    inputs.push({ name: o.name, constraint: pinned !== null ? `{${pinned}}` : o.constraint, expr: value, isMem: false });
  });
  const clobbers: string[] = [];
  for (const c of s.clobbers) {
    // "memory" and "cc" name no register, so they mean the same on every target: a target
    // without a dialect yet still takes `asm volatile("" ::: "memory")` and its barriers.
    if (ctx.opts.asmDialect === undefined && (c.text === 'memory' || c.text === 'cc')) {
      clobbers.push(c.text);
      continue;
    }
    const dialect = dialectOf(ctx, c.loc);
    if (dialect === null) break;
    const reg = dialect.parseClobber(c.text);
    if (reg === null) ctx.error(c.loc, `unknown register name '${c.text}' in 'asm'`);
    else if (dialect.reserved.includes(reg)) ctx.error(c.loc, `clobbering '${c.text}' in 'asm' is not supported`);
    else if (reg !== 'ignored') clobbers.push(reg);
  }
  const stmt: TAsmStmt = {
    kind: 'asm', loc: s.loc, template: s.template, isBasic: s.isBasic,
    // gcc: an asm without outputs is implicitly volatile.
    isVolatile: s.isVolatile || s.outputs.length === 0,
    outputs, inputs: [...inputs, ...hidden], clobbers,
  };
  return stmt;
}

/** The target's asm dialect, or an error when it has none yet. */
function dialectOf(ctx: SemaContext, loc: A.AsmOperand['loc']): AsmDialect | null {
  const dialect = ctx.opts.asmDialect;
  if (dialect === undefined) ctx.error(loc, `asm operands and clobbers are not supported for target '${ctx.target.name}' yet`);
  return dialect ?? null;
}

function decode(ctx: SemaContext, o: A.AsmOperand): ParsedConstraint | null {
  const dialect = dialectOf(ctx, o.loc);
  if (dialect === null) return null;
  const c = parseConstraint(o.constraint, dialect);
  if (typeof c === 'string') {
    ctx.error(o.loc, c);
    return null;
  }
  if (!c.allowsReg && !c.allowsMem && !c.allowsImm && c.tiedTo === null && c.tiedName === null) {
    ctx.error(o.loc, `asm operand has no constraint letter in '${o.constraint}'`);
    return null;
  }
  return c;
}

/** Register operands hold a scalar of the register's class: integers and pointers in general registers, float/double in floating-point ones. */
function checkRegisterType(ctx: SemaContext, o: A.AsmOperand, t: CType, c: ParsedConstraint): boolean {
  const isFloat = t.kind === 'float';
  if (!isScalar(t) || (isFloat && t.name === 'ldouble')) {
    ctx.error(o.expr.loc, `operand of type ${quoteType(t)} in a register is not supported in 'asm'`);
    return false;
  }
  if (isFloat !== (c.regClass === 'float')) {
    ctx.error(o.expr.loc, `${isFloat ? 'floating-point' : 'integer'} operand with constraint '${o.constraint}' is not supported in 'asm'`);
    return false;
  }
  return true;
}

/** A local register variable's register (gcc "Local Register Variables": honoured for asm operands). */
function registerOf(e: TExpr): string | null {
  return e.kind === 'var' && e.sym.asmRegister !== undefined ? e.sym.asmRegister : null;
}

function isBitField(e: TExpr): boolean {
  return e.kind === 'member' && e.member.bitWidth !== null;
}
