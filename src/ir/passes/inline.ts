// inline: replaces calls to functions defined in the same module by a copy
// of the callee's body, chosen by a size/benefit heuristic.
//
// Input: a function and (through the PassContext) its module. Output: each
// chosen direct call `%r = call @g(args)` is replaced: the calling block is
// split after the call, it jumps to a fresh copy of @g's blocks (the copy's
// entry receives the arguments as block arguments), every `ret v` in the
// copy becomes `jmp cont(v)`, and the continuation block takes the old call
// result as its parameter, so its uses stay valid. The callee's stack slots
// are appended to the caller's.
//
// Eligible: defined here, not variadic, the call's argument and result
// types match the callee's signature exactly, no aggregate passing the
// backend must do, no alloca (inlined into a loop its memory would pile
// up), no frame address, and not marked `noinline`.
//
// Which eligible calls (PyPy's heuristic, analysis/cost.ts): a callee whose
// static size plus estimated execution cost is at most `limit`; a local
// callee with no other caller and no address taken, up to `onceLimit` (its
// only copy moves, and dead-functions deletes the original); anything
// `always_inline`. A function calling itself is inlined into itself from a
// snapshot of its body taken before this pass, level after level, up to
// `recursionDepth` levels, when that body is small and has one self-call
// (after tail-recursion, a recursive function like fib has one): each level
// replaces a call by a loop, as gcc's recursive inlining does. Only call
// sites present before the pass (and those the recursive levels create) are
// inlined, so the pass always terminates; callers stop growing at
// `growthLimit` instructions. simplify-cfg then merges the straight-line
// joins. -O3 raises every limit (inlineLimits).
//
// Linear in the function's size: the callee copies are made first, in site
// order, then each block is split at its sites from the last to the first,
// so no instruction is moved or searched for twice. The module's functions
// by name and their reference counts are built once per module and kept
// current as copies add calls.

import type { Block, Inst, IrFunction, Operand, Terminator } from '../ir.js';
import type { FunctionPass, PassContext } from '../pass.js';
import { newValue } from '../rewrite.js';
import { computeCfg } from '../analysis/cfg.js';
import { computeDominators } from '../analysis/dominators.js';
import { computeLoops } from '../analysis/loops.js';
import { estimateCost, instCount, type CostEstimate } from '../analysis/cost.js';
import { calleeName } from '../analysis/escape.js';

export interface InlineLimits {
  /** Static size + execution cost up to which any eligible callee is inlined. */
  readonly limit: number;
  /** Static size up to which a local callee with a single call site is inlined. */
  readonly onceLimit: number;
  /** Levels of a self-recursive function inlined into itself. */
  readonly recursionDepth: number;
  /** Static size up to which a self-recursive body is inlined into itself. */
  readonly recursiveLimit: number;
  /** No more inlining into a caller that has grown to this many instructions. */
  readonly growthLimit: number;
}

export function inlineLimits(level: number): InlineLimits {
  return level >= 3
    ? { limit: 160, onceLimit: 1000, recursionDepth: 6, recursiveLimit: 40, growthLimit: 8000 }
    : { limit: 80, onceLimit: 400, recursionDepth: 3, recursiveLimit: 24, growthLimit: 3000 };
}

