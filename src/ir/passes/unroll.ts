// unroll: loop unrolling of loops whose trip count is a known constant.
//
// Input: a function in SSA form (after sccp/licm, so a bound parameter has
// become a constant in the loop test). Output: an equivalent function where
//  - a small loop that runs a known number N of times is replaced by N
//    copies of its body (full unrolling: no test, no back edge, and the
//    induction variables are constants in each copy, which const-fold then
//    folds into addresses and arithmetic);
//  - a loop too big for that, with a small body and a known N, has its body
//    repeated u times per trip (partial unrolling, u dividing N), so only
//    one test in u runs.
//
// Which loops: innermost first (an outer loop is considered once its inner
// loops are gone), only loops of the shape the frontend builds for `for`
// and `while` — the header tests and is the loop's only exit, one edge
// enters the header from outside, one back edge. Anything else (breaks,
// returns or gotos out of the body, several latches, inline asm whose
// labels must stay unique, computed gotos and blocks whose address is
// taken) is refused and left as it was.
//
// The trip count is found by running the loop's control on constants: the
// header parameters whose entering value is a constant are evaluated
// through the pure instructions that compute the test and the back edge's
// arguments (const-fold's own folding, so wrap-around and signedness are
// exactly the IR's). A test that depends on anything not known — memory,
// a parameter, a value carried through the loop from outside — makes the
// count unknown, and the loop is refused. The simulation stops at the
// largest count any limit could accept.
//
// Limits (size = instructions plus one per block): full unrolling when
// N ≤ 16 and N × size ≤ 200 at -O2 (32 and 400 at -O3), close to gcc's
// `max-completely-peel-times` / `max-completely-peeled-insns`; partial
// unrolling by 4 or 2 of bodies up to 24 (-O3: 48) that run at least 8
// times; a function grows by at most 4,000 instructions in total.

import type { Block, BlockCall, Inst, IrFunction, Operand, Terminator } from '../ir.js';
import { successors } from '../ir.js';
import type { FunctionPass, PassContext } from '../pass.js';
import { edges, newValue, substitute, type Substitution } from '../rewrite.js';
import type { Loop } from '../analysis/loops.js';
import { simplify } from './const-fold.js';

export interface UnrollLimits {
  /** Most trips a loop may have to be unrolled completely. */
  readonly fullTrips: number;
  /** Most instructions a complete unrolling may produce. */
  readonly fullSize: number;
  /** Largest loop (header and body) unrolled partially. */
  readonly partialSize: number;
  /** Fewest trips for partial unrolling to pay. */
  readonly partialMinTrips: number;
  /** Most instructions the pass may add to one function. */
  readonly growth: number;
}

export function unrollLimits(level: number): UnrollLimits {
  return level >= 3
    ? { fullTrips: 32, fullSize: 400, partialSize: 48, partialMinTrips: 8, growth: 8000 }
    : { fullTrips: 16, fullSize: 200, partialSize: 24, partialMinTrips: 8, growth: 4000 };
}

export const unroll: FunctionPass = {
  name: 'unroll',
  run(fn: IrFunction, ctx: PassContext): boolean {
    const limits = unrollLimits(ctx.level);
    let budget = limits.growth;
    let changed = false;
    const settled = new Set<number>(); // header block ids already refused or partially unrolled
    forwardingIndexes.delete(fn); // other passes changed the function since the last run
    for (;;) {
      const candidate = nextInnermost(fn, ctx, settled);
      if (candidate === null) return changed;
      settled.add(candidate.header.id);
      const plan = planLoop(fn, candidate, limits, budget);
      if (plan === null) continue;
      budget -= plan.growth;
      if (plan.kind === 'full') unrollFully(fn, candidate, plan.envs);
      else unrollPartially(fn, candidate, plan.factor);
      ctx.invalidateAll();
      forwardingIndexes.delete(fn);
      changed = true;
    }
  },
};

