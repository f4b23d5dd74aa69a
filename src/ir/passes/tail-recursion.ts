// tail-recursion: a function's calls to itself in tail position become a
// loop, including the accumulator form `return f(x) op e`.
//
// Input: a function in SSA form. Output: when the function has such calls,
// a new entry block that jumps to the old entry, which becomes the loop
// header: its parameters (the function's values) are now set by every
// former tail call, whose block jumps back with the call's arguments.
//
//   plain:        %r = call @f(args); ret %r      →  jmp header(args)
//   accumulator:  %r = call @f(args); %s = add %r, %e; ret %s
//                                                  →  %a' = add %acc, %e; jmp header(args, %a')
//
// In the accumulator form the header gets one more parameter, %acc, which
// starts at the operation's identity, and every remaining `ret v` returns
// `%acc op v`. Only add, mul, and, or and xor on integers qualify: they are
// associative and commutative in two's complement, so folding the pending
// operations into one running value gives the same bits (not floats).
// A return reached through a jump to a block that only returns (the shape
// the frontend gives `return c ? x : f(y)`) counts as a return.
//
// Refused (the function is left alone): variadic functions, aggregate
// results or byval parameters (their memory is per call), dynamic stack
// allocation (a loop would pile it up), frame addresses, returns-twice
// calls, and any stack slot whose address escapes (analysis/escape.ts): the
// recursive call might read the caller's local through it, and the loop
// reuses that slot. In the accumulator form the call must be the last
// instruction before the operation and %e must not be computed after the
// call: moving a load or a call with side effects before the recursion
// could change what it sees.

import type { Block, Inst, IrFunction, IrType, Operand } from '../ir.js';
import { isIntType } from '../ir.js';
import type { FunctionPass, PassContext } from '../pass.js';
import { newValue } from '../rewrite.js';
import { analyzeEscapes, calleeName } from '../analysis/escape.js';

type AccOp = 'add' | 'mul' | 'and' | 'or' | 'xor';
const ACC_OPS: ReadonlySet<string> = new Set(['add', 'mul', 'and', 'or', 'xor']);

/** gcc's special_function_p list of functions that may return twice (see mem2reg.ts). */
const RETURNS_TWICE = new Set(['setjmp', '_setjmp', '__sigsetjmp', 'sigsetjmp', 'savectx', 'vfork', 'getcontext']);

interface Site {
  readonly blk: Block;
  readonly call: Inst;
  /** The accumulated operand and the operation, for the accumulator form. */
  readonly acc: { readonly op: AccOp; readonly operand: Operand } | null;
}

export const tailRecursion: FunctionPass = {
  name: 'tail-recursion',
  run(fn: IrFunction, _ctx: PassContext): boolean {
    // The cheap question first: most functions call themselves nowhere in tail position.
    const sites = findSites(fn);
    if (sites.length === 0 || !canBecomeLoop(fn)) return false;
    const op = sites.find((s) => s.acc !== null)?.acc?.op ?? null;
    rewrite(fn, sites.filter((s) => s.acc === null || s.acc.op === op), op);
    return true;
  },
};

function canBecomeLoop(fn: IrFunction): boolean {
  if (fn.isVariadic || fn.retAbi || fn.paramAbi?.some((a) => a?.kind === 'byval') || fn.blocks.length === 0) return false;
  for (const blk of fn.blocks) {
    for (const inst of blk.insts) {
      if (inst.op === 'stackalloc' || inst.op === 'stacksave' || inst.op === 'frameaddr' || inst.op === 'vastart') return false;
      if (RETURNS_TWICE.has(calleeName(inst) ?? '')) return false;
    }
  }
  return !analyzeEscapes(fn).some((o) => o.kind === 'slot' && o.escapes);
}

/** The operand `blk` ends up returning (through a jump to a block that only returns), or undefined when it does not return. */
function returned(fn: IrFunction, blk: Block, byId: ReadonlyMap<number, Block>): Operand | null | undefined {
  const t = blk.term;
  if (t.kind === 'ret') return t.value;
  if (t.kind !== 'jmp') return undefined;
  const r = byId.get(t.target.block);
  if (!r || r.insts.length > 0 || r.term.kind !== 'ret' || r === fn.blocks[0]) return undefined;
  const v = r.term.value;
  if (v === null || v.kind !== 'value') return v;
  const k = r.params.indexOf(v.id);
  return k < 0 ? v : t.target.args[k];
}

