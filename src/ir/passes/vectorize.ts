// Loop vectorization of simple counted loops, in the spirit of gcc -O2's
// "very cheap" cost model: only loops whose vector form computes exactly
// what the scalar loop computes, with at most a short guard in front.
//
// Input: a function after the scalar loop passes (unroll). Output: each
// loop of this shape
//
//   H(%i):  %c = icmp slt|ult %i, N          (N loop-invariant; or N sgt|ugt %i)
//           br %c, B, E
//   B:      loads and stores of T at base + i·sizeof(T) (base invariant),
//           element-wise fadd/fsub/fmul/fdiv (float T) or add/sub/and/or/xor
//           (integer T) of those loads and invariants,
//           %n = add %i, 1; jmp H(%n)
//
// gets a vector loop in front of it, which the original loop then finishes
// as the scalar epilogue for the last (count mod lanes) elements:
//
//   G(%i0): guard: the vector loop's bound N-(lanes-1) does not wrap, and
//           no store overlaps another access except at the same element
//           (a runtime test of the base pointers, only where alias analysis
//           cannot prove it); splats of the invariants
//           br ok, VH(%i0), H(%i0)
//   VH(%v): %vc = icmp %v < N-(lanes-1); br %vc, VB, H(%v)
//   VB:     the body on vectors of `lanes` elements at base + v·sizeof(T),
//           %vn = add %v, lanes; jmp VH(%vn)
//
// T is i32, i64, f32 or f64 and every access and operation of the body has
// that one type; the vector width is the target's (PassSettings
// vectorBytes, 0 = none), so the IR names only the vector shape.
// Results are unchanged: each lane runs the scalar operation on its
// element, in the scalar order (no reassociation, so no reductions), the
// guard sends any loop whose accesses might overlap across iterations to
// the scalar loop, and loads/stores of one vector touch exactly the bytes
// the lanes' scalar accesses touch. Refused: volatile accesses, calls,
// conversions, non-unit strides, loops carrying values other than the
// counter (reductions), bodies of more than one block, constant trip counts
// below two vectors.

import type { Block, BlockCall, Inst, IrFunction, IrType, Operand } from '../ir.js';
import { isFloatType, sizeOfType, valueOperand, vectorOf, type VectorType } from '../ir.js';
import type { FunctionPass, PassContext } from '../pass.js';
import { AliasAnalysis } from '../analysis/alias.js';
import { newValue } from '../rewrite.js';
import { OPS } from '../ops.js';

const FLOAT_OPS = new Set(['fadd', 'fsub', 'fmul', 'fdiv']);
const INT_OPS = new Set(['add', 'sub', 'and', 'or', 'xor']);
/** Larger bodies are left alone: the guard and the epilogue's code are paid per loop. */
const MAX_BODY = 48;
/** At most this many runtime overlap tests per loop. */
const MAX_CHECKS = 4;

export const vectorize: FunctionPass = {
  name: 'vectorize',
  run(fn: IrFunction, ctx: PassContext): boolean {
    const bytes = ctx.settings.vectorBytes;
    if (bytes === 0) return false;
    const loops = ctx.loops();
    const cfg = ctx.cfg();
    const candidates: { header: Block; body: Block }[] = [];
    for (const loop of loops.loops) {
      if (loop.blocks.length !== 2 || loop.latches.length !== 1) continue;
      const header = cfg.blocks[loop.header]!;
      const body = cfg.blocks[loop.latches[0]!]!;
      if (body === header) continue;
      candidates.push({ header, body });
    }
    if (candidates.length === 0) return false;
    const aa = new AliasAnalysis(fn);
    let changed = false;
    for (const c of candidates) {
      const plan = planLoop(fn, c.header, c.body, bytes, aa);
      if (plan !== null) {
        rewrite(fn, plan);
        changed = true;
      }
    }
    return changed;
  },
};

interface Plan {
  readonly header: Block;
  readonly body: Block;
  readonly iv: number;
  readonly ivTy: IrType;
  readonly bound: Operand;
  readonly isSigned: boolean;
  readonly lane: IrType;
  readonly vty: VectorType;
  readonly lanes: number;
  /** Body instructions copied as scalars on the vector counter (address arithmetic), by result id. */
  readonly scalar: ReadonlySet<number>;
  /** The counter's increment (replaced by one of `lanes`). */
  readonly next: Inst;
  /** Pairs of base pointers to test at run time. */
  readonly checks: readonly (readonly [Operand, Operand])[];
}