/** A loop in block terms (ids, not indices), with its one entering and one back edge. */
interface LoopShape {
  readonly header: Block;
  /** The loop's blocks, header first, then in function order. */
  readonly blocks: readonly Block[];
  readonly ids: ReadonlySet<number>;
  readonly entering: BlockCall;
  readonly back: BlockCall;
  /** Which side of the header's `br` stays in the loop. */
  readonly staysOn: 'then' | 'else';
}

/** The first innermost loop not yet settled, with its shape; refused loops are settled on the way. */
function nextInnermost(fn: IrFunction, ctx: PassContext, settled: Set<number>): LoopShape | null {
  const cfg = ctx.cfg();
  const { loops } = ctx.loops();
  const hasChild = new Set(loops.map((l) => l.parent));
  for (let k = loops.length - 1; k >= 0; k--) {
    if (hasChild.has(k)) continue;
    const loop = loops[k];
    const headerId = cfg.blocks[loop.header].id;
    if (settled.has(headerId)) continue;
    const shape = shapeOf(fn, cfg.blocks, loop);
    if (shape === null) { settled.add(headerId); continue; }
    return shape;
  }
  return null;
}

function shapeOf(fn: IrFunction, blocks: readonly Block[], loop: Loop): LoopShape | null {
  const header = blocks[loop.header];
  const inLoop = loop.blocks.map((i) => blocks[i]);
  const ids = new Set(inLoop.map((b) => b.id));
  if (header === fn.blocks[0] || header.term.kind !== 'br') return null;
  const staysOn = ids.has(header.term.then.block) ? 'then' : 'else';
  if (ids.has(header.term.then.block) === ids.has(header.term.else.block)) return null;
  let back: BlockCall | null = null;
  const addressTaken = new Set((fn.labelAddresses ?? []).map((l) => l.block));
  for (const b of inLoop) {
    // asm labels must stay unique; a block whose address is taken (`&&label`) exists once.
    if (b.insts.some((i) => i.op === 'asm') || b.term.kind === 'ijmp' || addressTaken.has(b.id)) return null;
    for (const e of successors(b.term)) {
      if (e.block === header.id) {
        if (back !== null) return null; // several back edges
        back = e;
      } else if (!ids.has(e.block) && b !== header) return null; // an exit other than the header's test
    }
  }
  let entering: BlockCall | null = null;
  for (const b of fn.blocks) {
    if (ids.has(b.id)) continue;
    for (const e of successors(b.term)) {
      if (e.block !== header.id) continue;
      if (entering !== null) return null;
      entering = e;
    }
  }
  if (back === null || entering === null) return null;
  return { header, blocks: [header, ...inLoop.filter((b) => b !== header)], ids, entering, back, staysOn };
}

type Plan =
  | { kind: 'full'; envs: Map<number, bigint>[]; growth: number }
  | { kind: 'partial'; factor: number; growth: number };

function sizeOf(blocks: readonly Block[]): number {
  return blocks.reduce((n, b) => n + b.insts.length + 1, 0);
}

function planLoop(fn: IrFunction, loop: LoopShape, limits: UnrollLimits, budget: number): Plan | null {
  const size = sizeOf(loop.blocks);
  const headerSize = loop.header.insts.length + 1;
  // Partial unrolling needs the count of loops of any length (to divide it); the others only up to the full limit.
  const maxTrips = size <= limits.partialSize ? 4096 : limits.fullTrips;
  const envs = tripEnvironments(fn, loop, maxTrips);
  if (envs === null) return null;
  const trips = envs.length - 1;
  const fullSize = trips * size + headerSize;
  if (trips <= limits.fullTrips && fullSize <= limits.fullSize && fullSize - size <= budget) {
    return { kind: 'full', envs, growth: Math.max(0, fullSize - size) };
  }
  if (size > limits.partialSize || trips < limits.partialMinTrips) return null;
  for (const factor of [4, 2]) {
    const growth = (factor - 1) * size;
    if (trips % factor === 0 && growth <= budget) return { kind: 'partial', factor, growth };
  }
  return null;
}

