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
    const byName = functionsByName(ctx.module);
    // Sites per block, in block order then instruction order.
    const sites: Site[] = [];
    for (const blk of fn.blocks) {
      blk.insts.forEach((inst, index) => {
        const callee = inst.op === 'call' && inst.args[0]?.kind === 'global' && inst.args[0].offset === 0 ? byName.get(inst.args[0].name) : undefined;
        if (callee && isEligible(fn, inst, callee)) sites.push({ blk, index, call: inst, callee, copies: [], contId: 0 });
      });
    }
    if (sites.length === 0) return false;
    // Copies first, in site order (block and value numbering as when
    // splitting front to back); then each block is split at its sites from
    // the last to the first, so no instruction is moved or searched for
    // twice and an earlier site never moves: linear in the function's size.
    let nextBlockId = fn.blocks.reduce((m, b) => Math.max(m, b.id), -1) + 1;
    for (const site of sites) nextBlockId = copyCallee(fn, site, nextBlockId);
    const after = new Map<Block, Block[]>();
    for (let k = sites.length - 1; k >= 0; k--) {
      const site = sites[k]!;
      const tail = splitAt(site);
      const list = after.get(site.blk);
      after.set(site.blk, list === undefined ? [...site.copies, tail] : [...site.copies, tail, ...list]);
    }
    fn.blocks = fn.blocks.flatMap((b) => [b, ...(after.get(b) ?? [])]);
    return true;
  },
};

/** A call to inline: where it is, the callee, and its copy once made. */
interface Site {
  readonly blk: Block;
  readonly index: number;
  readonly call: Inst;
  readonly callee: IrFunction;
  copies: Block[];
  contId: number;
}

/** Module functions by name, built once per module (per function it made the pass quadratic in the module's size). */
const byNameCache = new WeakMap<readonly IrFunction[], Map<string, IrFunction>>();

function functionsByName(m: PassContext['module']): Map<string, IrFunction> {
  let map = byNameCache.get(m.functions);
  if (map === undefined || map.size !== m.functions.length) {
    map = new Map(m.functions.map((f) => [f.name, f]));
    byNameCache.set(m.functions, map);
  }
  return map;
}

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

/** Makes the copy of the callee's blocks for one site; returns the next free block id. */
function copyCallee(fn: IrFunction, site: Site, nextBlockId: number): number {
  const { call, callee } = site;
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
  site.copies = callee.blocks.map((b) => {
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
  site.contId = contId;
  return nextBlockId;
}

/**
 * Splits the site's block after the call (which must be the last site not
 * yet split in that block): the block jumps to the callee's copy, and the
 * returned continuation block takes the rest, with the call's result as its
 * parameter so its uses stay valid.
 */
function splitAt(site: Site): Block {
  const { blk, index, call } = site;
  const rest = blk.insts.splice(index);
  const cont: Block = {
    id: site.contId,
    params: call.result === null ? [] : [call.result],
    insts: rest.slice(1),
    term: blk.term,
  };
  blk.term = { kind: 'jmp', target: { block: site.copies[0]!.id, args: call.args.slice(1) } };
  return cont;
}