function planLoop(fn: IrFunction, header: Block, body: Block, bytes: number, aa: AliasAnalysis): Plan | null {
  // The header: one parameter (the counter), one compare, a branch into the body.
  if (header.params.length !== 1 || header.insts.length !== 1 || body.params.length !== 0) return null;
  if (body.insts.length > MAX_BODY) return null;
  const iv = header.params[0]!;
  const ivTy = fn.values[iv]!.ty;
  if (ivTy !== 'i32' && ivTy !== 'i64') return null;
  const cmp = header.insts[0]!;
  const t = header.term;
  if (t.kind !== 'br' || t.cond.kind !== 'value' || t.cond.id !== cmp.result || t.then.block !== body.id || t.then.args.length !== 0) return null;
  if (cmp.op !== 'icmp' || cmp.opTy !== ivTy) return null;
  const [a, b] = cmp.args as [Operand, Operand];
  const isIv = (o: Operand) => o.kind === 'value' && o.id === iv;
  let bound: Operand;
  let isSigned: boolean;
  if (isIv(a) && (cmp.cond === 'slt' || cmp.cond === 'ult')) { bound = b; isSigned = cmp.cond === 'slt'; }
  else if (isIv(b) && (cmp.cond === 'sgt' || cmp.cond === 'ugt')) { bound = a; isSigned = cmp.cond === 'sgt'; }
  else return null;
  const inLoop = new Set<number>([iv]);
  for (const blk of [header, body]) for (const p of blk.params) inLoop.add(p);
  for (const blk of [header, body]) for (const i of blk.insts) if (i.result !== null) inLoop.add(i.result);
  const isInvariant = (o: Operand) => o.kind !== 'value' || !inLoop.has(o.id);
  if (!isInvariant(bound)) return null;
  // The latch: jmp H(iv + 1).
  const bt = body.term;
  if (bt.kind !== 'jmp' || bt.target.block !== header.id || bt.target.args.length !== 1) return null;
  const nextArg = bt.target.args[0]!;
  const next = body.insts.find((i) => i.result !== null && nextArg.kind === 'value' && i.result === nextArg.id);
  if (next === undefined || next.op !== 'add' || !isIv(next.args[0]!) || next.args[1]!.kind !== 'int' || next.args[1].value !== 1n) return null;

  // Classify the body: scalar address arithmetic on the counter, vector data.
  const defs = new Map<number, Inst>();
  for (const i of body.insts) if (i.result !== null) defs.set(i.result, i);
  const scalar = new Set<number>();
  const vector = new Set<number>();
  let lane: IrType | null = null;
  const accesses: { inst: Inst; base: Operand; isStore: boolean }[] = [];
  const setLane = (ty: IrType | null): boolean => {
    if (ty === null || !(ty === 'i32' || ty === 'i64' || ty === 'f32' || ty === 'f64')) return false;
    if (lane !== null && lane !== ty) return false;
    lane = ty;
    return true;
  };
  const isScalarOp = (o: Operand) => isIv(o) || (o.kind === 'value' && scalar.has(o.id));
  const isData = (o: Operand) => (o.kind === 'value' ? vector.has(o.id) || !inLoop.has(o.id) : o.kind === 'int' || o.kind === 'float');
  for (const i of body.insts) {
    if (i === next) continue;
    if (i.isVolatile) return null;
    if ((i.op === 'sext' || i.op === 'zext' || i.op === 'shl' || i.op === 'mul' || i.op === 'inttoptr' || i.op === 'add') && i.args.some(isScalarOp)
      && i.args.every((o) => isScalarOp(o) || isInvariant(o))) {
      scalar.add(i.result!);
      continue;
    }
    if (i.op === 'load') {
      if (!setLane(i.ty)) return null;
      const base = unitStrideBase(i.args[0]!, sizeOfType(i.ty!), defs, iv, ivTy, isSigned, isInvariant);
      if (base === null) return null;
      accesses.push({ inst: i, base, isStore: false });
      vector.add(i.result!);
      continue;
    }
    if (i.op === 'store') {
      if (!setLane(i.ty) || !isData(i.args[0]!)) return null;
      const base = unitStrideBase(i.args[1]!, sizeOfType(i.ty!), defs, iv, ivTy, isSigned, isInvariant);
      if (base === null) return null;
      accesses.push({ inst: i, base, isStore: true });
      continue;
    }
    if (i.result !== null && (FLOAT_OPS.has(i.op) || INT_OPS.has(i.op)) && setLane(i.ty)) {
      if (FLOAT_OPS.has(i.op) !== isFloatType(i.ty!)) return null;
      if (!i.args.every(isData)) return null;
      vector.add(i.result);
      continue;
    }
    return null;
  }
  // Scalar address values feed only addresses (and each other), never data.
  for (const i of body.insts) {
    if (i === next) continue;
    if (i.op === 'store' && isScalarOp(i.args[0]!)) return null;
    if (vector.has(i.result ?? -1) && i.op !== 'load' && i.args.some(isScalarOp)) return null;
  }
  if (lane === null || !accesses.some((x) => x.isStore)) return null;
  const vty = vectorOf(lane, bytes);
  if (vty === null) return null;
  const lanes = bytes / sizeOfType(lane);

  // Constant trip counts too small to fill two vectors are left scalar.
  const entering = enteringEdges(fn, header, body);
  if (bound.kind === 'int' && entering.length === 1 && entering[0]!.args[0]!.kind === 'int') {
    const bits = ivTy === 'i32' ? 32 : 64;
    const conv = (v: bigint) => (isSigned ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v));
    const start = conv((entering[0]!.args[0] as { value: bigint }).value);
    if (conv(bound.value) - start < BigInt(2 * lanes)) return null;
  }

  // Dependences: a store and another access to a different base must never
  // meet within `lanes` elements; the same base at the same element keeps
  // the scalar order lane by lane.
  const span = lanes * sizeOfType(lane);
  const checks: (readonly [Operand, Operand])[] = [];
  for (let x = 0; x < accesses.length; x++) {
    for (let y = x + 1; y < accesses.length; y++) {
      const p = accesses[x]!, q = accesses[y]!;
      if (!p.isStore && !q.isStore) continue;
      if (sameOperand(p.base, q.base)) continue;
      const d = aa.constantDistance(p.base, q.base);
      if (d !== null) {
        if (d === 0 || Math.abs(d) >= span) continue;
        return null;
      }
      if (!aa.mayAlias(p.base, 1 << 30, q.base, 1 << 30)) continue;
      if (!checks.some(([u, v]) => (sameOperand(u, p.base) && sameOperand(v, q.base)) || (sameOperand(u, q.base) && sameOperand(v, p.base)))) checks.push([p.base, q.base]);
    }
  }
  if (checks.length > MAX_CHECKS) return null;
  return { header, body, iv, ivTy, bound, isSigned, lane, vty, lanes, scalar, next, checks };
}