function isSelfCall(fn: IrFunction, inst: Inst | undefined): inst is Inst {
  if (inst === undefined || calleeName(inst) !== fn.name || inst.fixedArgs !== undefined) return false;
  const tys = inst.argTys ?? [];
  if (tys.length !== fn.params.length || tys.some((t, i) => t !== fn.params[i])) return false;
  if (inst.argAbi?.some((a) => a !== null && a.kind !== 'part')) return false;
  return inst.result === null ? fn.ret === 'void' : inst.ty === fn.ret;
}

const sameValue = (o: Operand | null | undefined, id: number | null): boolean => o?.kind === 'value' && o.id === id;

function findSites(fn: IrFunction): Site[] {
  const byId = new Map(fn.blocks.map((b) => [b.id, b]));
  const sites: Site[] = [];
  for (const blk of fn.blocks) {
    const v = returned(fn, blk, byId);
    if (v === undefined) continue;
    const n = blk.insts.length;
    const last = blk.insts[n - 1];
    // plain: the call's result is what is returned (or nothing, for void)
    if (isSelfCall(fn, last) && (fn.ret === 'void' ? v === null : sameValue(v, last.result))) {
      sites.push({ blk, call: last, acc: null });
      continue;
    }
    // accumulator: %r = call @f(…); %s = op %r, %e; ret %s
    const call = blk.insts[n - 2];
    if (!last || !isSelfCall(fn, call) || call.result === null || !ACC_OPS.has(last.op)) continue;
    if (!isIntType(fn.ret as IrType) || fn.ret === 'ptr' || last.ty !== fn.ret || !sameValue(v, last.result)) continue;
    const [a, b] = last.args;
    const k = sameValue(a, call.result) ? 1 : sameValue(b, call.result) ? 0 : -1;
    if (k < 0 || sameValue(last.args[k], call.result)) continue;
    sites.push({ blk, call, acc: { op: last.op as AccOp, operand: last.args[k]! } });
  }
  return sites;
}

function identity(op: AccOp): bigint {
  return op === 'mul' ? 1n : op === 'and' ? -1n : 0n;
}

function rewrite(fn: IrFunction, sites: readonly Site[], op: AccOp | null): void {
  const header = fn.blocks[0]!;
  const nextId = fn.blocks.reduce((m, b) => Math.max(m, b.id), -1) + 1;
  const entryParams = fn.params.map((ty) => newValue(fn, ty));
  const retTy = fn.ret as IrType;
  const acc = op === null ? null : newValue(fn, retTy, 'acc');
  const entry: Block = {
    id: nextId,
    params: entryParams,
    insts: [],
    term: { kind: 'jmp', target: { block: header.id, args: [...entryParams.map((id): Operand => ({ kind: 'value', id })), ...(op === null ? [] : [{ kind: 'int', value: identity(op) } as Operand])] } },
  };
  if (header.name !== undefined) {
    entry.name = header.name;
    header.name = `${header.name}.tailrec`;
  } else {
    header.name = 'tailrec';
  }
  if (acc !== null) header.params.push(acc);
  const accOperand = (): Operand[] => (acc === null ? [] : [{ kind: 'value', id: acc }]);
  const siteBlocks = new Set(sites.map((s) => s.blk));
  for (const s of sites) {
    const at = s.blk.insts.indexOf(s.call);
    s.blk.insts.length = at; // drops the call and, in the accumulator form, the operation
    let next = accOperand();
    if (s.acc !== null && acc !== null) {
      const id = newValue(fn, retTy);
      s.blk.insts.push({ op: s.acc.op, result: id, ty: retTy, args: [{ kind: 'value', id: acc }, s.acc.operand], ...(s.call.loc ? { loc: s.call.loc } : {}) });
      next = [{ kind: 'value', id }];
    }
    s.blk.term = { kind: 'jmp', target: { block: header.id, args: [...s.call.args.slice(1), ...next] } };
  }
  if (op !== null && acc !== null) {
    for (const blk of fn.blocks) {
      if (siteBlocks.has(blk) || blk.term.kind !== 'ret' || blk.term.value === null) continue;
      const id = newValue(fn, retTy);
      blk.insts.push({ op, result: id, ty: retTy, args: [{ kind: 'value', id: acc }, blk.term.value] });
      blk.term = { kind: 'ret', value: { kind: 'value', id } };
    }
  }
  fn.blocks.unshift(entry);
}
