// inline: replaces calls to small functions defined in the same module by
// a copy of the callee's body.
//
// Input: a function and (through the PassContext) its module. Output: each
// direct call `%r = call @g(args)` to an eligible @g is replaced: the
// calling block is split after the call, it jumps to a fresh copy of @g's
// blocks (the copy's entry receives the arguments as block arguments),
// every `ret v` in the copy becomes `jmp cont(v)`, and the continuation
// block takes the old call result as its parameter, so its uses stay valid.
// The callee's stack slots are appended to the caller's.
//
// Eligible: defined here, not the caller, not variadic, not calling itself
// directly, at most INLINE_LIMIT instructions, and the call's argument and
// result types match the callee's signature exactly. Only the call sites
// present before the pass are inlined (no cascade within one run), so the
// pass always terminates; simplify-cfg then merges the straight-line joins.

import type { Block, Inst, IrFunction, Operand, Terminator } from '../ir.js';
import type { FunctionPass, PassContext } from '../pass.js';
import { newValue } from '../rewrite.js';

/** Instruction budget of an inlined callee (about a dozen lines of C). */
export const INLINE_LIMIT = 40;

export const inline: FunctionPass = {
  name: 'inline',
  run(fn: IrFunction, ctx: PassContext): boolean {
    const byName = new Map(ctx.module.functions.map((f) => [f.name, f]));
    const sites: [Inst, IrFunction][] = [];
    for (const blk of fn.blocks) {
      for (const inst of blk.insts) {
        const callee = inst.op === 'call' && inst.args[0]?.kind === 'global' && inst.args[0].offset === 0 ? byName.get(inst.args[0].name) : undefined;
        if (callee && isEligible(fn, inst, callee)) sites.push([inst, callee]);
      }
    }
    let nextBlockId = fn.blocks.reduce((m, b) => Math.max(m, b.id), -1) + 1;
    for (const [call, callee] of sites) {
      // An earlier site in the same block moved this call into a continuation block.
      const blk = fn.blocks.find((b) => b.insts.includes(call));
      if (blk) nextBlockId = inlineCall(fn, blk, call, callee, nextBlockId);
    }
    return sites.length > 0;
  },
};

function isEligible(caller: IrFunction, call: Inst, callee: IrFunction): boolean {
  if (callee === caller || callee.isVariadic || call.fixedArgs !== undefined) return false;
  // Passing in memory or returning register pieces (byval copies, retbuf) is the backend's job: keep such calls.
  if (callee.retAbi || callee.paramAbi?.some((a) => a?.kind === 'byval') || call.argAbi?.some((a) => a?.kind === 'byval' || a?.kind === 'retbuf')) return false;
  const argTys = call.argTys ?? [];
  if (argTys.length !== callee.params.length || argTys.some((t, i) => t !== callee.params[i])) return false;
  if (call.result === null ? call.ty !== null : callee.ret !== call.ty) return false;
  let size = 0;
  for (const b of callee.blocks) {
    size += b.insts.length;
    for (const inst of b.insts) {
      if (inst.op === 'call' && inst.args[0]?.kind === 'global' && inst.args[0].name === callee.name) return false;
      // alloca memory lives until the function returns: inlined into a loop it would pile up (gcc does not inline it either).
      if (inst.op === 'stackalloc') return false;
      // Its own frame and return address would become the caller's.
      if (inst.op === 'frameaddr') return false;
    }
  }
  return size <= INLINE_LIMIT && callee.blocks.length > 0;
}

/** Inlines one call; returns the next free block id. */
function inlineCall(fn: IrFunction, blk: Block, call: Inst, callee: IrFunction, nextBlockId: number): number {
  const at = blk.insts.indexOf(call);
  // Fresh ids for the callee's values and blocks.
  const valueMap = new Map<number, number>();
  const mapValue = (id: number) => {
    let v = valueMap.get(id);
    if (v === undefined) {
      const info = callee.values[id];
      v = newValue(fn, info.ty, info.name);
      valueMap.set(id, v);
    }
    return v;
  };
  const blockMap = new Map<number, number>();
  for (const b of callee.blocks) blockMap.set(b.id, nextBlockId++);
  const contId = nextBlockId++;
  const slotBase = fn.slots.length;
  fn.slots.push(...callee.slots.map((s) => ({ ...s })));

  const mapOperand = (o: Operand): Operand => (o.kind === 'value' ? { kind: 'value', id: mapValue(o.id) } : o);
  const mapEdge = (e: { block: number; args: Operand[] }) => ({ block: blockMap.get(e.block)!, args: e.args.map(mapOperand) });
  const mapTerm = (t: Terminator): Terminator => {
    switch (t.kind) {
      case 'jmp': return { kind: 'jmp', target: mapEdge(t.target) };
      case 'br': return { kind: 'br', cond: mapOperand(t.cond), then: mapEdge(t.then), else: mapEdge(t.else) };
      case 'switch': return { kind: 'switch', ty: t.ty, value: mapOperand(t.value), cases: t.cases.map((c) => ({ value: c.value, target: mapEdge(c.target) })), default: mapEdge(t.default) };
      case 'ret': return { kind: 'jmp', target: { block: contId, args: t.value && call.result !== null ? [mapOperand(t.value)] : [] } };
      case 'unreachable': return { kind: 'unreachable' };
    }
  };
  const copies: Block[] = callee.blocks.map((b) => {
    const copy: Block = {
      id: blockMap.get(b.id)!,
      params: b.params.map(mapValue),
      insts: b.insts.map((inst) => {
        const c: Inst = { ...inst, args: inst.args.map(mapOperand), result: inst.result === null ? null : mapValue(inst.result) };
        if (inst.argTys) c.argTys = inst.argTys.slice();
        if (inst.slot !== undefined) c.slot = inst.slot + slotBase;
        return c;
      }),
      term: mapTerm(b.term),
    };
    if (b.name !== undefined) copy.name = `${callee.name}.${b.name}`;
    return copy;
  });
  const cont: Block = {
    id: contId,
    params: call.result === null ? [] : [call.result],
    insts: blk.insts.slice(at + 1),
    term: blk.term,
  };
  blk.insts = blk.insts.slice(0, at);
  blk.term = { kind: 'jmp', target: { block: copies[0].id, args: call.args.slice(1) } };
  const pos = fn.blocks.indexOf(blk);
  fn.blocks.splice(pos + 1, 0, ...copies, cont);
  return nextBlockId;
}