function sameOperand(a: Operand, b: Operand): boolean {
  if (a.kind === 'value') return b.kind === 'value' && a.id === b.id;
  if (a.kind === 'global') return b.kind === 'global' && a.name === b.name && a.offset === b.offset;
  return false;
}

/**
 * The invariant base of an address `base + (ext(iv) << log2 size)` (or
 * `· size`), through the inttoptr the IR puts between index and pointer;
 * null for any other address. The extension must match the compare's
 * signedness, so consecutive counters give consecutive addresses.
 */
function unitStrideBase(addr: Operand, size: number, defs: ReadonlyMap<number, Inst>, iv: number, ivTy: IrType, isSigned: boolean,
  isInvariant: (o: Operand) => boolean): Operand | null {
  if (addr.kind !== 'value') return null;
  const add = defs.get(addr.id);
  if (add === undefined || add.op !== 'add' || add.ty !== 'ptr') return null;
  for (const [base, index] of [[add.args[0]!, add.args[1]!], [add.args[1]!, add.args[0]!]] as const) {
    if (!isInvariant(base) || index.kind !== 'value') continue;
    const i2p = defs.get(index.id);
    if (i2p === undefined || i2p.op !== 'inttoptr' || i2p.args[0]!.kind !== 'value') continue;
    const scaled = defs.get(i2p.args[0].id);
    if (scaled === undefined) continue;
    const k = scaled.args[1];
    const isScale = (scaled.op === 'shl' && k?.kind === 'int' && 1n << k.value === BigInt(size))
      || (scaled.op === 'mul' && k?.kind === 'int' && k.value === BigInt(size));
    if (!isScale || scaled.args[0]!.kind !== 'value') continue;
    const e = scaled.args[0].id;
    if (ivTy === 'i64') { if (e === iv) return base; continue; }
    const ext = defs.get(e);
    if (ext === undefined || ext.opTy !== 'i32' || ext.ty !== 'i64' || ext.args[0]!.kind !== 'value' || ext.args[0].id !== iv) continue;
    if (ext.op === (isSigned ? 'sext' : 'zext')) return base;
  }
  return null;
}