/**
 * The known header parameters at the start of each trip and once more when
 * the test fails (so trips + 1 environments), or null when the test cannot
 * be decided or the loop runs more than `maxTrips` times.
 */
function tripEnvironments(fn: IrFunction, loop: LoopShape, maxTrips: number): Map<number, bigint>[] | null {
  const defs = new Map<number, Inst>();
  for (const b of loop.blocks) for (const inst of b.insts) if (inst.result !== null) defs.set(inst.result, inst);
  const params = loop.header.params;
  const term = loop.header.term as Extract<Terminator, { kind: 'br' }>;
  let env = new Map<number, bigint>();
  params.forEach((p, i) => {
    const a = enteringConstant(fn, loop.entering.args[i]!);
    if (a !== null) env.set(p, a);
  });
  const envs: Map<number, bigint>[] = [];
  for (let trip = 0; trip <= maxTrips; trip++) {
    envs.push(env);
    const cache = new Map<number, bigint | null>();
    const cond = evaluate(term.cond, env, defs, cache, 0);
    if (cond === null) return null;
    const stays = (cond !== 0n) === (loop.staysOn === 'then');
    if (!stays) return envs;
    const next = new Map<number, bigint>();
    params.forEach((p, i) => {
      const v = evaluate(loop.back.args[i]!, env, defs, cache, 0);
      if (v !== null) next.set(p, v);
    });
    env = next;
  }
  return null;
}

/** Which block has each parameter (and at which position), and the edges into each block. */
interface ForwardingIndex {
  readonly paramOf: Map<number, { readonly block: Block; readonly index: number }>;
  readonly incoming: Map<number, BlockCall[]>;
}

/**
 * Built once per function and dropped whenever the function may have changed
 * (at the start of each run and after each unrolling): searching the
 * blocks and edges for every entering argument of every loop made the pass
 * quadratic in a function with many loops (750 loops: 1.1 s of 4.5).
 */
const forwardingIndexes = new WeakMap<IrFunction, ForwardingIndex>();

function forwardingIndex(fn: IrFunction): ForwardingIndex {
  let index = forwardingIndexes.get(fn);
  if (index !== undefined) return index;
  index = { paramOf: new Map(), incoming: new Map() };
  for (const b of fn.blocks) b.params.forEach((p, i) => index!.paramOf.set(p, { block: b, index: i }));
  for (const [, e] of edges(fn)) {
    const list = index.incoming.get(e.block);
    if (list === undefined) index.incoming.set(e.block, [e]);
    else list.push(e);
  }
  forwardingIndexes.set(fn, index);
  return index;
}

/**
 * The constant an entering argument has: itself, or through parameters of
 * blocks with one incoming edge (licm's preheaders forward the header's
 * parameters until simplify-cfg removes them).
 */
function enteringConstant(fn: IrFunction, o: Operand): bigint | null {
  for (let hops = 0; hops < 8; hops++) {
    if (o.kind === 'int') return o.value;
    if (o.kind !== 'value') return null;
    const { paramOf, incoming } = forwardingIndex(fn);
    const param = paramOf.get(o.id);
    if (param === undefined || param.block === fn.blocks[0]) return null;
    const into = incoming.get(param.block.id) ?? [];
    if (into.length !== 1) return null;
    o = into[0]!.args[param.index]!;
  }
  return null;
}

/** The constant `o` has on this trip, when the loop's pure instructions decide it. */
function evaluate(o: Operand, env: ReadonlyMap<number, bigint>, defs: ReadonlyMap<number, Inst>, cache: Map<number, bigint | null>, depth: number): bigint | null {
  if (o.kind === 'int') return o.value;
  if (o.kind !== 'value') return null;
  const known = env.get(o.id);
  if (known !== undefined) return known;
  const cached = cache.get(o.id);
  if (cached !== undefined) return cached;
  const inst = defs.get(o.id);
  let result: bigint | null = null;
  if (inst !== undefined && depth < 64) {
    const args: Operand[] = [];
    for (const a of inst.args) {
      const v = evaluate(a, env, defs, cache, depth + 1);
      if (v === null) break;
      args.push({ kind: 'int', value: v });
    }
    if (args.length === inst.args.length) {
      // simplify() folds pure instructions only; on a copy, so the IR is untouched.
      const folded = simplify({ ...inst, args });
      if (folded !== null && folded !== 'changed' && folded.kind === 'int') result = folded.value;
    }
  }
  cache.set(o.id, result);
  return result;
}