export const inline: FunctionPass = {
  name: 'inline',
  run(fn: IrFunction, ctx: PassContext): boolean {
    const limits = inlineLimits(ctx.level);
    const { byName, refs } = moduleIndex(ctx.module);
    const costs = new Map<IrFunction, CostEstimate>();
    const costOf = (f: IrFunction) => {
      let c = costs.get(f);
      if (!c) {
        const cfg = computeCfg(f);
        costs.set(f, (c = estimateCost(cfg, computeLoops(cfg, computeDominators(cfg)))));
      }
      return c;
    };
    const wants = (call: Inst, callee: IrFunction): boolean => {
      if (!isEligible(call, callee)) return false;
      if (callee.inlining === 'always') return true;
      const c = costOf(callee);
      if (c.staticSize + c.execCost <= limits.limit) return true;
      const r = refs.get(callee.name);
      return callee.linkage === 'local' && r !== undefined && r.calls === 1 && r.other === 0 && c.staticSize <= limits.onceLimit;
    };
    // Sites per block, in block order then instruction order.
    const sites: Site[] = [];
    let selfCalls = 0;
    let size = instCount(fn);
    for (const blk of fn.blocks) {
      blk.insts.forEach((inst, index) => {
        const callee = byName.get(calleeName(inst) ?? '');
        if (!callee) return;
        if (callee === fn) { selfCalls++; return; }
        if (!wants(inst, callee) || (size > limits.growthLimit && callee.inlining !== 'always')) return;
        sites.push({ blk, index, call: inst, callee, copies: [], contId: 0 });
        size += instCount(callee);
      });
    }
    // The snapshot for recursive inlining is taken before anything else is inlined.
    const snapshot = selfCalls === 1 && isEligibleSelf(fn) && costOf(fn).staticSize <= limits.recursiveLimit ? cloneFunction(fn) : null;
    if (sites.length === 0 && snapshot === null) return false;
    let nextBlockId = fn.blocks.reduce((m, b) => Math.max(m, b.id), -1) + 1;
    for (const site of sites) nextBlockId = copyCallee(fn, site, nextBlockId, refs);
    const after = new Map<Block, Block[]>();
    for (let k = sites.length - 1; k >= 0; k--) {
      const site = sites[k]!;
      const tail = splitAt(site);
      const list = after.get(site.blk);
      after.set(site.blk, list === undefined ? [...site.copies, tail] : [...site.copies, tail, ...list]);
    }
    if (sites.length > 0) fn.blocks = fn.blocks.flatMap((b) => [b, ...(after.get(b) ?? [])]);
    let changed = sites.length > 0;
    if (snapshot) {
      // One site per level, each in the copy the level before made.
      for (let level = 0; level < limits.recursionDepth && size <= limits.growthLimit; level++) {
        const found = selfSites(fn, snapshot);
        if (found.length !== 1) break;
        const site = found[0]!;
        nextBlockId = copyCallee(fn, site, nextBlockId, refs);
        const tail = splitAt(site);
        const pos = fn.blocks.indexOf(site.blk);
        fn.blocks.splice(pos + 1, 0, ...site.copies, tail);
        size += instCount(snapshot);
        changed = true;
      }
    }
    return changed;
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

/** The calls of `fn` to itself that the snapshot of its body can replace. */
function selfSites(fn: IrFunction, snapshot: IrFunction): Site[] {
  const found: Site[] = [];
  for (const blk of fn.blocks) {
    blk.insts.forEach((inst, index) => {
      if (calleeName(inst) === fn.name && isEligible(inst, snapshot)) found.push({ blk, index, call: inst, callee: snapshot, copies: [], contId: 0 });
    });
  }
  return found;
}

type References = Map<string, { calls: number; other: number }>;

/**
 * Module functions by name and, per function name, its direct call sites
 * in the module and its other references (address taken, data): built once
 * per module (per function it made the pass quadratic in the module's size).
 */
const indexCache = new WeakMap<readonly IrFunction[], { byName: Map<string, IrFunction>; refs: References }>();

function moduleIndex(m: PassContext['module']): { byName: Map<string, IrFunction>; refs: References } {
  let index = indexCache.get(m.functions);
  if (index === undefined || index.byName.size !== m.functions.length) {
    index = { byName: new Map(m.functions.map((f) => [f.name, f])), refs: new Map() };
    for (const f of m.functions) countReferences(f.blocks, index.refs, 1);
    indexCache.set(m.functions, index);
  }
  return index;
}

/** Adds `sign` times the references `blocks` make to `refs`. */
function countReferences(blocks: readonly Block[], refs: References, sign: number): void {
  const get = (name: string) => {
    let r = refs.get(name);
    if (!r) refs.set(name, (r = { calls: 0, other: 0 }));
    return r;
  };
  for (const blk of blocks) {
    for (const inst of blk.insts) {
      inst.args.forEach((a, i) => {
        if (a.kind !== 'global') return;
        if (i === 0 && inst.op === 'call' && a.offset === 0) get(a.name).calls += sign;
        else get(a.name).other += sign;
      });
    }
    for (const o of termOperands(blk.term)) if (o.kind === 'global') get(o.name).other += sign;
  }
}

function termOperands(t: Terminator): Operand[] {
  switch (t.kind) {
    case 'jmp': return t.target.args;
    case 'br': return [t.cond, ...t.then.args, ...t.else.args];
    case 'switch': return [t.value, ...t.cases.flatMap((c) => c.target.args), ...t.default.args];
    case 'ret': return t.value ? [t.value] : [];
    case 'ijmp': return [t.value];
    case 'unreachable': return [];
  }
}

function isEligible(call: Inst, callee: IrFunction): boolean {
  if (callee.isVariadic || call.fixedArgs !== undefined || callee.inlining === 'never' || callee.blocks.length === 0) return false;
  // Its label addresses are symbols defined once, in its own code (gcc does not inline such functions either).
  if (callee.labelAddresses !== undefined) return false;
  // Passing in memory or returning register pieces (byval copies, retbuf) is the backend's job: keep such calls.
  if (callee.retAbi || callee.paramAbi?.some((a) => a?.kind === 'byval') || call.argAbi?.some((a) => a?.kind === 'byval' || a?.kind === 'retbuf')) return false;
  const argTys = call.argTys ?? [];
  if (argTys.length !== callee.params.length || argTys.some((t, i) => t !== callee.params[i])) return false;
  if (call.result === null ? call.ty !== null : callee.ret !== call.ty) return false;
  for (const b of callee.blocks) {
    for (const inst of b.insts) {
      // alloca memory lives until the function returns: inlined into a loop it would pile up (gcc does not inline it either).
      if (inst.op === 'stackalloc') return false;
      // Its own frame and return address would become the caller's.
      if (inst.op === 'frameaddr') return false;
    }
  }
  return true;
}

function isEligibleSelf(fn: IrFunction): boolean {
  return fn.inlining !== 'never' && fn.labelAddresses === undefined && !fn.isVariadic && !fn.retAbi && !fn.paramAbi?.some((a) => a?.kind === 'byval');
}

/** A deep copy of the parts of `fn` inlining reads. */
function cloneFunction(fn: IrFunction): IrFunction {
  const copyOperand = (o: Operand): Operand => ({ ...o });
  const copyCall = (e: { block: number; args: Operand[] }) => ({ block: e.block, args: e.args.map(copyOperand) });
  const copyTerm = (t: Terminator): Terminator => {
    switch (t.kind) {
      case 'jmp': return { kind: 'jmp', target: copyCall(t.target) };
      case 'br': return { kind: 'br', cond: copyOperand(t.cond), then: copyCall(t.then), else: copyCall(t.else) };
      case 'switch': return { kind: 'switch', ty: t.ty, value: copyOperand(t.value), cases: t.cases.map((c) => ({ value: c.value, target: copyCall(c.target) })), default: copyCall(t.default) };
      case 'ret': return { kind: 'ret', value: t.value ? copyOperand(t.value) : null };
      case 'ijmp': return { kind: 'ijmp', value: copyOperand(t.value), targets: t.targets.map(copyCall) };
      case 'unreachable': return { kind: 'unreachable' };
    }
  };
  return {
    ...fn,
    slots: fn.slots.map((s) => ({ ...s })),
    values: fn.values.map((v) => ({ ...v })),
    blocks: fn.blocks.map((b) => ({ ...b, params: b.params.slice(), insts: b.insts.map((i) => ({ ...i, args: i.args.map(copyOperand), ...(i.argTys ? { argTys: i.argTys.slice() } : {}) })), term: copyTerm(b.term) })),
  };
}

/** Makes the copy of the callee's blocks for one site; returns the next free block id. */
function copyCallee(fn: IrFunction, site: Site, nextBlockId: number, refs: References): number {
  const { call, callee } = site;
  // The call goes, the callee's references arrive.
  const name = calleeName(call);
  if (name !== null) { const r = refs.get(name); if (r) r.calls--; }
  countReferences(callee.blocks, refs, 1);
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
      case 'ijmp': return { kind: 'ijmp', value: mapOperand(t.value), targets: t.targets.map(mapEdge) };
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