/** The edges into the loop header from outside the loop. */
function enteringEdges(fn: IrFunction, header: Block, body: Block): BlockCall[] {
  const out: BlockCall[] = [];
  for (const blk of fn.blocks) {
    if (blk === body) continue;
    const t = blk.term;
    const calls = t.kind === 'jmp' ? [t.target] : t.kind === 'br' ? [t.then, t.else] : t.kind === 'switch' ? [...t.cases.map((c) => c.target), t.default]
      : t.kind === 'ijmp' ? t.targets : [];
    for (const c of calls) if (c.block === header.id) out.push(c);
  }
  return out;
}

function rewrite(fn: IrFunction, p: Plan): void {
  let nextId = Math.max(...fn.blocks.map((b) => b.id)) + 1;
  const guardId = nextId++, vhId = nextId++, vbId = nextId++, vxId = nextId++;
  for (const c of enteringEdges(fn, p.header, p.body)) c.block = guardId;
  const loc = p.header.insts[0]!.loc;
  const mk = (op: Inst['op'], ty: IrType, args: Operand[], extra: Partial<Inst> = {}): [Inst, Operand] => {
    const r = newValue(fn, ty);
    return [{ op, result: r, ty, args, ...(loc ? { loc } : {}), ...extra }, valueOperand(r)];
  };
  const ivTy = p.ivTy;
  const bits = ivTy === 'i32' ? 32 : 64;
  const int = (v: bigint): Operand => ({ kind: 'int', value: v });

  // The guard. A 32-bit counter runs the vector loop as 64 bits (the
  // addresses' extension of it comes for free, and N-(lanes-1) cannot wrap);
  // a 64-bit one needs N-(lanes-1) not to wrap below the type's minimum.
  const i0 = newValue(fn, ivTy);
  const g: Inst[] = [];
  const isWide = ivTy === 'i32';
  const ext = p.isSigned ? 'sext' : 'zext';
  const vTy: IrType = 'i64';
  let vstart: Operand = valueOperand(i0);
  let vbound: Operand;
  let ok: Operand;
  if (isWide) {
    const [w0I, w0] = mk(ext, 'i64', [valueOperand(i0)], { opTy: 'i32' });
    const [nI, n] = mk(ext, 'i64', [p.bound], { opTy: 'i32' });
    const [vboundI, vb] = mk('sub', 'i64', [n, int(BigInt(p.lanes - 1))]);
    g.push(w0I, nI, vboundI);
    vstart = w0;
    vbound = vb;
    ok = int(1n);
  } else {
    const [vboundI, vb] = mk('sub', ivTy, [p.bound, int(BigInt(p.lanes - 1))]);
    const min = p.isSigned ? -(1n << BigInt(bits - 1)) : 0n;
    const [noWrapI, noWrap] = mk('icmp', 'i32', [p.bound, int(min + BigInt(p.lanes - 1))], { opTy: ivTy, cond: p.isSigned ? 'sge' : 'uge' });
    g.push(vboundI, noWrapI);
    vbound = vb;
    ok = noWrap;
  }
  const span = BigInt(p.lanes * sizeOfType(p.lane));
  for (const [x, y] of p.checks) {
    // d = y - x; fine when d == 0 or |d| >= span, i.e. (d + span-1) as unsigned > 2·(span-1).
    const [xiI, xi] = mk('ptrtoint', 'i64', [x], { opTy: 'ptr' });
    const [yiI, yi] = mk('ptrtoint', 'i64', [y], { opTy: 'ptr' });
    const [dI, d] = mk('sub', 'i64', [yi, xi]);
    const [uI, u] = mk('add', 'i64', [d, int(span - 1n)]);
    const [farI, far] = mk('icmp', 'i32', [u, int(2n * (span - 1n))], { opTy: 'i64', cond: 'ugt' });
    const [sameI, same] = mk('icmp', 'i32', [d, int(0n)], { opTy: 'i64', cond: 'eq' });
    const [fineI, fine] = mk('or', 'i32', [far, same]);
    g.push(xiI, yiI, dI, uI, farI, sameI, fineI);
    if (ok.kind === 'int') ok = fine;
    else {
      const [andI, and] = mk('and', 'i32', [ok, fine]);
      g.push(andI);
      ok = and;
    }
  }
  // Splats of the invariants the vector body reads.
  const splats = new Map<string, Operand>();
  const splatOf = (o: Operand): Operand => {
    const key = o.kind === 'value' ? `v${o.id}` : o.kind === 'int' ? `i${o.value}` : o.kind === 'float' ? `f${Object.is(o.value, -0) ? '-0' : o.value}` : `g${o.name}+${o.offset}`;
    let s = splats.get(key);
    if (s === undefined) {
      const [si, sv] = mk('splat', p.vty, [o], { opTy: p.lane });
      g.push(si);
      s = sv;
      splats.set(key, s);
    }
    return s;
  };

  // The vector body: scalars on the vector counter, vectors for data.
  const vi = newValue(fn, isWide ? vTy : ivTy);
  const vb: Inst[] = [];
  const map = new Map<number, Operand>();
  // The scalar counter: the epilogue's start (made on the way out, not per
  // iteration) and, in the body, any use of it other than its extension.
  let exitArg: Operand = valueOperand(vi);
  const exitInsts: Inst[] = [];
  if (isWide) {
    const [tI, t] = mk('trunc', 'i32', [valueOperand(vi)], { opTy: 'i64' });
    exitInsts.push(tI);
    exitArg = t;
    // The body's extension of the counter is the 64-bit counter itself.
    const isExt = (i: Inst) => i.op === ext && i.opTy === 'i32' && i.args[0]!.kind === 'value' && i.args[0].id === p.iv && i.result !== null;
    for (const i of p.body.insts) if (isExt(i)) map.set(i.result!, valueOperand(vi));
    const usesNarrow = p.body.insts.some((i) => i !== p.next && !isExt(i) && i.args.some((o) => o.kind === 'value' && o.id === p.iv));
    if (usesNarrow) {
      const [bI, b] = mk('trunc', 'i32', [valueOperand(vi)], { opTy: 'i64' });
      vb.push(bI);
      map.set(p.iv, b);
    }
  } else {
    map.set(p.iv, valueOperand(vi));
  }
  const scalarOf = (o: Operand): Operand => (o.kind === 'value' ? map.get(o.id) ?? o : o);
  const dataOf = (o: Operand): Operand => (o.kind === 'value' && map.has(o.id) ? map.get(o.id)! : splatOf(o));
  for (const i of p.body.insts) {
    if (i === p.next) continue;
    if (i.result !== null && p.scalar.has(i.result)) {
      if (map.has(i.result)) continue;
      const [c, r] = mk(i.op, i.ty!, i.args.map(scalarOf), { ...(i.opTy ? { opTy: i.opTy } : {}) });
      vb.push(c);
      map.set(i.result, r);
    } else if (i.op === 'load') {
      const [c, r] = mk('load', p.vty, [scalarOf(i.args[0]!)]);
      vb.push(c);
      map.set(i.result!, r);
    } else if (i.op === 'store') {
      vb.push({ op: 'store', result: null, ty: p.vty, args: [dataOf(i.args[0]!), scalarOf(i.args[1]!)], ...(i.loc ? { loc: i.loc } : {}) });
    } else {
      const args = i.args.map(dataOf);
      // A splat lives through the loop: as the second operand of a commutative
      // operation it is read in place, not copied (two-address targets).
      const fromBody = (o: Operand) => o.kind === 'value' && map.has(o.id);
      if (OPS[i.op].isCommutative && !fromBody(i.args[0]!) && fromBody(i.args[1]!)) args.reverse();
      const [c, r] = mk(i.op, p.vty, args);
      vb.push(c);
      map.set(i.result!, r);
    }
  }
  const [vnI, vn] = mk('add', isWide ? vTy : ivTy, [valueOperand(vi), int(BigInt(p.lanes))]);
  vb.push(vnI);
  // 64 bits hold the extended counter and bound exactly: a signed compare is right for both kinds.
  const [vcI, vc] = mk('icmp', 'i32', [valueOperand(vi), vbound], { opTy: isWide ? vTy : ivTy, cond: p.isSigned || isWide ? 'slt' : 'ult' });

  const guard: Block = {
    id: guardId, params: [i0], insts: g,
    term: { kind: 'br', cond: ok, then: { block: vhId, args: [vstart] }, else: { block: p.header.id, args: [valueOperand(i0)] } },
  };
  const vh: Block = {
    id: vhId, params: [vi], insts: [vcI],
    term: { kind: 'br', cond: vc, then: { block: vbId, args: [] }, else: { block: vxId, args: [] } },
  };
  const vx: Block = { id: vxId, params: [], insts: exitInsts, term: { kind: 'jmp', target: { block: p.header.id, args: [exitArg] } } };
  const vbody: Block = { id: vbId, params: [], insts: vb, term: { kind: 'jmp', target: { block: vhId, args: [vn] } } };
  const at = fn.blocks.indexOf(p.header);
  fn.blocks.splice(at, 0, guard, vh, vbody, vx);
}