/** A copy of the loop's blocks: block id map and value map (a known parameter maps to its constant). */
class LoopCopy {
  readonly blockIds = new Map<number, number>();
  readonly values = new Map<number, Operand>();

  /** `suffix` tells the copies' names apart (`%i.2` and `body.2` for the third copy of `%i` and `body`). */
  constructor(private readonly fn: IrFunction, private readonly suffix: string, private readonly known: ReadonlyMap<number, bigint> = new Map()) {}

  operand(o: Operand): Operand {
    if (o.kind !== 'value') return o;
    const constant = this.known.get(o.id);
    if (constant !== undefined) return { kind: 'int', value: constant };
    return this.values.get(o.id) ?? o;
  }

  /** Fresh values for everything `blocks` define (parameters of known constants are dropped). */
  defineAll(blocks: readonly Block[], nextId: () => number): void {
    for (const b of blocks) {
      this.blockIds.set(b.id, nextId());
      for (const p of b.params) if (!this.known.has(p)) this.fresh(p);
      for (const inst of b.insts) if (inst.result !== null) this.fresh(inst.result);
    }
  }

  private fresh(id: number): void {
    const info = this.fn.values[id]!;
    this.values.set(id, { kind: 'value', id: newValue(this.fn, info.ty, info.name === undefined ? undefined : info.name + this.suffix) });
  }

  /** The copy of `b`; edges go through `edge` (which may retarget them). */
  block(b: Block, edge: (e: BlockCall) => BlockCall): Block {
    const copy: Block = {
      id: this.blockIds.get(b.id)!,
      params: b.params.filter((p) => !this.known.has(p)).map((p) => (this.values.get(p) as { id: number }).id),
      insts: b.insts.map((inst) => this.inst(inst)),
      term: this.term(b.term, edge),
    };
    if (b.name !== undefined) copy.name = b.name + this.suffix;
    if (b.termLoc !== undefined) copy.termLoc = b.termLoc;
    if (b.isCold) copy.isCold = true;
    return copy;
  }

  private inst(inst: Inst): Inst {
    const c: Inst = { ...inst, args: inst.args.map((a) => this.operand(a)), result: inst.result === null ? null : (this.values.get(inst.result) as { id: number }).id };
    if (inst.argTys) c.argTys = inst.argTys.slice();
    if (inst.argAbi) c.argAbi = inst.argAbi.slice();
    return c;
  }

  /** An edge's arguments (already in the caller's terms) without those for this copy's known parameters. */
  args(target: Block, args: readonly Operand[]): Operand[] {
    return args.filter((_, i) => !this.known.has(target.params[i]!));
  }

  private term(t: Terminator, edge: (e: BlockCall) => BlockCall): Terminator {
    const e = (call: BlockCall): BlockCall => edge({ block: call.block, args: call.args.map((a) => this.operand(a)) });
    switch (t.kind) {
      case 'jmp': return { kind: 'jmp', target: e(t.target) };
      case 'br': return { kind: 'br', cond: this.operand(t.cond), then: e(t.then), else: e(t.else) };
      case 'switch': return { kind: 'switch', ty: t.ty, value: this.operand(t.value), cases: t.cases.map((c) => ({ value: c.value, target: e(c.target) })), default: e(t.default) };
      case 'ret': return { kind: 'ret', value: t.value === null ? null : this.operand(t.value) };
      case 'ijmp': return { kind: 'ijmp', value: this.operand(t.value), targets: t.targets.map(e) };
      case 'unreachable': return { kind: 'unreachable' };
    }
  }
}

function idAllocator(fn: IrFunction): () => number {
  let next = fn.blocks.reduce((m, b) => Math.max(m, b.id), -1) + 1;
  return () => next++;
}

/** Replaces the loop by trips copies of it and a last copy of the header, which leaves. */
function unrollFully(fn: IrFunction, loop: LoopShape, envs: readonly Map<number, bigint>[]): void {
  const nextId = idAllocator(fn);
  const trips = envs.length - 1;
  const copies = envs.map((env, k) => new LoopCopy(fn, `.${k}`, env));
  copies.forEach((c, k) => c.defineAll(k < trips ? loop.blocks : [loop.header], nextId));
  const made: Block[] = [];
  copies.forEach((copy, k) => {
    const last = k === trips;
    const edge = (e: BlockCall): BlockCall => {
      if (e.block === loop.header.id) {
        // The back edge: into the next trip's header (whose known parameters are constants there).
        const next = copies[k + 1];
        if (next === undefined) return e; // the last header's stay edge, replaced below
        return { block: next.blockIds.get(loop.header.id)!, args: next.args(loop.header, e.args) };
      }
      if (loop.ids.has(e.block)) return { block: copy.blockIds.get(e.block)!, args: e.args };
      return e;
    };
    for (const b of last ? [loop.header] : loop.blocks) {
      const blk = copy.block(b, edge);
      if (b === loop.header && blk.term.kind === 'br') {
        // The test's outcome is known on every trip: stay for trips 0…N−1, leave after.
        blk.term = { kind: 'jmp', target: last === (loop.staysOn === 'then') ? blk.term.else : blk.term.then };
      }
      made.push(blk);
    }
  });
  const first = copies[0]!;
  loop.entering.args = first.args(loop.header, loop.entering.args);
  loop.entering.block = first.blockIds.get(loop.header.id)!;
  // Uses after the loop see the values of the header's last copy (the only exit dominates them).
  const outside: Substitution = new Map();
  for (const v of [...loop.header.params, ...loop.header.insts.flatMap((i) => (i.result === null ? [] : [i.result]))]) {
    outside.set(v, copies[trips]!.operand({ kind: 'value', id: v }));
  }
  const at = fn.blocks.indexOf(loop.header);
  fn.blocks = fn.blocks.filter((b) => !loop.ids.has(b.id));
  fn.blocks.splice(Math.min(at, fn.blocks.length), 0, ...made);
  substitute(fn, outside);
}

/**
 * Repeats the body `factor` times per trip: the original blocks are the
 * first copy; the back edge goes to a copy of the header whose test is
 * known to pass (the trip count is a multiple of `factor`), and the last
 * copy's back edge returns to the original header, which still tests.
 */
function unrollPartially(fn: IrFunction, loop: LoopShape, factor: number): void {
  const nextId = idAllocator(fn);
  const copies: LoopCopy[] = [];
  for (let k = 1; k < factor; k++) {
    const c = new LoopCopy(fn, `.${k}`);
    c.defineAll(loop.blocks, nextId);
    copies.push(c);
  }
  const headerOf = (k: number): number => (k === 0 || k === factor ? loop.header.id : copies[k - 1]!.blockIds.get(loop.header.id)!);
  const made: Block[] = [];
  copies.forEach((copy, j) => {
    const k = j + 1;
    const edge = (e: BlockCall): BlockCall => {
      if (e.block === loop.header.id) return { block: headerOf(k + 1), args: e.args };
      if (loop.ids.has(e.block)) return { block: copy.blockIds.get(e.block)!, args: e.args };
      return e;
    };
    for (const b of loop.blocks) {
      const blk = copy.block(b, edge);
      if (b === loop.header && blk.term.kind === 'br') blk.term = { kind: 'jmp', target: loop.staysOn === 'then' ? blk.term.then : blk.term.else };
      made.push(blk);
    }
  });
  loop.back.block = headerOf(1); // after copying: the copies' back edges were the original's
  const lastOfLoop = Math.max(...loop.blocks.map((b) => fn.blocks.indexOf(b)));
  fn.blocks.splice(lastOfLoop + 1, 0, ...made);
}
